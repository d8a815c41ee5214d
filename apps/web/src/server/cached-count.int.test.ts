import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { useTestDatabase } from '@undersigned/db/testing';
import type { Db } from '@undersigned/db';
import { COUNT_CACHE_MS, getCachedCount } from './cached-count';

const t = useTestDatabase('web_cached_count');

/** The test database's client, counting the campaign lookups made through it. */
function countingDb(db: Db): { db: Db; lookups: () => number } {
  let lookups = 0;
  const wrapped = new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'campaign') {
        const campaign = target.campaign;
        return new Proxy(campaign, {
          get(c, p, r) {
            if (p === 'findUnique') lookups += 1;
            return Reflect.get(c, p, r);
          },
        });
      }
      return Reflect.get(target, prop, receiver);
    },
  });
  return { db: wrapped, lookups: () => lookups };
}

describe('getCachedCount (per-process cache of the public count)', () => {
  it('answers 2,000 concurrent pollers with one database read, and reads again only after the cache period', async () => {
    const c = await createCampaign(t.db);
    await seedSignatures(t.db, c.id, { count: 3 });
    const { db, lookups } = countingDb(t.db);
    const now = Date.now();
    const answers = await Promise.all(Array.from({ length: 2_000 }, () => getCachedCount(db, c.slug, now)));
    expect(new Set(answers.map((a) => a?.total))).toEqual(new Set([3]));
    expect(lookups()).toBe(1);

    await seedSignatures(t.db, c.id, { count: 1 });
    expect((await getCachedCount(db, c.slug, now + COUNT_CACHE_MS - 1))?.total).toBe(3);
    expect(lookups()).toBe(1);
    expect((await getCachedCount(db, c.slug, now + COUNT_CACHE_MS))?.total).toBe(4);
    expect(lookups()).toBe(2);
  });
});
