// Benchmarks for issue 11 (Viral capacity), targets 1 and 2: the first visit of a campaign page.
//
//   1. RECORD — the production build of apps/web (`server.ts`) on a fresh database with one
//      published campaign (with a target). Chromium (playwright-core, a phone: 390×844, fresh
//      context, empty cache) opens the campaign page; every request it makes until the network is
//      idle is recorded through the DevTools protocol: URL, method, the request headers that matter
//      (Accept, Accept-Encoding, RSC / Next-Router-* of the `?_rsc=` prefetches), status,
//      content-encoding, bytes transferred (as DevTools counts them: headers + encoded body) and
//      decoded, cache-control. Then a REPEAT visit in the same context (assets cached).
//   2. PAGE WEIGHT (target 2) — first visit ≤ 150 KB transferred in ≤ 8 requests, repeat ≤ 20 KB.
//   3. REPLAY (target 1) — wrk -t1 -c64 for BENCH_SECONDS (default 30) cycles through the recorded
//      requests (bench/first-visit.lua; one visit = one pass over the list; Accept-Encoding:
//      gzip, br) against (a) the product and (b) bench/first-visit-baseline.ts, a bare node:http
//      server answering the same URLs with the same bytes, gzipped once at startup, from memory.
//      Target: ≥ 50 % of the baseline's visits/s, p99 ≤ 100 ms, and no request per visit that the
//      server must render or query.
//
//   npm run bench:first-visit        (BENCH_SECONDS=10 for a quick look; BENCH_BUILD=1 rebuilds apps/web first)
//   BENCH_EACH_SECONDS=2             then each request alone against the product, to see where the time goes (0: skip)
//   BENCH_VERBOSE=1                  also the servers' stdout
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCampaign } from '@undersigned/core/testing';
import { createTestDatabase } from '@undersigned/db/testing';
import {
  ensureAppBuild,
  freePort,
  inheritedEnv,
  startProcess,
  startWebServer,
  waitUntilUp,
  type TestProcess,
  type WebServer,
} from '@undersigned/testing';
import { launchBrowser } from '@undersigned/testing/browser';
import {
  KB,
  PHONE_DEVICE as PHONE,
  cacheControl,
  compressedPerRequest,
  estimateCompressed,
  formatVisit,
  isRsc,
  kb,
  overNetwork,
  pathOf,
  recordVisit,
  rendered,
  replayableRequests,
  uncacheable,
  visitTotals,
  type Recorded,
} from '@undersigned/testing/first-visit';
import { SELECTOR_HEADERS, type RecordedAnswer } from './first-visit-baseline';
import { ROOT, benchEnv, echo, printTable, printTarget, type Row, type WrkResult } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;
const printVisit = (title: string, entries: Recorded[]) => console.log(formatVisit(title, entries));
/** The headers a replayed request carries: those that change the answer, and compression accepted. */
export function replayHeaders(r: Recorded): Record<string, string> {
  const sent = { ...r.headers, ...r.sentHeaders };
  const h: Record<string, string> = { 'accept-encoding': 'gzip, br' };
  if (sent.accept) h.accept = sent.accept;
  for (const name of SELECTOR_HEADERS) if (sent[name] !== undefined) h[name] = sent[name];
  return h;
}

const selectorsOf = (h: Record<string, string>) => Object.fromEntries(SELECTOR_HEADERS.filter((n) => h[n] !== undefined).map((n) => [n, h[n]!]));

/** A Lua string literal (bytes outside printable ASCII as \ddd). */
const lua = (s: string) =>
  '"' +
  [...Buffer.from(s, 'utf8')]
    .map((b) => (b === 0x22 ? '\\"' : b === 0x5c ? '\\\\' : b < 0x20 || b > 0x7e ? `\\${String(b).padStart(3, '0')}` : String.fromCharCode(b)))
    .join('') +
  '"';

function wrkReplay(url: string, list: string, seconds: number): WrkResult {
  const r = spawnSync(
    'wrk',
    ['-t1', '-c64', `-d${seconds}s`, '--timeout', '5s', '--latency', '-s', path.join(ROOT, 'bench', 'first-visit.lua'), url],
    { encoding: 'utf8', env: { ...process.env, FIRST_VISIT_LIST: list }, maxBuffer: 16 * 1024 * 1024 },
  );
  if (r.error) throw new Error(`could not run wrk (${r.error.message}); install it: apt-get install wrk`);
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (!line) throw new Error(`wrk gave no result:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('BENCH_JSON '.length)) as WrkResult;
}

const good = (r: WrkResult) =>
  Object.entries(r.statuses)
    .filter(([s]) => Number(s) >= 200 && Number(s) < 400)
    .reduce((sum, [, n]) => sum + n, 0);
const perSecond = (r: WrkResult) => r.requests / (r.duration_us / 1e6);
const errors = (r: WrkResult) => r.requests - good(r) + r.errors.connect + r.errors.read + r.errors.write + r.errors.timeout;

async function main() {
  const rows: Row[] = [];
  /** The two target lines, printed after the table once both replays ran. */
  let summary: (() => void) | undefined;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-first-visit-'));
  const load = () => spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.split(' ').slice(0, 3).join(' ');
  const loadBefore = load();
  await ensureAppBuild('web', { rebuild: process.env.BENCH_BUILD === '1' });
  const t = await createTestDatabase('bench_first_visit');
  let app: WebServer | undefined;
  let baseline: TestProcess | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    const campaign = await createCampaign(t.db, {
      slug: 'bench-first-visit',
      goal: 100_000,
      title: 'Keep the Riverside library open on Sundays',
      targets: [{ title: 'Mayor', givenName: 'Pat', familyName: 'Official', email: 'mayor@city.example' }],
    });
    app = await startWebServer({ env: benchEnv(t.url, 'first-visit'), onOutput: echo('web'), timeoutMs: 120_000 });
    const pageUrl = `${app.url}/petitions/${campaign.slug}`;
    // Render it once (ISR), so the visits below get the cached page as every visitor after the first.
    for (let i = 0; i < 2; i++) {
      const res = await fetch(pageUrl);
      if (res.status !== 200) throw new Error(`${pageUrl} answered ${res.status}`);
      await res.arrayBuffer();
    }

    // ---- record: first visit (fresh context, empty cache), then a repeat visit in the same context
    browser = await launchBrowser();
    const context = await browser.newContext(PHONE);
    const first = await recordVisit(context, pageUrl);
    const repeat = await recordVisit(context, pageUrl);
    await context.close();
    printVisit(`First visit (Chromium, ${PHONE.viewport.width}×${PHONE.viewport.height}, fresh context): ${pageUrl}`, first);
    printVisit('Repeat visit (same context, assets cached)', repeat);

    const replayable = replayableRequests(first, app.url);
    const skipped = first.length - replayable.length;
    const f = visitTotals(first);
    const [firstBytes, firstBody, firstDecoded] = [f.transferred, f.bodies, f.decoded];
    const network = (visit: Recorded[]) => visit.filter(overNetwork);
    const repeatBytes = visitTotals(repeat).transferred;
    // What the same visit weighs once every answer is compressed once (build-time brotli 11 / gzip 9).
    const firstEstimate = await estimateCompressed(first);
    const serverWork = replayable.filter((r) => rendered(r) || uncacheable(r));
    const acceptEncoding = first.find((r) => r.sentHeaders?.['accept-encoding'])?.sentHeaders?.['accept-encoding'] ?? '(not seen)';
    console.log(
      `\nFirst visit: ${first.length} requests (${f.network} over the network), ${kb(firstBytes)} transferred (${kb(firstBody)} of bodies, as negotiated: Accept-Encoding "${acceptEncoding}"), ${kb(firstDecoded)} decoded` +
        `\nFirst visit compressed once: ${kb(firstEstimate.headers + firstEstimate.brotli)} with brotli 11, ${kb(firstEstimate.headers + firstEstimate.gzip)} with gzip 9 (headers ${kb(firstEstimate.headers)} + bodies)` +
        `\nRepeat visit: ${repeat.length} requests, ${network(repeat).length} over the network, ${kb(repeatBytes)} transferred` +
        `\nRendered or uncacheable per visit: ${serverWork.map((r) => pathOf(r.url)).join(', ') || 'none'}` +
        `\nRequests carrying a cookie: ${first.filter((r) => r.sentHeaders?.cookie).length} (not replayed: every replayed visit is a new visitor)` +
        (skipped ? `\nNot replayed (other origin, not GET, or never answered): ${skipped}` : ''),
    );

    // ---- the replay list (wrk) and the baseline's answers: the product's bytes for the same requests
    const answers: RecordedAnswer[] = [];
    const listLines: string[] = [];
    for (const r of replayable) {
      const headers = replayHeaders(r);
      const p = pathOf(r.url);
      listLines.push(
        `  { method = ${lua(r.method)}, path = ${lua(p)}, headers = { ${Object.entries(headers)
          .map(([k, v]) => `[${lua(k)}] = ${lua(v)}`)
          .join(', ')} } },`,
      );
      const res = await fetch(app.url + p, { method: r.method, headers: { ...headers, 'accept-encoding': 'identity' } });
      const body = Buffer.from(await res.arrayBuffer());
      if (res.status !== r.status) console.log(`note: ${p} answered ${res.status} to the replayed headers (Chromium saw ${r.status})`);
      answers.push({
        method: r.method,
        path: p,
        selectors: selectorsOf(headers),
        status: res.status,
        contentType: res.headers.get('content-type') ?? 'application/octet-stream',
        cacheControl: res.headers.get('cache-control') ?? '',
        bodyBase64: body.toString('base64'),
      });
    }
    for (const r of replayable.filter(isRsc)) console.log(`replayed ${pathOf(r.url)} with ${JSON.stringify(replayHeaders(r))}`);
    const listFile = path.join(dir, 'first-visit-list.lua');
    writeFileSync(listFile, `-- written by bench/first-visit.ts\nreturn {\n${listLines.join('\n')}\n}\n`);
    const answersFile = path.join(dir, 'first-visit-answers.json');
    writeFileSync(answersFile, JSON.stringify(answers));
    const perVisit = replayable.length;

    // ---- replay: baseline first, then the product (each warmed for 3 s)
    const basePort = await freePort();
    baseline = startProcess(process.execPath, ['--import', 'tsx', 'bench/first-visit-baseline.ts'], {
      cwd: ROOT,
      env: { ...inheritedEnv(), FIRST_VISIT_BODIES: answersFile, PORT: String(basePort) },
      onOutput: echo('baseline'),
    });
    await waitUntilUp(`http://127.0.0.1:${basePort}/__up`, { alive: baseline.alive });
    wrkReplay(`http://127.0.0.1:${basePort}`, listFile, 3);
    const b = wrkReplay(`http://127.0.0.1:${basePort}`, listFile, SECONDS);
    await baseline.stop();
    baseline = undefined;
    wrkReplay(app.url, listFile, 3);
    const p = wrkReplay(app.url, listFile, SECONDS);

    // ---- where the product's time goes: each request of the list alone, BENCH_EACH_SECONDS (default 2)
    // each. With 64 connections on one event loop, 1 / (requests/s) is the server's time per answer.
    const eachSeconds = Number(process.env.BENCH_EACH_SECONDS ?? 2);
    if (eachSeconds > 0) {
      const each = replayable.map((r, i) => {
        const one = path.join(dir, `first-visit-one-${i}.lua`);
        writeFileSync(one, `return {\n${listLines[i]}\n}\n`);
        return { r, result: wrkReplay(app!.url, one, eachSeconds) };
      });
      const total = each.reduce((sum, e) => sum + 1 / perSecond(e.result), 0);
      console.log(`\nEach request of the visit alone against the product (wrk -t1 -c64, ${eachSeconds}s each):`);
      for (const { r, result } of each) {
        const share = 1 / perSecond(result) / total;
        console.log(
          `  ${`${pathOf(r.url)}${r.headers['next-router-prefetch'] ? ' [prefetch]' : ''}`.slice(0, 52).padEnd(52)} ${fmt(perSecond(result)).padStart(7)} req/s  ` +
            `p99 ${ms(result.p99_us).padStart(9)}  ${(1000 / perSecond(result)).toFixed(2).padStart(6)} ms/answer  ${(share * 100).toFixed(0).padStart(3)}% of a visit`,
        );
      }
      console.log(
        `  one visit, summed: ${total * 1000 < 1 ? '<1' : (total * 1000).toFixed(1)} ms of server time = at most ${fmt(1 / total)} visits/s`,
      );
    }
    const loadAfter = load();

    const visits = (r: WrkResult) => perSecond(r) / perVisit;
    const ratio = visits(p) / visits(b);
    const statusText = (r: WrkResult) =>
      `${fmt(errors(r))} not 2xx/3xx or failed (statuses ${Object.entries(r.statuses)
        .map(([s, n]) => `${s}: ${fmt(n)}`)
        .join(', ')}; timeouts ${r.errors.timeout})`;
    rows.push({
      figure: `baseline: bare node:http, same ${perVisit} answers gzipped once, from memory`,
      value: `${fmt(perSecond(b))} req/s = ${fmt(visits(b))} visits/s, p50 ${ms(b.p50_us)}, p99 ${ms(b.p99_us)}; ${statusText(b)}`,
      target: '—',
    });
    rows.push({
      figure: 'product: first-visit mix (target 1)',
      value: `${fmt(perSecond(p))} req/s = ${fmt(visits(p))} visits/s, p50 ${ms(p.p50_us)}, p99 ${ms(p.p99_us)}; ${statusText(p)}`,
      target: '≥ 50% of baseline visits/s, p99 ≤ 100 ms, 0 errors',
      ratio: `${(ratio * 100).toFixed(1)}%`,
      pass: ratio >= 0.5 && p.p99_us <= 100_000 && errors(p) === 0,
    });
    rows.push({
      figure: 'requests per visit the server renders or cannot cache (target 1)',
      value: `${serverWork.length}: ${serverWork.map((r) => `${pathOf(r.url).slice(0, 40)} (${cacheControl(r) || 'no cache-control'})`).join('; ') || 'none'}`,
      target: '0',
      pass: serverWork.length === 0,
    });
    const perRequest = replayable.filter(compressedPerRequest);
    rows.push({
      figure: 'requests per visit compressed per request',
      value: `${perRequest.length} of ${perVisit}`,
      target: '0 (precompressed)',
    });
    rows.push({
      figure: 'first visit: bytes transferred (target 2)',
      value: `${kb(firstBytes)} (bodies ${kb(firstBody)}; ${kb(firstDecoded)} decoded)`,
      target: '≤ 150 KB',
      pass: firstBytes <= 150 * KB,
    });
    rows.push({
      figure: 'first visit: bytes if every answer were brotli 11, compressed once',
      value: `${kb(firstEstimate.headers + firstEstimate.brotli)} (gzip 9: ${kb(firstEstimate.headers + firstEstimate.gzip)})`,
      target: '≤ 150 KB',
    });
    rows.push({
      figure: 'first visit: requests over the network (target 2)',
      value: `${f.network}${f.requests > f.network ? ` (+ ${f.requests - f.network} data: or cache)` : ''}`,
      target: '≤ 8',
      pass: f.network <= 8,
    });
    rows.push({
      figure: 'repeat visit: bytes transferred (target 2)',
      value: `${kb(repeatBytes)} in ${network(repeat).length} network requests (${repeat.length - network(repeat).length} from cache)`,
      target: '≤ 20 KB',
      pass: repeatBytes <= 20 * KB,
    });
    rows.push({ figure: 'load average (1/5/15 min) before / after', value: `${loadBefore} / ${loadAfter}`, target: '2 cores' });
    summary = () => {
      printTarget({
        n: 1,
        name: 'first-visit mix',
        figure: `${fmt(visits(p))} visits/s, p99 ${ms(p.p99_us)}, ${fmt(errors(p))} errors, ${serverWork.length} requests per visit rendered or uncacheable`,
        baseline: `${fmt(visits(b))} visits/s (bare in-memory server, same answers)`,
        ratio: `${(ratio * 100).toFixed(1)}% (≥ 50%, p99 ≤ 100 ms)`,
        met: ratio >= 0.5 && p.p99_us <= 100_000 && errors(p) === 0 && serverWork.length === 0,
      });
      printTarget({
        n: 2,
        name: 'page weight',
        figure: `first visit ${kb(firstBytes)} in ${f.network} requests, repeat ${kb(repeatBytes)}`,
        baseline: `before issue 14: 168.7 KB in 12 requests, repeat 9.3 KB`,
        ratio: `${((firstBytes / (168.7 * KB)) * 100).toFixed(0)}% of the bytes (≤ 150 KB, ≤ 8 requests, repeat ≤ 20 KB)`,
        met: firstBytes <= 150 * KB && f.network <= 8 && repeatBytes <= 20 * KB,
      });
    };
  } finally {
    printTable(`First visit — recorded with Chromium, replayed with wrk -t1 -c64, ${SECONDS}s per server`, rows);
    summary?.();
    await browser?.close();
    await baseline?.stop();
    await app?.stop();
    await t.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(rows.some((r) => r.pass === false) ? 1 : 0);
}

// Run as a script, not when bench/viral-minute.ts imports the recorder.
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
