import { createReadCache } from './create-read-cache';

describe('createReadCache', () => {
  it('shares one read among concurrent misses and reads again only once the entry is ttlMs old', async () => {
    const cached = createReadCache<number>(1_000);
    let reads = 0;
    const load = async () => ++reads;
    const answers = await Promise.all(Array.from({ length: 50 }, () => cached('k', load, 10_000)));
    expect(new Set(answers)).toEqual(new Set([1]));
    expect(await cached('k', load, 10_999)).toBe(1);
    expect(await cached('k', load, 11_000)).toBe(2);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read: the next caller reads again', async () => {
    const cached = createReadCache<string>(1_000);
    await expect(cached('k', () => Promise.reject(new Error('db down')), 0)).rejects.toThrow('db down');
    expect(await cached('k', async () => 'ok', 1)).toBe('ok');
  });

  it('keeps at most maxEntries keys, dropping the oldest when all are fresh', async () => {
    const cached = createReadCache<string>(60_000, 2);
    let reads = 0;
    const load = (v: string) => async () => `${v}${++reads}`;
    await cached('a', load('a'), 0);
    await cached('b', load('b'), 1);
    await cached('c', load('c'), 2);
    expect(await cached('b', load('b'), 3)).toBe('b2');
    expect(await cached('a', load('a'), 4)).toBe('a4');
  });
});
