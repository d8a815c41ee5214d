// Benchmark 1 (issue 6): the sign path under a viral spike.
//
// Runs, in one script and on the same table shape:
//   baseline — bench/baseline-server.ts: bare node:http + group-commit INSERTs into a table shaped
//              like `signature` (LIKE signature INCLUDING ALL), nothing else;
//   product  — the production build of apps/web behind its custom server (validation, dedupe,
//              rate limiting, counting all on), the OSDI JSON POST and then the HTML form post.
// Load: wrk, 1 thread, 64 connections, BENCH_SECONDS (default 60) each, distinct emails + 20%
// repeats, from one IP (the product's per-IP limits are raised through SIGN_LIMIT_* env, the
// limiter still runs on every request). Afterwards it checks: no 5xx; rows in the table = distinct
// emails accepted; the public count equals the table within 2 s.
//
//   npm run bench:sign            (BENCH_SECONDS=10 for a quick look)
//   BENCH_CPU_PROF=/tmp/prof      also writes a V8 CPU profile of the web server (.cpuprofile)
//   BENCH_SKIP_BASELINE=1         product only (for profiling; no ratio, so the run reports a miss)
//   BENCH_WEB_ENV='K=V K2=V2'     extra environment for the web server (A/B runs of SIGN_* settings)
//   BENCH_METRICS_SECONDS=N       length of each metrics on/off run (default SECONDS/4, at least 5)
//   BENCH_METRICS_ROUNDS=N        on/off pairs, in ABBA order (default 2)
//
// The cost of metrics (issue 16): the product server (metrics on, as deployed) and a second one with
// METRICS_ENABLED=false take interleaved runs of the same length on a campaign of their own; the
// throughput ratio is printed, target: metrics cost < 5 %.
import { createCampaign } from '@undersigned/core/testing';
import { createTestDatabase } from '@undersigned/db/testing';
import { sampleValue } from '@undersigned/metrics';
import { freePort, inheritedEnv, startProcess, startWebServer, waitUntilUp } from '@undersigned/testing';
import { ROOT, accepted, benchEnv, cpuByCommand, cpuPerUnit, echo, printTable, printTarget, wrk, type Row, type WrkResult } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const METRICS_SECONDS = Number(process.env.BENCH_METRICS_SECONDS ?? Math.max(5, Math.round(SECONDS / 4)));
const METRICS_ROUNDS = Number(process.env.BENCH_METRICS_ROUNDS ?? 2);
const METRICS_TOKEN = 'bench-metrics-token-0123456789ab';

const rate = (r: WrkResult) => accepted(r) / (r.duration_us / 1e6);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;

async function main() {
  const t = await createTestDatabase('bench_sign');
  const rows: Row[] = [];
  /** The target line (issue 14, target 3), printed after the table. */
  let summary: (() => void) | undefined;
  let failed = false;
  try {
    // ---- baseline
    let baseRate = Number.NaN;
    if (!process.env.BENCH_SKIP_BASELINE) {
      const basePort = await freePort();
      const base = startProcess(process.execPath, ['--import', 'tsx', 'bench/baseline-server.ts'], {
        cwd: ROOT,
        env: { ...inheritedEnv(), DATABASE_URL: t.url, PORT: String(basePort) },
        onOutput: echo('baseline'),
      });
      await waitUntilUp(`http://127.0.0.1:${basePort}/`, { alive: base.alive });
      const before = cpuByCommand();
      const b = wrk(`http://127.0.0.1:${basePort}/sign`, SECONDS, { RUN_TAG: 'base' });
      const after = cpuByCommand();
      await base.stop();
      baseRate = rate(b);
      rows.push({
        figure: 'baseline: bare node:http + group commit, signature-shaped table',
        value: `${fmt(baseRate)} sig/s, p99 ${ms(b.p99_us)}`,
        target: '—',
      });
      rows.push({ figure: 'baseline: where the CPU goes', value: cpuPerUnit(before, after, accepted(b), base.child.pid), target: '—' });
    }

    // ---- product
    const campaign = await createCampaign(t.db, { slug: 'bench-hot-campaign', goal: 10_000_000 });
    const warmup = await createCampaign(t.db, { slug: 'bench-warmup', goal: 10_000_000 });
    // The production server, started directly (not through npm, whose SIGTERM would not reach it).
    const webEnv = benchEnv(t.url, 'sign', {
      SIGN_LIMIT_PER_IP_SUSPICIOUS: '1000000000',
      SIGN_LIMIT_PER_IP_BLOCK: '1000000000',
      SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS: '1000000000',
      SIGN_LIMIT_PER_DOMAIN_BLOCK: '1000000000',
      // Metrics on, as deployed (the token lets the bench read them afterwards).
      METRICS_ENABLED: 'true',
      METRICS_TOKEN,
      ...Object.fromEntries(
        (process.env.BENCH_WEB_ENV ?? '')
          .split(/\s+/)
          .filter(Boolean)
          .map((kv) => [kv.split('=', 1)[0]!, kv.slice(kv.indexOf('=') + 1)]),
      ),
    });
    const app = await startWebServer({
      env: webEnv,
      nodeArgs: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [],
      onOutput: echo('web'),
      timeoutMs: 120_000,
    });
    const url = `${app.url}/api/v1/petitions/${campaign.slug}/signatures`;
    wrk(`${app.url}/api/v1/petitions/${warmup.slug}/signatures`, 3, { RUN_TAG: 'warm' }); // JIT, pools
    const cpuBefore = cpuByCommand();
    const p = wrk(url, SECONDS, { RUN_TAG: 'osdi' });
    const cpuAfter = cpuByCommand();
    const f = wrk(url, Math.max(5, Math.round(SECONDS / 4)), { RUN_TAG: 'form', FORM: '1' });

    // Correctness after the run.
    const fivexx = (r: WrkResult) =>
      Object.entries(r.statuses)
        .filter(([s]) => Number(s) >= 500)
        .reduce((a, [, n]) => a + n, 0);
    // wrk stops with up to 64 requests still in the server (their emails are already in
    // `distinct`): count the rows once those have committed, i.e. once the count stops moving.
    const rowCount = async () =>
      Number((await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM signature WHERE campaign_id = ${campaign.id}`)[0]!.n);
    let tableRows = await rowCount();
    for (let previous = -1; previous !== tableRows;) {
      previous = tableRows;
      await new Promise((r) => setTimeout(r, 500));
      tableRows = await rowCount();
    }
    const allAccepted = [p, f].every((r) => accepted(r) === r.requests);
    // An aggregate without GROUP BY answers exactly one row.
    const [{ counted } = { counted: 0 }] = await t.db.$queryRaw<{ counted: number }[]>`
      SELECT coalesce(sum(count), 0)::int AS counted FROM campaign_counter WHERE campaign_id = ${campaign.id}`;
    let countLagMs = -1;
    let lastShown: number | undefined;
    const started = Date.now();
    while (Date.now() - started < 5_000) {
      const res = await fetch(`${app.url}/api/v1/petitions/${campaign.slug}/count`);
      const body = (await res.json()) as { total_signatures?: number; count?: number };
      const shown = body.total_signatures ?? body.count;
      lastShown = shown;
      if (shown === tableRows) {
        countLagMs = Date.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    // ---- the cost of metrics: the same build with METRICS_ENABLED=true and =false, interleaved
    // runs (ABBA). Two fresh processes warmed alike: the main server above has served the whole
    // run (a bigger heap, fuller caches), which would bias a comparison against it.
    const metricsRows: Row[] = [];
    await app.stop();
    const withMetrics = await startWebServer({ env: webEnv, onOutput: echo('web-metrics'), timeoutMs: 120_000 });
    const noMetrics = await startWebServer({ env: { ...webEnv, METRICS_ENABLED: 'false' }, onOutput: echo('web-nometrics'), timeoutMs: 120_000 });
    const abCampaign = await createCampaign(t.db, { slug: 'bench-metrics-ab', goal: 10_000_000 });
    const abUrl = (base: string) => `${base}/api/v1/petitions/${abCampaign.slug}/signatures`;
    wrk(abUrl(noMetrics.url), 3, { RUN_TAG: 'warm-nometrics' });
    wrk(abUrl(withMetrics.url), 3, { RUN_TAG: 'warm-metrics' });
    const ab = { on: { accepted: 0, seconds: 0, fivexx: 0 }, off: { accepted: 0, seconds: 0, fivexx: 0 } };
    for (let round = 0; round < METRICS_ROUNDS; round += 1) {
      for (const variant of round % 2 === 0 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const r = wrk(abUrl(variant === 'on' ? withMetrics.url : noMetrics.url), METRICS_SECONDS, { RUN_TAG: `metrics-${variant}-${round}` });
        ab[variant].accepted += accepted(r);
        ab[variant].seconds += r.duration_us / 1e6;
        ab[variant].fivexx += fivexx(r);
      }
    }
    await noMetrics.stop();
    const scraped = await (await fetch(`${withMetrics.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    await withMetrics.stop();
    const onRate = ab.on.accepted / ab.on.seconds;
    const offRate = ab.off.accepted / ab.off.seconds;
    const metricsCost = 1 - onRate / offRate;
    metricsRows.push({
      figure: `metrics cost: ${METRICS_ROUNDS}×2 interleaved ${METRICS_SECONDS}s runs, METRICS_ENABLED=true vs false`,
      value: `on ${fmt(onRate)} sig/s, off ${fmt(offRate)} sig/s; 5xx ${ab.on.fivexx + ab.off.fivexx}`,
      target: 'cost < 5% of throughput',
      ratio: `${(metricsCost * 100).toFixed(1)}%`,
      pass: metricsCost < 0.05 && ab.on.fivexx + ab.off.fivexx === 0,
    });
    const batches = sampleValue(scraped, 'undersigned_sign_batch_size_count') ?? 0;
    metricsRows.push({
      figure: 'metrics as scraped from /metrics (metrics-on server)',
      value:
        `${fmt(sampleValue(scraped, 'undersigned_signatures_total', { outcome: 'accepted' }) ?? 0)} accepted, ` +
        `${fmt(batches)} batches (mean ${batches ? ((sampleValue(scraped, 'undersigned_sign_batch_size_sum') ?? 0) / batches).toFixed(1) : '—'} rows), ` +
        `mean commit ${batches ? (((sampleValue(scraped, 'undersigned_sign_batch_commit_seconds_sum') ?? 0) / batches) * 1000).toFixed(1) : '—'} ms`,
      target: '—',
    });

    const r1 = rate(p);
    const ratio = r1 / baseRate;
    const pass1 = r1 >= 10_000 && p.p99_us <= 50_000 && ratio >= 0.7;
    rows.push({
      figure: 'sign path, OSDI JSON POST',
      value: `${fmt(r1)} sig/s, p50 ${ms(p.p50_us)}, p99 ${ms(p.p99_us)}`,
      target: '≥ 10,000/s, p99 ≤ 50 ms, ≥ 70% of baseline',
      ratio: `${(ratio * 100).toFixed(0)}%`,
      pass: pass1,
    });
    rows.push({ figure: 'sign path: where the CPU goes', value: cpuPerUnit(cpuBefore, cpuAfter, accepted(p), app.child.pid), target: '—' });
    rows.push({
      figure: 'sign path, HTML form post',
      value: `${fmt(rate(f))} sig/s, p99 ${ms(f.p99_us)}`,
      target: 'same path',
      ratio: `${((rate(f) / baseRate) * 100).toFixed(0)}%`,
    });
    const no5xx = fivexx(p) + fivexx(f) === 0 && p.errors.timeout + f.errors.timeout === 0;
    rows.push({
      figure: '5xx / timeouts',
      value: `${fivexx(p) + fivexx(f)} / ${p.errors.timeout + f.errors.timeout}`,
      target: '0',
      pass: no5xx,
    });
    // wrk stops with requests still unanswered (at most one per connection); their emails count
    // in `distinct` but may never have reached the server. So: every answered new email is a row,
    // and there is no row for an email never sent.
    const distinct = p.distinct + f.distinct;
    const unanswered = p.generated - p.requests + (f.generated - f.requests);
    rows.push({
      figure: 'rows = distinct emails accepted',
      value: `${fmt(tableRows)} rows; ${fmt(distinct)} distinct emails sent, ${unanswered} requests unanswered when wrk stopped; every answer 2xx: ${allAccepted}`,
      target: 'distinct − unanswered ≤ rows ≤ distinct',
      pass: allAccepted && tableRows <= distinct && tableRows >= distinct - unanswered,
    });
    rows.push({
      figure: 'public count = table',
      value: countLagMs >= 0 ? `after ${countLagMs} ms` : `not within 5 s (shows ${lastShown}, counters ${counted}, table ${tableRows})`,
      target: '≤ 2,000 ms',
      pass: countLagMs >= 0 && countLagMs <= 2000,
    });
    rows.push(...metricsRows);
    failed = rows.some((r) => r.pass === false);
    summary = () =>
      printTarget({
        n: 3,
        name: 'sign path',
        figure: `${fmt(r1)} signatures/s, p99 ${ms(p.p99_us)}, every invariant checked above: ${failed ? 'NO' : 'yes'}`,
        baseline: `${fmt(baseRate)}/s (signature-shaped group-commit server)`,
        ratio: `${(ratio * 100).toFixed(0)}% (≥ 50%, ≥ 8,000/s, p99 ≤ 50 ms)`,
        met: ratio >= 0.5 && r1 >= 8_000 && p.p99_us <= 50_000 && !failed,
      });
  } finally {
    printTable(`Sign path — ${SECONDS}s per run, wrk -t1 -c64, 20% repeats`, rows);
    summary?.();
    if (process.env.BENCH_KEEP_DB) console.log(`kept database: ${t.url}`);
    else await t.drop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
