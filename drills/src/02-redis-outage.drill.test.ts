// Drill 2 (issue 7): Redis killed in the middle of signing, and back (empty: no persistence) a
// few seconds later. Invariant 4: Redis holds only what can be rebuilt. Signing goes on while it
// is away (rate limits fail open, and the web log says so); once it is back, the confirmation
// emails of a confirm-by-email campaign and the deliveries that came due catch up; nothing is
// lost or sent twice. A redis-server of the drill's own is used — never the shared one on 6379.
import { RATE_LIMITS_FAILED_OPEN } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { eventually, sleep, type WebServer, type WorkerProcess } from '@undersigned/testing';
import { Redis } from 'ioredis';
import { useDrill } from './lib/drill';
import { keepAliveAgent, pool, shareCodeOf, sign, type Answer } from './lib/http';
import { privateRedis, type PrivateRedis } from './lib/private-redis';
import { FULL, recordDrill, tally } from './lib/results';

const CONFIRM = 'drill-two-confirm';
const DELIVER = 'drill-two-deliver';
const TARGETS = ['mayor@city.example', 'council@city.example'];
const PER_PHASE = FULL ? 450 : 150;
const OUTAGE_MIN_MS = 4_000;

const drill = useDrill('drill2');
let redis: PrivateRedis;
let web: WebServer;
let worker: WorkerProcess;

beforeAll(async () => {
  redis = await privateRedis();
  await createCampaign(drill.t.db, { slug: CONFIRM, requireConfirmation: true, targets: [] });
  await createCampaign(drill.t.db, { slug: DELIVER, targets: TARGETS.map((email, i) => ({ title: 'Official', givenName: `O${i}`, email })) });
  web = await drill.startWeb({ REDIS_URL: redis.url });
  worker = drill.startWorker({ REDIS_URL: redis.url });
  await worker.started;
});
afterAll(async () => {
  await redis?.kill();
});

it('keeps signing while Redis is down (failing open, logged), then catches up confirmation emails and deliveries exactly once', async () => {
  const started = Date.now();
  const webPid = web.child.pid;
  const workerPid = worker.child.pid;
  const agent = keepAliveAgent(20);
  // Three phases of signers, alternating between the two campaigns. The delivery campaign
  // crosses its 100 milestone while Redis is down.
  const phase = (p: number) =>
    Array.from({ length: PER_PHASE }, (_, i) => ({
      slug: i % 2 ? DELIVER : CONFIRM,
      email: `redis.${p}.${i}@drill.example`,
    }));

  // One continuous stream of signers; Redis is killed while requests are in flight, and
  // started again (empty) while they still are.
  const jobs = [...phase(1), ...phase(2), ...phase(3), ...phase(4)];
  let outageStarted = 0;
  let outageEnded = 0;
  let restart: Promise<void> | undefined;
  const startedAt: number[] = [];
  const answers: Answer[] = await pool(jobs, 20, async (j, i) => {
    if (i === PER_PHASE) {
      outageStarted = Date.now();
      void redis.kill();
    }
    if (i === 2 * PER_PHASE) {
      restart = (async () => {
        await sleep(Math.max(0, OUTAGE_MIN_MS - (Date.now() - outageStarted)));
        await redis.start();
        outageEnded = Date.now();
      })();
    }
    // The last quarter signs once Redis is surely back (the restart happens while the third
    // quarter is in flight).
    if (i >= 3 * PER_PHASE) await restart;
    startedAt[i] = Date.now();
    return sign(agent, web.url, j.slug, j.email);
  });
  await restart;
  const outageSeconds = (outageEnded - outageStarted) / 1000;
  const during = answers.filter((_, i) => startedAt[i]! >= outageStarted && startedAt[i]! < outageEnded);
  const mark = (label: string) => process.env.DRILLS_DEBUG && console.log(`[drill2] ${label} at ${((Date.now() - started) / 1000).toFixed(1)} s`);
  mark('signing done');
  // Rate limits are enforced again once the web's Redis client has reconnected (its retry
  // backoff is up to 2 s): a few more signers until their counters show up in Redis.
  const probe = new Redis(redis.url);
  const probes: string[] = [];
  const rateLimitKeysAfter = await eventually(
    async () => {
      const email = `redis.probe.${probes.length}@drill.example`;
      probes.push(email);
      answers.push(await sign(agent, web.url, DELIVER, email));
      return (await probe.keys(`${drill.env.RATE_LIMIT_PREFIX}:*`)).length;
    },
    { timeoutMs: 15_000, everyMs: 300 },
  ).catch(() => 0);
  probe.disconnect();
  const fiveXx = answers.filter((a) => a.status >= 500 || a.status === 0).length;
  const confirmSigners = jobs.filter((j) => j.slug === CONFIRM).map((j) => j.email);
  const deliverCount = jobs.length - confirmSigners.length;

  // Confirmation emails: one per pending signer, including everyone who signed while Redis was
  // down: the reconciler finds them in PostgreSQL once they are a minute old (its grace period
  // for jobs still queued, findUnsentConfirmations), so this takes a little over 60 s.
  const wanted = new Set(confirmSigners);
  await eventually(async () => drill.sink.messages.filter((m) => wanted.has(m.envelope.to[0] ?? '')).length >= wanted.size, {
    timeoutMs: 100_000,
    everyMs: 500,
  }).catch(() => null);
  mark('confirmations');
  // Deliveries: the 100 milestone came due during the outage; each target gets it once.
  const deliveries = await eventually(
    async () => {
      const ds = await drill.t.db.delivery.findMany({ where: { campaign: { slug: DELIVER } }, include: { target: { select: { email: true } } } });
      return ds.length >= TARGETS.length && ds.every((d) => d.status === 'sent') ? ds : null;
    },
    { timeoutMs: 60_000, everyMs: 500 },
  ).catch(() => []);
  mark('deliveries');
  await sleep(2_000); // a doubled email would arrive by now

  const rows = await drill.t.db.$queryRaw<{ share_code: string; slug: string; email: string }[]>`
    SELECT s.share_code, c.slug, p.canonical_email AS email FROM signature s JOIN campaign c ON c.id = s.campaign_id JOIN person p ON p.id = s.person_id`;
  const codes = new Set(rows.map((r) => r.share_code));
  const lostAnswers = answers.filter((a) => a.status === 200 && !codes.has(shareCodeOf(a) ?? '')).length;
  const confirmationsTo = tally(
    drill.sink.messages.filter((m) => /drill\.example$/.test(m.envelope.to[0] ?? '')),
    (m) => m.envelope.to[0]!,
  );
  const missingConfirmations = confirmSigners.filter((e) => !confirmationsTo.has(e)).length;
  const doubledConfirmations = [...confirmationsTo.values()].reduce((s, k) => s + k - 1, 0);
  const deliveryMails = tally(
    drill.sink.messages.filter((m) => TARGETS.includes(m.envelope.to[0] ?? '')),
    (m) => m.parsed.messageId ?? '',
  );
  const doubledDeliveries = [...deliveryMails.values()].reduce((s, k) => s + k - 1, 0);
  // The web server's warn lines of rate limits failing open (core's RATE_LIMITS_FAILED_OPEN).
  const failedOpen = web.lines().filter((l) => l.msg === RATE_LIMITS_FAILED_OPEN).length;
  agent.destroy();

  recordDrill({
    drill: '2 Redis outage',
    operations: `${answers.length} signs (${during.length} with Redis down), ${confirmSigners.length} confirmation emails, ${deliveries.length} deliveries`,
    faults: `private redis-server SIGKILLed mid-signing, back empty after ${outageSeconds.toFixed(1)} s; ${failedOpen} fail-open log lines`,
    lost: lostAnswers + missingConfirmations + Math.max(0, TARGETS.length - deliveries.length),
    duplicated: doubledConfirmations + doubledDeliveries + (rows.length - new Set(rows.map((r) => `${r.slug}:${r.email}`)).size),
    unexpected5xx: fiveXx,
    seconds: (Date.now() - started) / 1000,
  });

  expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.error ?? ''} ${a.body}`)).toEqual([]);
  expect(fiveXx).toBe(0);
  expect(lostAnswers).toBe(0);
  expect(rows).toHaveLength(jobs.length + probes.length);
  expect(failedOpen).toBeGreaterThan(0);
  expect(rateLimitKeysAfter).toBeGreaterThan(0); // limits are enforced again once Redis is back
  expect(missingConfirmations).toBe(0);
  expect(doubledConfirmations).toBe(0);
  expect(deliveries.map((d) => d.target.email).sort()).toEqual([...TARGETS].sort());
  expect(deliveries.every((d) => d.trigger === 'milestone' && d.milestone === 100)).toBe(true);
  expect(doubledDeliveries).toBe(0);
  expect([...deliveryMails.values()]).toEqual([1, 1]);
  expect(deliverCount).toBeGreaterThanOrEqual(100);
  // Nobody restarted the apps: they reconnected by themselves.
  expect([web.child.pid, worker.child.pid]).toEqual([webPid, workerPid]);
  expect(web.alive() && worker.alive()).toBe(true);
});
