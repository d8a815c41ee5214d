// The load generator of bench/viral-minute.ts, in a process of its own (forked, with an IPC
// channel) so that its CPU is measured apart from the server's. It is open loop: per step the
// arrival times of the visitors are fixed up front (a constant rate), every visitor is started at
// its time whatever the server is doing, and every latency is measured from the time the request
// was meant to be sent — so a server (or generator) that falls behind shows up in the figures
// instead of slowing the load down (no coordinated omission, unlike wrk's closed loop).
//
// A visitor is a new browser: its own keep-alive connections (at most CONNECTIONS_PER_VISITOR, as
// Chromium opens per host over HTTP/1.1), and its own client address in X-Forwarded-For (the web
// server runs with TRUSTED_PROXY_HOPS=2, as behind one proxy, so the per-IP limiter sees visitors,
// not 127.0.0.1). It makes
//   1. the page: the document, then every other request of the recorded first visit at once (the
//      assets, and any ?_rsc= prefetch), over its connections;
//   2. the live count: a poll right after the page loaded (a cached page is older than 5 s, so
//      live-count.tsx asks at once) and a second one `pollGapMs` later (10 s ± 2 s in the browser,
//      compressed here so a visit fits in a step; the request rate of a steady arrival rate does not
//      depend on these delays, only how far a step's visits spill past its end);
//   3. with probability `signShare`, a signature `signDelayMs` after the page loaded: the sign
//      form's request exactly as Chromium sent it (recorded by viral-minute.ts), with a new email.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export type RequestClass = 'page' | 'asset' | 'count' | 'sign';
export const CLASSES: readonly RequestClass[] = ['page', 'asset', 'count', 'sign'];

export interface PlannedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  class: RequestClass;
}

export interface VisitPlan {
  host: string;
  port: number;
  /** The document first, then the rest of the recorded first visit. */
  page: PlannedRequest;
  rest: PlannedRequest[];
  count: PlannedRequest;
  /** The sign request as recorded: its body holds `emailInBody`, replaced per visitor. */
  sign: PlannedRequest & { body: string; emailInBody: string; acceptedWhen: { header: string; contains: string } };
  /** What the browser fetched after an accepted signature to show the thanks page (the RSC navigation), in order. */
  afterSign: PlannedRequest[];
  signShare: number;
  pollFirstMs: number;
  pollGapMs: number;
  signDelayMs: number;
  connectionsPerVisitor: number;
  /**
   * 0: each visitor opens its own connections, as a browser connecting to the server directly.
   * N > 0: every visitor's requests share one keep-alive pool of N connections, as a reverse
   * proxy's upstream pool (the server then sees N connections, not new ones per visitor).
   */
  pool: number;
  timeoutMs: number;
  runTag: string;
}

export interface ClassStats {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface StepResult {
  rate: number;
  seconds: number;
  visitors: number;
  /** Visitors whose first request left within the step's window (the achieved arrival rate). */
  startedInWindow: number;
  /** How late the generator sent the documents (ms): p99 and max; large values mean it was the bottleneck. */
  sendLagP99: number;
  sendLagMax: number;
  /** Wall time from the first arrival to the last answer (ms). */
  wallMs: number;
  classes: Record<RequestClass, ClassStats>;
  overall: ClassStats;
  /** Page load (document to last asset, from the arrival time), ms. */
  load: ClassStats;
  signsSent: number;
  signsAccepted: number;
  /** Status (or socket error) → count, over every request that was not a success. */
  failures: Record<string, number>;
}

export type ToGenerator = { type: 'plan'; plan: VisitPlan } | { type: 'step'; rate: number; seconds: number; firstVisitor: number };
export type FromGenerator = { type: 'ready' } | { type: 'result'; result: StepResult };

interface Outcome {
  ok: boolean;
  status: string;
  headers: http.IncomingHttpHeaders;
  end: number;
}

function send(agent: http.Agent, plan: VisitPlan, r: PlannedRequest, extra: Record<string, string>, body?: string): Promise<Outcome> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean, status: string, headers: http.IncomingHttpHeaders = {}) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ok, status, headers, end: performance.now() });
    };
    const headers: Record<string, string | number> = { ...r.headers, ...extra };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const req = http.request({ host: plan.host, port: plan.port, method: r.method, path: r.path, headers, agent }, (res) => {
      const status = res.statusCode ?? 0;
      res.on('data', () => {});
      res.on('end', () => finish(status >= 200 && status < 400, String(status), res.headers));
      res.on('error', (e) => finish(false, `socket: ${e.message}`));
    });
    const timer = setTimeout(() => {
      finish(false, 'timeout');
      req.destroy();
    }, plan.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => finish(false, `socket: ${e.code ?? e.message}`));
    req.end(body);
  });
}

const sleepUntil = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - performance.now())));

function stats(values: number[], errors: number): ClassStats {
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : 0);
  return { requests: values.length, errors, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1]! : 0 };
}

/** A client address per visitor (10.0.0.0/8, the visitor's number). */
const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

let shared: http.Agent | undefined;

async function runStep(plan: VisitPlan, rate: number, seconds: number, firstVisitor: number): Promise<StepResult> {
  if (plan.pool > 0) shared ??= new http.Agent({ keepAlive: true, maxSockets: plan.pool });
  const visitors = Math.max(1, Math.round(rate * seconds));
  const latencies: Record<RequestClass, number[]> = { page: [], asset: [], count: [], sign: [] };
  const errors: Record<RequestClass, number> = { page: 0, asset: 0, count: 0, sign: 0 };
  const loads: number[] = [];
  const lags: number[] = [];
  const failures: Record<string, number> = {};
  let signsSent = 0;
  let signsAccepted = 0;
  let startedInWindow = 0;

  const record = (r: PlannedRequest, intended: number, o: Outcome) => {
    latencies[r.class].push(o.end - intended);
    if (!o.ok) {
      errors[r.class] += 1;
      failures[`${r.class} ${o.status}`] = (failures[`${r.class} ${o.status}`] ?? 0) + 1;
    }
    return o;
  };

  async function visit(n: number, arrival: number, windowEnd: number): Promise<void> {
    const agent = shared ?? new http.Agent({ keepAlive: true, maxSockets: plan.connectionsPerVisitor });
    const xff = { 'x-forwarded-for': addressOf(n) };
    try {
      const sent = performance.now();
      lags.push(sent - arrival);
      if (sent <= windowEnd) startedInWindow += 1;
      const doc = record(plan.page, arrival, await send(agent, plan, plan.page, xff));
      if (!doc.ok) return; // a browser shows the error; nothing else is loaded
      const assetsFrom = doc.end;
      const rest = await Promise.all(plan.rest.map(async (r) => record(r, assetsFrom, await send(agent, plan, r, xff))));
      const loaded = Math.max(doc.end, ...rest.map((o) => o.end));
      loads.push(loaded - arrival);
      const poll = async (at: number) => {
        await sleepUntil(at);
        record(plan.count, at, await send(agent, plan, plan.count, xff));
      };
      const sign = async (at: number) => {
        await sleepUntil(at);
        signsSent += 1;
        const email = `v${n}.${plan.runTag}@d${n % 1000}.bench.example`;
        const o = record(plan.sign, at, await send(agent, plan, plan.sign, xff, plan.sign.body.split(plan.sign.emailInBody).join(email)));
        const marker = o.headers[plan.sign.acceptedWhen.header];
        if (o.ok && String(marker ?? '').includes(plan.sign.acceptedWhen.contains)) {
          signsAccepted += 1;
          for (const r of plan.afterSign) record(r, o.end, await send(agent, plan, r, xff));
        } else if (o.ok) failures[`sign not accepted (${o.status})`] = (failures[`sign not accepted (${o.status})`] ?? 0) + 1;
      };
      // Which visitors sign: a fixed share, spread evenly (visitor n signs when ⌊(n+1)·share⌋ grows).
      const signs = Math.floor((n + 1) * plan.signShare) > Math.floor(n * plan.signShare);
      await Promise.all([
        poll(loaded + plan.pollFirstMs),
        poll(loaded + plan.pollFirstMs + plan.pollGapMs),
        ...(signs ? [sign(loaded + plan.signDelayMs)] : []),
      ]);
    } finally {
      if (agent !== shared) agent.destroy();
    }
  }

  const start = performance.now() + 50;
  const windowEnd = start + seconds * 1000;
  const visits: Promise<void>[] = [];
  for (let i = 0; i < visitors; i++) {
    const arrival = start + (i * 1000) / rate;
    if (arrival > performance.now() + 1) await sleepUntil(arrival);
    visits.push(visit(firstVisitor + i, arrival, windowEnd));
  }
  await Promise.all(visits);
  const wallMs = performance.now() - start;

  const all = CLASSES.flatMap((c) => latencies[c]);
  const lagStats = stats(lags, 0);
  return {
    rate,
    seconds,
    visitors,
    startedInWindow,
    sendLagP99: lagStats.p99,
    sendLagMax: lagStats.max,
    wallMs,
    classes: Object.fromEntries(CLASSES.map((c) => [c, stats(latencies[c], errors[c])])) as Record<RequestClass, ClassStats>,
    overall: stats(
      all,
      CLASSES.reduce((s, c) => s + errors[c], 0),
    ),
    load: stats(loads, 0),
    signsSent,
    signsAccepted,
    failures,
  };
}

if (require.main === module) {
  let plan: VisitPlan | undefined;
  const reply = (m: FromGenerator) => process.send?.(m);
  process.on('message', (m: ToGenerator) => {
    if (m.type === 'plan') {
      plan = m.plan;
      reply({ type: 'ready' });
      return;
    }
    if (!plan) throw new Error('step before plan');
    runStep(plan, m.rate, m.seconds, m.firstVisitor).then(
      (result) => reply({ type: 'result', result }),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
  // Leave with the parent (its IPC channel closes).
  process.on('disconnect', () => process.exit(0));
}
