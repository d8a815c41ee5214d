import { createDb } from '@undersigned/db';
import { useTestDatabase } from '@undersigned/db/testing';
import { checkDatabase } from './check-database';

const t = useTestDatabase('check_database');

describe('checkDatabase', () => {
  it('resolves when Postgres answers', async () => {
    await expect(checkDatabase(t.db)).resolves.toBeUndefined();
  });

  it('rejects when nothing listens at the database address', async () => {
    // Port 1 is never a Postgres server; the connection is refused at once.
    const unreachable = createDb({ url: 'postgresql://postgres@127.0.0.1:1/none', max: 1 });
    try {
      await expect(checkDatabase(unreachable)).rejects.toThrow();
    } finally {
      await unreachable.$disconnect();
    }
  });
});
