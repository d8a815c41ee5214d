// Drill 9 (issue 16): a rolling restart under a steady sign load, as a deploy does it. Two web
// processes behind nginx (startProxy: Debian's nginx, on loopback) and a worker; the drill sends
// SIGTERM to web A, waits for it to exit, starts it again on the same port and waits until it is
// healthy, then web B, then the worker — while deliveries are being sent. Graceful shutdown
// (apps/web/README.md, apps/worker/README.md): a client gets a 2xx naming a committed row, or
// 503 + Retry-After and signs again; never a 502/504 or a dropped connection. Nothing sent twice.
import { getSignatureCount } from '@undersigned/core';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { eventually, sleep, startProxy, type Proxy, type TestProcess, type WebServer, type WorkerProcess } from '@undersigned/testing';
import { useDrill } from './lib/drill';
import { keepAliveAgent, shareCodeOf, sign, type Answer } from './lib/http';
import { FULL, recordDrill, tally } from './lib/results';

const SLUG = 'drill-nine-campaign';
/** Clients signing at once, each over its keep-alive connection to nginx. */
const CONCURRENCY = FULL ? 100 : 50;
/** Rolling restarts of the whole set (web A, web B, worker). */
const ROUNDS = FULL ? 3 : 1;
/** Steady load before, between and after the restarts. */
const SETTLE_MS = FULL ? 5_000 : 2_000;
/** The web processes' drain (the default of SHUTDOWN_DRAIN_MS) and the slack allowed on top of it. */
const DRAIN_MS = 10_000;
const EXIT_SLACK_MS = 3_000;
/** Campaigns crossing their 100 milestone just before each worker restart, and their targets. */
const DELIVERY_CAMPAIGNS = FULL ? 6 : 3;
const TARGETS = 5;
const WEB_ENV = { TRUSTED_PROXY_HOPS: '2', SHUTDOWN_DRAIN_MS: String(DRAIN_MS) };

const drill = useDrill('drill9');
let proxy: Proxy | undefined;
/** Ends the sign load (also when the drill fails half-way: no client keeps signing after it). */
let stop = false;
afterAll(async () => {
  stop = true;
  await proxy?.close();
});

interface Exit {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
}

/** SIGTERM, as a supervisor (docker stop, systemd, Kubernetes) sends it; resolves with how it exited. */
async function terminate(name: string, proc: TestProcess): Promise<Exit> {
  const began = Date.now();
  proc.child.kill('SIGTERM');
  const { code, signal } = await proc.exited;
  return { name, code, signal, ms: Date.now() - began };
}

it(`loses nothing while 2 web processes and the worker are restarted ${ROUNDS} time(s) one at a time under ${CONCURRENCY} signing clients`, async () => {
  const started = Date.now();
  const targets = [
    { title: 'Mayor', email: 'mayor@nine.example' },
    { title: 'Council', email: 'council@nine.example' },
  ];
  const campaign = await createCampaign(drill.t.db, { slug: SLUG, goal: 1_000_000, targets });
  // A slow mail server keeps deliveries in flight while the worker is told to stop.
  drill.sink.decide = () => sleep(300);

  const webs: WebServer[] = [await drill.startWeb(WEB_ENV), await drill.startWeb(WEB_ENV)];
  const ports = webs.map((w) => Number(new URL(w.url).port));
  proxy = await startProxy({ upstreams: ports.map((p) => `127.0.0.1:${p}`) });
  let worker: WorkerProcess = drill.startWorker();
  await worker.started;

  // The load: every client signs unique people; a 503 with Retry-After is signed again after the
  // wait it names (as a browser's form or a CRM would), anything else is final.
  const agent = keepAliveAgent(CONCURRENCY);
  const answers: { email: string; answer: Answer }[] = [];
  let n = 0;
  const load = Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!stop) {
        n += 1;
        const email = `rolling.${n}@drill.example`;
        for (let attempt = 0; attempt < 20; attempt++) {
          const answer = await sign(agent, proxy!.url, SLUG, email);
          answers.push({ email, answer });
          const retryAfter = Number(answer.headers['retry-after']);
          if (answer.status === 0) await sleep(100); // no answer at all: counted, not retried
          if (answer.status !== 503 || !(retryAfter > 0)) break;
          await sleep(retryAfter * 1000);
        }
      }
    }),
  );

  const exits: Exit[] = [];
  const deliveryCampaigns: number[] = [];
  await sleep(SETTLE_MS);
  for (let round = 0; round < ROUNDS; round++) {
    for (const i of [0, 1]) {
      exits.push(await terminate(`web ${'AB'[i]}`, webs[i]!));
      const seenBefore = proxy.access().length;
      webs[i] = await drill.startWeb(WEB_ENV, ports[i]);
      // As a deploy does: the next process is stopped only once the proxy has sent this one a
      // request again and had its answer. nginx leaves a process that refused a connection out for
      // fail_timeout; stopping the other one within that window would leave nginx no process it
      // believes is up (502 "no live upstreams") although both are.
      const upstream = `127.0.0.1:${ports[i]}`;
      await eventually(
        async () =>
          proxy!
            .access()
            .slice(seenBefore)
            .some((a) => a.upstreams.at(-1) === upstream && a.status < 500),
        { timeoutMs: 30_000, everyMs: 100 },
      );
      await sleep(SETTLE_MS);
    }
    // Deliveries in flight: campaigns crossing their 100 milestone now, sent at 300 ms a message.
    const sentBefore = drill.sink.messages.length;
    for (let c = 0; c < DELIVERY_CAMPAIGNS; c++) {
      const d = await createCampaign(drill.t.db, {
        title: `Drill 9 round ${round} campaign ${c}`,
        targets: Array.from({ length: TARGETS }, (_, t) => ({ title: 'Council member', email: `r${round}c${c}t${t}@nine.example` })),
      });
      deliveryCampaigns.push(d.id);
      await seedSignatures(drill.t.db, d.id, { count: 100 });
    }
    await eventually(async () => drill.sink.messages.length >= sentBefore + 2, { timeoutMs: 30_000, everyMs: 50 });
    exits.push(await terminate('worker', worker));
    worker = drill.startWorker();
    await worker.started;
    await sleep(SETTLE_MS);
  }
  stop = true;
  await load;
  agent.destroy();

  // Every delivery — the seeded campaigns' and the signed campaign's milestones — sent, once.
  const rows = await drill.t.db.$queryRaw<{ id: bigint; share_code: string; canonical_email: string }[]>`
    SELECT s.id, s.share_code, p.canonical_email FROM signature s JOIN person p ON p.id = s.person_id WHERE s.campaign_id = ${campaign.id}`;
  const milestonesCrossed = [100, 1000, 10000].filter((m) => rows.length >= m).length;
  const expectedDeliveries = deliveryCampaigns.length * TARGETS + milestonesCrossed * targets.length;
  const deliveries = await eventually(
    async () => {
      const ds = await drill.t.db.delivery.findMany({ where: { campaignId: { in: [campaign.id, ...deliveryCampaigns] } } });
      return ds.length === expectedDeliveries && ds.every((d) => d.status === 'sent') ? ds : null;
    },
    { timeoutMs: 60_000, everyMs: 300 },
  );
  await sleep(1_000); // anything still on the wire arrives

  const codes = new Set(rows.map((r) => r.share_code));
  const acknowledged = answers.filter((a) => a.answer.status >= 200 && a.answer.status < 300);
  const unexpected = answers.filter(
    (a) => !(a.answer.status >= 200 && a.answer.status < 300) && !(a.answer.status === 503 && Number(a.answer.headers['retry-after']) > 0),
  );
  const retried503 = answers.length - acknowledged.length - unexpected.length;
  const ackedEmails = new Set(acknowledged.map((a) => a.email));
  const attempted = new Set(answers.map((a) => a.email));
  // Lost: a 2xx whose share code is no row, or a person acknowledged with no row.
  const lost = acknowledged.filter((a) => !codes.has(shareCodeOf(a.answer) ?? '')).length + Math.max(0, ackedEmails.size - rows.length);
  const byId = tally(drill.sink.messages, (m) => m.parsed.messageId ?? '');
  const byRecipientAndId = tally(deliveries, (d) => `${d.campaignId}:${d.targetId}:${d.milestone ?? ''}`);
  const duplicated =
    rows.length -
    new Set(rows.map((r) => r.canonical_email)).size +
    [...byId.values()].reduce((sum, k) => sum + k - 1, 0) +
    [...byRecipientAndId.values()].reduce((sum, k) => sum + k - 1, 0);
  const counted = await getSignatureCount(drill.t.db, campaign.id);
  const webExits = exits.filter((e) => e.name.startsWith('web'));
  const retriedByProxy = proxy.access().filter((a) => a.upstreams.length > 1).length;
  const statuses = Object.fromEntries([...tally(answers, (a) => String(a.answer.status))]);

  recordDrill({
    drill: '9 rolling restart',
    operations:
      `${acknowledged.length} signs by ${CONCURRENCY} keep-alive clients through nginx to 2 web processes (${retried503} × 503 + Retry-After, signed again; ` +
      `${retriedByProxy} sent on to the other process by nginx); ${deliveries.length} deliveries sent once, ${byId.size} emails`,
    faults: `${exits.length} restarts by SIGTERM (web A, web B, worker${ROUNDS > 1 ? ` × ${ROUNDS}` : ''}); web drained in ${webExits.map((e) => e.ms).join('/')} ms, worker in ${exits
      .filter((e) => e.name === 'worker')
      .map((e) => e.ms)
      .join('/')} ms`,
    lost,
    duplicated,
    unexpected5xx: unexpected.length,
    seconds: (Date.now() - started) / 1000,
  });

  expect({
    unexpected: unexpected.slice(0, 5).map((u) => ({ status: u.answer.status, error: u.answer.error, body: u.answer.body.slice(0, 200) })),
    statuses,
  }).toEqual({
    unexpected: [],
    statuses: expect.any(Object) as unknown,
  });
  // Every person a client tried was signed in the end (a 503 was always followed by a 2xx).
  expect(ackedEmails.size).toBe(attempted.size);
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(rows).toHaveLength(ackedEmails.size);
  expect(counted).toBe(rows.length);
  // Exited by themselves, 0, within the drain (web) or the worker's shutdown timeout.
  expect(exits.map((e) => [e.name, e.code, e.signal])).toEqual(exits.map((e) => [e.name, 0, null]));
  expect(webExits.every((e) => e.ms <= DRAIN_MS + EXIT_SLACK_MS)).toBe(true);
  expect(deliveries).toHaveLength(expectedDeliveries);
  expect(byId.size).toBe(deliveries.length);
  for (const d of deliveries) expect(byId.get(`<delivery-${d.id}@undersigned.example>`)).toBe(1);
  expect(drill.sink.messages).toHaveLength(deliveries.length);
});
