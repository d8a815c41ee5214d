// Drill 4 (issue 7): PostgreSQL goes away under signing load and comes back. The machine's
// shared PostgreSQL is never restarted: the web server and a worker reach it through a TCP proxy
// that the drill cuts (every connection dropped, new ones refused) and restores. Invariant 1:
// during the outage a signer gets 503 with Retry-After — never a 2xx without a committed row —
// and both processes recover by themselves once the database is back.
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { eventually, sleep, startTcpProxy, type TcpProxy, type WebServer, type WorkerProcess } from '@undersigned/testing';
import { useDrill } from './lib/drill';
import { keepAliveAgent, request, shareCodeOf, sign, type Answer } from './lib/http';
import { FULL, recordDrill, tally } from './lib/results';

const SLUG = 'drill-four-campaign';
const OUTAGE_MS = FULL ? 15_000 : 6_000;
const CONCURRENCY = 20;

const drill = useDrill('drill4');
let proxy: TcpProxy;
let web: WebServer;
let worker: WorkerProcess;
let healthUrl: string;

beforeAll(async () => {
  const viaProxy = new URL(drill.t.url);
  proxy = await startTcpProxy(Number(viaProxy.port || 5432), viaProxy.hostname);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  await createCampaign(drill.t.db, { slug: SLUG, goal: 100_000, targets: [{ title: 'Mayor', email: 'mayor@city.example' }] });
  web = await drill.startWeb({ DATABASE_URL: viaProxy.toString() });
  worker = drill.startWorker({ DATABASE_URL: viaProxy.toString() });
  healthUrl = `http://127.0.0.1:${(await worker.started).port as number}/healthz`;
});
afterAll(async () => {
  await proxy?.close();
});

it('answers 503 + Retry-After while PostgreSQL is unreachable, never a 2xx without a row, and recovers by itself', async () => {
  const started = Date.now();
  const webPid = web.child.pid;
  const workerPid = worker.child.pid;
  const agent = keepAliveAgent(CONCURRENCY);
  const answers: { email: string; answer: Answer; phase: 'before' | 'outage' | 'after' }[] = [];
  let phase: 'before' | 'outage' | 'after' = 'before';
  let stop = false;
  let n = 0;
  const load = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!stop) {
        n += 1;
        const email = `pg.outage.${n}@drill.example`;
        const at = phase;
        const answer = await sign(agent, web.url, SLUG, email);
        answers.push({ email, answer, phase: at });
        if (answer.status !== 200) await sleep(50);
      }
    }),
  );

  await sleep(2_500);
  await proxy.cut();
  phase = 'outage';
  const cutAt = Date.now();
  // A campaign reaches its milestone while the database is unreachable for the apps (rows
  // written straight to PostgreSQL): the worker must plan and send its delivery once it is back.
  const late = await createCampaign(drill.t.db, { slug: 'drill-four-late', targets: [{ title: 'Governor', email: 'governor@state.example' }] });
  await seedSignatures(drill.t.db, late.id, { count: 100 });
  await sleep(Math.max(0, OUTAGE_MS / 2 - (Date.now() - cutAt)));
  const healthDuring = await request(keepAliveAgent(1), healthUrl, 'GET');
  await sleep(Math.max(0, OUTAGE_MS - (Date.now() - cutAt)));
  await proxy.restore();
  phase = 'after';
  const restoredAt = Date.now();
  // Recovery: signing succeeds again without anyone restarting anything.
  await eventually(async () => answers.some((a) => a.phase === 'after' && a.answer.status === 200), { timeoutMs: 30_000, everyMs: 100 });
  const recoverySeconds = (Date.now() - restoredAt) / 1000;
  await sleep(2_000);
  stop = true;
  await load;

  // Everyone not acknowledged retries after the outage, as the Retry-After told them to.
  const unanswered = answers.filter((a) => a.answer.status !== 200);
  const retries = await Promise.all(unanswered.map((a) => sign(agent, web.url, SLUG, a.email)));

  const rows = await drill.t.db.$queryRaw<{ share_code: string; canonical_email: string }[]>`
    SELECT s.share_code, p.canonical_email FROM signature s JOIN person p ON p.id = s.person_id
    JOIN campaign c ON c.id = s.campaign_id WHERE c.slug = ${SLUG}`;
  const codes = new Set(rows.map((r) => r.share_code));
  const emails = new Set(answers.map((a) => a.email));
  const acknowledged = [...answers.map((a) => a.answer), ...retries].filter((a) => a.status === 200);
  const lost = acknowledged.filter((a) => !codes.has(shareCodeOf(a) ?? '')).length + Math.max(0, emails.size - rows.length);
  const duplicated = rows.length - new Set(rows.map((r) => r.canonical_email)).size;
  const all = [...answers.map((a) => a.answer), ...retries];
  const unexpected = all.filter((a) => a.status === 0 || (a.status >= 500 && !(a.status === 503 && a.headers['retry-after']))).length;
  const during503 = answers.filter((a) => a.answer.status === 503).length;

  // The worker: healthy again, and the delivery that came due during the outage goes out once.
  const healthAfter = await eventually(
    async () => {
      const h = await request(keepAliveAgent(1), healthUrl, 'GET');
      return h.status === 200 ? h : null;
    },
    { timeoutMs: 30_000, everyMs: 300 },
  );
  const delivery = await eventually(
    async () => {
      const ds = await drill.t.db.delivery.findMany({ where: { campaignId: late.id } });
      return ds.length === 1 && ds[0]!.status === 'sent' ? ds[0] : null;
    },
    { timeoutMs: 30_000, everyMs: 300 },
  );
  await sleep(1_000);
  const perMessage = tally(drill.sink.messages, (m) => m.parsed.messageId ?? '');
  const statuses = Object.fromEntries([...new Set(all.map((a) => a.status))].map((s) => [s, all.filter((a) => a.status === s).length]));
  agent.destroy();

  recordDrill({
    drill: '4 PostgreSQL outage',
    operations: `${answers.length} signs under load: ${answers.length - during503} × 200, ${during503} × 503 in the outage, all retried → 200; signing back ${recoverySeconds.toFixed(1)} s after`,
    faults: `DB path cut ${OUTAGE_MS / 1000} s (all connections dropped, new refused) for web + worker`,
    lost,
    duplicated,
    unexpected5xx: unexpected,
    seconds: (Date.now() - started) / 1000,
  });

  expect(unexpected).toBe(0);
  expect(Object.keys(statuses).sort()).toEqual(during503 ? ['200', '503'] : ['200']);
  expect(during503).toBeGreaterThan(0);
  expect(all.filter((a) => a.status === 503).every((a) => Number(a.headers['retry-after']) > 0)).toBe(true);
  expect(retries.every((a) => a.status === 200)).toBe(true);
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(rows).toHaveLength(emails.size);
  expect(healthDuring.status).toBe(503);
  expect(healthAfter.status).toBe(200);
  // Nobody restarted anything: same processes throughout.
  expect(web.child.pid).toBe(webPid);
  expect(web.alive()).toBe(true);
  expect(worker.child.pid).toBe(workerPid);
  expect(worker.alive()).toBe(true);
  expect(delivery.signatureCount).toBe(100);
  expect([...perMessage.values()].every((k) => k === 1)).toBe(true);
  expect(perMessage.get(`<delivery-${delivery.id}@undersigned.example>`)).toBe(1);
});
