// Benchmark 4 (issue 6), staff side: a campaign with 1,000,000 signatures next to one with 1,000.
//
//   (a) the staff dashboard verb (getCampaignDashboard) and the count (getSignatureCount): median
//       latency of several calls, 1k vs 1M — they must stay comparable (no scan of the campaign's
//       rows per view);
//   (b) the staff CSV export (streamSignaturesCsv) of all 1M rows, in a child process of its own:
//       rows/s and that process's peak RSS (VmHWM from /proc), against `psql \copy` of the same
//       rows and columns (ratio printed). Targets: peak RSS ≤ 256 MB, ≥ 50 % of \copy's rate;
//   (c) delivering a 100,000-row batch: see bench/deliver-100k.ts.
//
// The page side of issue-6 item 4 (the public campaign page with 1M signatures) is in
// bench/campaign-page.ts.
//
//   npm run bench:million          (BENCH_BIG_SIGNATURES=200000 for a quick look)
//
// Needs the local Postgres. Creates and drops its own database.
import { spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase } from '@undersigned/db/testing';
import { getCampaignDashboard, getSignatureCount, listSignatures, signaturesCsvSelect, streamSignaturesCsv } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { printTable, ROOT, type Row } from './lib';
import { seedCountedSignatures } from './seed-signatures';

const BIG = Number(process.env.BENCH_BIG_SIGNATURES ?? 1_000_000);
const SMALL = 1_000;
const CALLS = 11;
/** Below this difference two latencies count as comparable whatever their ratio (the box is shared). */
const SLACK_MS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * Median latency of CALLS calls each for the small and the big campaign, interleaved (small, big,
 * small, big …) so a change in the machine's load hits both alike; one warm-up call each first.
 */
async function timePair(fn: (id: number) => Promise<unknown>, small: number, big: number): Promise<[number, number]> {
  await fn(small);
  await fn(big);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    for (const [id, into] of [
      [small, a],
      [big, b],
    ] as const) {
      const t0 = process.hrtime.bigint();
      await fn(id);
      into.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  return [median(a), median(b)];
}

/** Child mode: export one campaign with the staff export verb to a file, report rows, ms, peak RSS. */
async function exportChild(campaignId: number, out: string): Promise<void> {
  const { getDb } = await import('@undersigned/db');
  const db = getDb();
  const file = createWriteStream(out);
  const t0 = process.hrtime.bigint();
  let bytes = 0;
  let lines = 0;
  for await (const chunk of streamSignaturesCsv(db, { campaignId, includeEmail: true })) {
    bytes += Buffer.byteLength(chunk);
    for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines += 1;
    if (!file.write(chunk)) await once(file, 'drain');
  }
  file.end();
  await once(file, 'finish');
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const status = readFileSync('/proc/self/status', 'utf8');
  const hwmKb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  process.stdout.write(`BENCH_JSON ${JSON.stringify({ rows: lines - 1, bytes, ms, peakRssMb: hwmKb / 1024 })}\n`);
  await db.$disconnect();
}

function runExportChild(url: string, campaignId: number, out: string): { rows: number; bytes: number; ms: number; peakRssMb: number } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'million-rows.ts'), '--export-child', String(campaignId), out], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (r.status !== 0 || !line) throw new Error(`export child failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('BENCH_JSON '.length)) as { rows: number; bytes: number; ms: number; peakRssMb: number };
}

/** The export's own SELECT (same rows, columns and formatting), for psql \copy. */
const exportSelect = (campaignId: number) => signaturesCsvSelect({ campaignId, includeEmail: true }).replace(/\s+/g, ' ');

async function main() {
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
  const t = await createTestDatabase('bench_million');
  const rows: Row[] = [];
  let failed = false;
  try {
    const jurisdiction = Array.from({ length: 3 }, (_, i) => String(95110 + i));
    const targets = [{ title: 'Mayor', givenName: 'Bench', familyName: 'Mark', email: 'mayor@bench.example', postalCodes: jurisdiction }];
    const small = await createCampaign(t.db, { title: 'Small petition', goal: 1_000_000_000, targets });
    const big = await createCampaign(t.db, { title: 'Viral petition', goal: 1_000_000_000, targets });
    let t0 = Date.now();
    await seedCountedSignatures(t.db, small.id, SMALL, 's');
    await seedCountedSignatures(t.db, big.id, BIG, 'b');
    const seedMs = Date.now() - t0;
    t0 = Date.now();
    await t.db.$executeRawUnsafe('VACUUM ANALYZE signature');
    await t.db.$executeRawUnsafe('VACUUM ANALYZE person');
    const vacuumMs = Date.now() - t0;
    const [{ n: tableRows }] = (await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM signature WHERE campaign_id = ${big.id}`).map(
      (r) => ({ n: Number(r.n) }),
    ) as [{ n: number }];
    rows.push({
      figure: `seed ${fmt(BIG + SMALL)} signatures (INSERT … SELECT) + VACUUM ANALYZE`,
      value: `${(seedMs / 1000).toFixed(1)} s + ${(vacuumMs / 1000).toFixed(1)} s`,
      target: '—',
    });
    rows.push({
      figure: 'count = table (big campaign)',
      value: `${fmt(await getSignatureCount(t.db, big.id))} / ${fmt(tableRows)}`,
      target: 'equal',
      pass: (await getSignatureCount(t.db, big.id)) === tableRows,
    });

    // Rows are seeded with their delivery sequence, as the worker's planner leaves them seconds
    // after signing (assigning 1M at once in one transaction is not what it ever does). The first
    // dashboard view then folds every row into the campaign's rollup: a one-time cost, later
    // views fold only what was sequenced since.
    const tz = 'America/Los_Angeles';
    t0 = Date.now();
    await getCampaignDashboard(t.db, small.id, { timeZone: tz });
    await getCampaignDashboard(t.db, big.id, { timeZone: tz });
    const foldMs = Date.now() - t0;
    rows.push({
      figure: 'first dashboard view after the seed: fold every row into the rollup (once)',
      value: `${(foldMs / 1000).toFixed(1)} s`,
      target: '—',
    });

    // (a) dashboard, count, signatures browser: 1k vs 1M.
    const measured: [string, (id: number) => Promise<unknown>, number][] = [
      ['getSignatureCount', (id) => getSignatureCount(t.db, id), 3],
      ['getCampaignDashboard (daily, 30 days)', (id) => getCampaignDashboard(t.db, id, { timeZone: tz, granularity: 'day' }), 3],
      ['getCampaignDashboard (hourly, 48 h)', (id) => getCampaignDashboard(t.db, id, { timeZone: tz, granularity: 'hour' }), 3],
      ['listSignatures, page 1 (browser)', (id) => listSignatures(t.db, { campaignId: id }), 3],
    ];
    for (const [name, fn, maxRatio] of measured) {
      const [a, b] = await timePair(fn, small.id, big.id);
      const ratio = b / a;
      rows.push({
        figure: `${name}: 1k vs ${BIG / 1e6}M (median of ${CALLS}, interleaved)`,
        value: `${a.toFixed(1)} ms vs ${b.toFixed(1)} ms`,
        target: `big ≤ ${maxRatio}× small, or within ${SLACK_MS} ms`,
        ratio: `${ratio.toFixed(1)}×`,
        pass: ratio <= maxRatio || b - a <= SLACK_MS,
      });
    }
    const dash = await getCampaignDashboard(t.db, big.id, { timeZone: tz });
    rows.push({
      figure: 'dashboard sanity (big campaign)',
      value: `total ${fmt(dash.total)}, confirmed ${fmt(dash.byStatus.confirmed)}, 7 days ${fmt(dash.last7Days)}, constituents ${fmt(dash.constituents)}`,
      target: 'total = table',
      pass: dash.total === tableRows && dash.byStatus.confirmed === tableRows,
    });

    // (b) the staff CSV export of all rows, in its own process, vs psql \copy of the same rows.
    const out = path.join(tmpdir(), `bench-million-${process.pid}.csv`);
    const copyRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const c0 = process.hrtime.bigint();
      const r = spawnSync('psql', [t.url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy (${exportSelect(big.id)}) TO '${out}' WITH (FORMAT csv, HEADER)`], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
      copyRuns.push(Number(process.hrtime.bigint() - c0) / 1e6);
    }
    const copyBytes = statSync(out).size;
    const copyMs = median(copyRuns);
    const copyRate = tableRows / (copyMs / 1000);
    const exp = runExportChild(t.url, big.id, out);
    rmSync(out, { force: true });
    const expRate = exp.rows / (exp.ms / 1000);
    rows.push({
      figure: `psql \\copy of the same ${fmt(tableRows)} rows (median of 3)`,
      value: `${(copyMs / 1000).toFixed(2)} s, ${fmt(copyRate)} rows/s, ${(copyBytes / 1e6).toFixed(0)} MB`,
      target: 'baseline',
    });
    rows.push({
      figure: 'staff CSV export (streamSignaturesCsv), all rows',
      value: `${(exp.ms / 1000).toFixed(2)} s, ${fmt(expRate)} rows/s, ${(exp.bytes / 1e6).toFixed(0)} MB, ${fmt(exp.rows)} rows`,
      target: '≥ 50% of \\copy',
      ratio: `${((expRate / copyRate) * 100).toFixed(0)}%`,
      pass: expRate >= 0.5 * copyRate && exp.rows === tableRows,
    });
    rows.push({ figure: 'export process peak RSS (VmHWM)', value: `${exp.peakRssMb.toFixed(0)} MB`, target: '≤ 256 MB', pass: exp.peakRssMb <= 256 });
    rows.push({ figure: '(c) delivery of a 100,000-row batch', value: 'see bench/deliver-100k.ts', target: '≤ 2× \\copy, ≤ 256 MB' });
    rows.push({ figure: 'load average at start (1/5/15 min, 2 cores)', value: load, target: '—' });
    failed = rows.some((r) => r.pass === false);
  } finally {
    printTable(`Million rows — ${fmt(BIG)} vs ${fmt(SMALL)} signatures, staff dashboard, count, browser, CSV export`, rows);
    if (process.env.BENCH_KEEP_DB) {
      console.log(`kept database (drop it yourself): ${t.url}`);
      await t.db.$disconnect();
    } else {
      await t.drop();
    }
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[2] === '--export-child') {
  exportChild(Number(process.argv[3]), process.argv[4]!).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
