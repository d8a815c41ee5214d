// Benchmark 2 (issue 6) and the page part of 4: the campaign page under load, and with 1,000,000
// signatures.
//
// One script, one production server (apps/web's custom server, `npm run start -w @undersigned/web`;
// the build is refreshed first when .next is missing or older than the sources), one fresh
// database with two published campaigns: ~1,000 signatures and 1,000,000 (INSERT … SELECT
// generate_series, counter shards topped up to equal the table). wrk -t1 -c64, BENCH_SECONDS
// (default 20) per page, in BENCH_ROUNDS (default 2) interleaved rounds:
//   static   /privacy — a page with no data at all, prerendered at build (the baseline);
//   page     /petitions/{1k campaign}; /es/petitions/{1k}; /petitions/{1M campaign};
//   count    /api/v1/petitions/{slug}/count for both campaigns.
// Postgres statements per run come from pg_stat_database (transactions of the bench database,
// read from the maintenance database after a quiet period so every backend has published them).
// Afterwards: a new signature is written and the page is polled until it shows the new count.
//
//   npm run bench:page             (BENCH_SECONDS=10 for a quick look; BENCH_BUILD=0 skips the build check)
import { createCampaign } from '@undersigned/core/testing';
import { seedSignatures } from '@undersigned/core/testing';
import type { Row, WrkResult } from './lib';
import { fmt, loadAverage, ms, ok2xx, perSecond, runPageBench, wrkGet } from './page-lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const BIG = Number(process.env.BENCH_BIG_SIGNATURES ?? 1_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

interface Measured {
  result: WrkResult;
  statements: number;
}

void runPageBench(
  'page',
  () => `Campaign page — ${SECONDS}s per page (${ROUNDS} interleaved rounds), wrk -t1 -c64`,
  async ({ t, stats, rows, loadBefore, startWeb }) => {
    const small = await createCampaign(t.db, { slug: 'bench-page-1k', goal: 10_000, titleEs: 'Petición de prueba' });
    const big = await createCampaign(t.db, { slug: 'bench-page-1m', goal: 2_000_000 });
    await seedSignatures(t.db, small.id, { count: 1_000, batch: 'small' });
    const seedStart = Date.now();
    const chunk = 250_000;
    for (let done = 0; done < BIG; done += chunk) {
      await seedSignatures(t.db, big.id, { count: Math.min(chunk, BIG - done), batch: `big${done}` });
    }
    await t.db.$executeRawUnsafe('VACUUM ANALYZE'); // no autovacuum during the runs
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const [{ n: bigRows } = { n: 0n }] = await t.db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*)::bigint AS n FROM signature WHERE campaign_id = ${big.id}`;

    const base = (await startWeb()).url;
    const paths = {
      static: '/privacy',
      page1k: `/petitions/${small.slug}`,
      page1kEs: `/es/petitions/${small.slug}`,
      page1m: `/petitions/${big.slug}`,
      count1k: `/api/v1/petitions/${small.slug}/count`,
      count1m: `/api/v1/petitions/${big.slug}/count`,
    };
    // Render each page once (ISR: first visit) and warm the JIT on every route.
    for (const p of Object.values(paths)) {
      const res = await fetch(base + p);
      if (res.status !== 200) throw new Error(`${p} answered ${res.status}`);
    }
    for (const p of Object.values(paths)) wrkGet(base + p, 2);

    // Each run's statements: from the settled counter before it to the settled counter after it.
    let last = await stats.settled();
    async function measure(p: string, seconds: number): Promise<Measured> {
      const result = wrkGet(base + p, seconds);
      const after = await stats.settled();
      const statements = after.xacts - last.xacts;
      last = after;
      return { result, statements };
    }
    /** Sums runs of the same URL (requests, statements, time; the worst p99). */
    const merge = (a: Measured | undefined, b: Measured): Measured =>
      a
        ? {
            statements: a.statements + b.statements,
            result: {
              ...b.result,
              requests: a.result.requests + b.result.requests,
              duration_us: a.result.duration_us + b.result.duration_us,
              p99_us: Math.max(a.result.p99_us, b.result.p99_us),
              statuses: Object.fromEntries(
                [...new Set([...Object.keys(a.result.statuses), ...Object.keys(b.result.statuses)])].map((k) => [
                  k,
                  (a.result.statuses[k] ?? 0) + (b.result.statuses[k] ?? 0),
                ]),
              ),
              errors: { ...b.result.errors, timeout: a.result.errors.timeout + b.result.errors.timeout },
            },
          }
        : b;

    const cache = (await fetch(base + paths.page1k)).headers.get('x-nextjs-cache');
    // The machine is shared: the pages are measured in interleaved rounds (static, 1k, 1k es, 1M,
    // then again) so that a change of background load hits all of them alike.
    const order = ['static', 'page1k', 'page1kEs', 'page1m'] as const;
    const sums: Partial<Record<(typeof order)[number], Measured>> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const key of order) sums[key] = merge(sums[key], await measure(paths[key], SECONDS / ROUNDS));
    }
    const { static: s, page1k: p1k, page1kEs: p1kEs, page1m: p1m } = sums as Record<(typeof order)[number], Measured>;
    const c1k = await measure(paths.count1k, Math.max(5, Math.round(SECONDS / 2)));
    const c1m = await measure(paths.count1m, Math.max(5, Math.round(SECONDS / 2)));
    const loadAfter = loadAverage();

    // Staleness: a new signature (as the sign path writes it: row + counter) → seconds until the
    // page shows it, polled every 250 ms (a visitor at least every 250 ms keeps regenerating it).
    await seedSignatures(t.db, small.id, { count: 1, batch: 'late' });
    const want = `${fmt(1_001)} of 10,000`;
    const wrote = Date.now();
    let staleMs = -1;
    while (Date.now() - wrote < 20_000) {
      const html = await (await fetch(base + paths.page1k)).text();
      if (html.includes(want)) {
        staleMs = Date.now() - wrote;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }

    const staticRate = perSecond(s.result);
    const all2xx = (m: Measured) => ok2xx(m.result) === m.result.requests && m.result.errors.timeout === 0;
    const perRequest = (m: Measured) => m.statements / m.result.requests;
    const qps = (m: Measured) => m.statements / (m.result.duration_us / 1e6);
    const pageRow = (figure: string, m: Measured, baseline = staticRate): Row => {
      const ratio = perSecond(m.result) / baseline;
      return {
        figure,
        value: `${fmt(perSecond(m.result))} req/s, p99 ${ms(m.result.p99_us)}, ${m.statements} statements (${qps(m).toFixed(2)}/s, ${perRequest(m).toFixed(4)}/req)`,
        target: '≥ 90% of static, ≈ 0 statements/req',
        ratio: `${(ratio * 100).toFixed(0)}%`,
        pass: ratio >= 0.9 && perRequest(m) < 0.01 && all2xx(m),
      };
    };
    rows.push({
      figure: 'static page /privacy (baseline)',
      value: `${fmt(staticRate)} req/s, p99 ${ms(s.result.p99_us)}, ${s.statements} statements`,
      target: '—',
      pass: all2xx(s),
    });
    rows.push(pageRow('campaign page, 1,000 signatures', p1k));
    rows.push(pageRow('campaign page /es/, 1,000 signatures', p1kEs));
    rows.push(pageRow(`campaign page, ${fmt(Number(bigRows))} signatures`, p1m));
    const bigVsSmall = perSecond(p1m.result) / perSecond(p1k.result);
    rows.push({
      figure: 'page: 1M vs 1k signatures',
      value: `${fmt(perSecond(p1m.result))} vs ${fmt(perSecond(p1k.result))} req/s`,
      target: '≥ 90% (as fast)',
      ratio: `${(bigVsSmall * 100).toFixed(0)}%`,
      pass: bigVsSmall >= 0.9,
    });
    for (const [figure, m] of [
      ['count endpoint, 1,000 signatures', c1k],
      ['count endpoint, 1M signatures', c1m],
    ] as const) {
      rows.push({
        figure,
        value: `${fmt(perSecond(m.result))} req/s, p99 ${ms(m.result.p99_us)}, ${m.statements} statements (${qps(m).toFixed(2)}/s)`,
        target: '≤ 1 read (2 statements) per 2 s',
        pass: all2xx(m) && m.statements <= (Math.ceil(m.result.duration_us / 2e6) + 1) * 2,
      });
    }
    const countRatio = perSecond(c1m.result) / perSecond(c1k.result);
    rows.push({
      figure: 'count: 1M vs 1k signatures',
      value: `${fmt(perSecond(c1m.result))} vs ${fmt(perSecond(c1k.result))} req/s`,
      target: '≥ 90% (as fast)',
      ratio: `${(countRatio * 100).toFixed(0)}%`,
      pass: countRatio >= 0.9,
    });
    rows.push({
      figure: 'new signature visible on the page',
      value: staleMs >= 0 ? `after ${(staleMs / 1000).toFixed(1)} s` : 'not within 20 s',
      target: '≤ 7 s (5 s window + render)',
      pass: staleMs >= 0 && staleMs <= 7_000,
    });
    rows.push({
      figure: 'first page answer after warm-up',
      value: `x-nextjs-cache: ${cache ?? '(none)'}`,
      target: 'HIT or STALE (from cache)',
      pass: cache === 'HIT' || cache === 'STALE',
    });
    rows.push({ figure: 'seed 1M signatures (INSERT … SELECT)', value: `${seedSeconds.toFixed(1)} s`, target: '—' });
    rows.push({ figure: 'load average (1/5/15 min) before / after', value: `${loadBefore} / ${loadAfter}`, target: '2 cores' });
  },
);
