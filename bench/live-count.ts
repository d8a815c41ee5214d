// Benchmark 3 (issue 6): the live count. Open campaign pages poll
// GET /api/v1/petitions/{slug}/count every 10 s ± 2 s (components/live-count.tsx); the route reads
// Postgres at most once per slug per 2 s per process (server/cached-count.ts). This shows that
// the number of open pages does not become load on Postgres.
//
// One production server (apps/web's custom server; build refreshed when stale), one fresh database,
// one campaign with 1,000 signatures. Runs of BENCH_SECONDS (default 20) with 0, 200 and
// BENCH_POLLERS (default 2,000) simulated pages, each polling like the component (first poll at a
// random moment of its first period, then every 8–12 s; each page on its own keep-alive
// connection). Postgres statements per run: transactions of the bench database from
// pg_stat_database, read after a quiet period.
//
//   npm run bench:live-count
import http from 'node:http';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { fmt, loadAverage, runPageBench } from './page-lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const POLLERS = Number(process.env.BENCH_POLLERS ?? 2_000);
const POLL_MS = 10_000;
const JITTER_MS = 2_000;
/** server/cached-count.ts COUNT_CACHE_MS: one read = 2 statements (campaign row, counter sum). */
const CACHE_MS = 2_000;
const STATEMENTS_PER_READ = 2;

interface PollRun {
  pollers: number;
  requests: number;
  ok: number;
  p99Ms: number;
  statements: number;
  seconds: number;
}

function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { accept: 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

async function poll(url: string, pollers: number, seconds: number): Promise<Omit<PollRun, 'statements'>> {
  const latencies: number[] = [];
  let ok = 0;
  const deadline = Date.now() + seconds * 1000;
  // A page is a browser: its own connection, kept alive between polls.
  const agents = Array.from({ length: pollers }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  await Promise.all(
    agents.map(async (agent) => {
      let wait = Math.random() * POLL_MS;
      for (;;) {
        await new Promise((r) => setTimeout(r, wait));
        if (Date.now() >= deadline) return;
        const started = performance.now();
        try {
          if ((await get(url, agent)) === 200) ok += 1;
        } catch {
          // counted as not ok
        }
        latencies.push(performance.now() - started);
        wait = POLL_MS - JITTER_MS + Math.random() * 2 * JITTER_MS;
      }
    }),
  );
  for (const agent of agents) agent.destroy();
  latencies.sort((a, b) => a - b);
  return { pollers, requests: latencies.length, ok, p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0, seconds };
}

void runPageBench(
  'live_count',
  () => `Live count — ${SECONDS}s per run, pages poll every ${POLL_MS / 1000} s ± ${JITTER_MS / 1000} s`,
  async ({ t, stats, rows, loadBefore, startWeb }) => {
    const campaign = await createCampaign(t.db, { slug: 'bench-live-count', goal: 10_000 });
    await seedSignatures(t.db, campaign.id, { count: 1_000, batch: 'live' });
    await t.db.$executeRawUnsafe('VACUUM ANALYZE');
    const base = (await startWeb()).url;
    const url = `${base}/api/v1/petitions/${campaign.slug}/count`;
    await poll(url, 50, 3); // JIT, pools

    const runs: PollRun[] = [];
    for (const pollers of [0, Math.round(POLLERS / 10), POLLERS]) {
      const before = await stats.settled();
      const r =
        pollers === 0
          ? await new Promise<Omit<PollRun, 'statements'>>((res) =>
              setTimeout(() => res({ pollers, requests: 0, ok: 0, p99Ms: 0, seconds: SECONDS }), SECONDS * 1000),
            )
          : await poll(url, pollers, SECONDS);
      const after = await stats.settled();
      runs.push({ ...r, statements: after.xacts - before.xacts });
    }
    const loadAfter = loadAverage();

    // The count a poller sees follows a new signature within the cache period: fill the cache
    // first, then write.
    await fetch(url);
    await seedSignatures(t.db, campaign.id, { count: 1, batch: 'late' });
    const wrote = Date.now();
    let seenMs = -1;
    while (Date.now() - wrote < 10_000) {
      const body = (await (await fetch(url)).json()) as { total_signatures: number };
      if (body.total_signatures === 1_001) {
        seenMs = Date.now() - wrote;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    // Reads a process may make in a run: one at the start and one per cache period after it.
    const bound = (Math.ceil((SECONDS * 1000) / CACHE_MS) + 1) * STATEMENTS_PER_READ;
    for (const r of runs) {
      const perSecond = r.statements / r.seconds;
      rows.push({
        figure: `${fmt(r.pollers)} open pages polling`,
        value:
          r.pollers === 0
            ? `${r.statements} statements (${perSecond.toFixed(2)}/s) — idle server`
            : `${fmt(r.requests)} polls (${fmt(r.requests / r.seconds)}/s), ${r.ok === r.requests ? 'all 200' : `${r.requests - r.ok} failed`}, p99 ${r.p99Ms.toFixed(1)} ms; ${r.statements} statements (${perSecond.toFixed(2)}/s, ${(r.statements / Math.max(1, r.requests)).toFixed(4)}/poll)`,
        target: r.pollers === 0 ? '—' : `≤ ${bound} (1 read of ${STATEMENTS_PER_READ} per ${CACHE_MS / 1000} s)`,
        pass: r.pollers === 0 ? undefined : r.ok === r.requests && r.statements <= bound,
      });
    }
    const few = runs[1]!;
    const many = runs[2]!;
    const growth = many.statements / Math.max(1, few.statements);
    rows.push({
      figure: `statements: ${fmt(many.pollers)} vs ${fmt(few.pollers)} pages`,
      value: `${many.statements} vs ${few.statements}`,
      target: `bounded, not ${many.pollers / Math.max(1, few.pollers)}×`,
      ratio: `${growth.toFixed(2)}×`,
      pass: growth <= 1.5,
    });
    rows.push({
      figure: 'new signature seen by a poller',
      value: seenMs >= 0 ? `after ${(seenMs / 1000).toFixed(1)} s` : 'not within 10 s',
      target: '≤ 2 s (cache period)',
      pass: seenMs >= 0 && seenMs <= CACHE_MS + 500,
    });
    rows.push({ figure: 'load average (1/5/15 min) before / after', value: `${loadBefore} / ${loadAfter}`, target: '2 cores' });
  },
);
