import { createPageSlugGuard } from './page-slug-guard';

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('createPageSlugGuard', () => {
  it('knows the loaded slugs and refuses others without reloading more than once per minRefreshMs', async () => {
    const c = clock();
    let loads = 0;
    const guard = createPageSlugGuard(async () => (loads++, ['san-jose']), { now: c.now });
    expect(await guard.isKnown('san-jose')).toBe(true);
    const flood = await Promise.all(Array.from({ length: 500 }, (_, i) => guard.isKnown(`made-up-${i}`)));
    expect(flood.every((k) => k === false)).toBe(true);
    expect(loads).toBe(1);
    c.advance(1_001);
    expect(await guard.isKnown('made-up-x')).toBe(false);
    expect(loads).toBe(2);
  });

  it('finds a campaign published a moment ago on its first visit', async () => {
    const c = clock();
    const slugs = ['a'];
    const guard = createPageSlugGuard(async () => [...slugs], { now: c.now });
    expect(await guard.isKnown('b')).toBe(false);
    slugs.push('b');
    c.advance(1_500);
    expect(await guard.isKnown('b')).toBe(true);
  });

  it('forgets an unpublished campaign once the set is older than maxAgeMs', async () => {
    const c = clock();
    let slugs = ['a', 'b'];
    const guard = createPageSlugGuard(async () => [...slugs], { now: c.now });
    expect(await guard.isKnown('b')).toBe(true);
    slugs = ['a'];
    c.advance(5_001);
    expect(await guard.isKnown('b')).toBe(false);
  });

  it('fails open when the slugs cannot be loaded', async () => {
    const logged: string[] = [];
    const guard = createPageSlugGuard(async () => Promise.reject(new Error('connection refused')), { log: (m) => logged.push(m) });
    expect(await guard.isKnown('anything')).toBe(true);
    expect(logged[0]).toMatch(/connection refused/);
  });
});
