import { workerNodeFlags } from './product';

describe('workerNodeFlags', () => {
  it("gives tests the heap limits of the worker's production start script", () => {
    const flags = workerNodeFlags();
    expect(flags).toEqual(
      expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/), expect.stringMatching(/^--max-semi-space-size=\d+$/)]),
    );
  });
});
