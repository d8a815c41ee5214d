// Drill 11 (issue 16): a backup taken with pg_dump while signing runs, restored into a new
// database, and the stack started on it — what docs/operations.md tells operators to do.
// Invariant 1 across a restore: every signature acknowledged before the dump's snapshot is in the
// restored database (and nothing signed after it); counts reconcile (shards = rows = public count,
// the worker's reconcile-counts finds nothing to repair); every sent delivery's manifest still
// verifies; and the worker resumes from PostgreSQL alone (Redis starts empty under a new prefix):
// nothing sent before the backup is sent again, and new signatures lead to the next delivery.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { verifyDeliveryManifest } from '@undersigned/core';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { createDb, type Db } from '@undersigned/db';
import { adminUrl, databaseUrl } from '@undersigned/db/testing';
import type { ReceivedMail } from '@undersigned/email/testing';
import { deleteTestKeys, eventually, REPO_ROOT, sleep, uniquePrefix, type WebServer, type WorkerProcess } from '@undersigned/testing';
import { createDatabase, dropDatabase, pgDump, pgRestore, runTool, toolMajorVersion } from './lib/backup';
import { useDrill } from './lib/drill';
import { keepAliveAgent, pool, request, shareCodeOf, sign, type Answer } from './lib/http';
import { FULL, recordDrill, tally } from './lib/results';

const SIGNERS = FULL ? 10_000 : 2_000;
const CONCURRENCY = FULL ? 50 : 20;
/** The snapshot is exported once this share of the load has been answered. */
const SNAPSHOT_AT = 0.4;
const DELIVER = 'drill11-deliver';
const SIGN = 'drill11-sign';
const TARGETS = ['mayor@drill11.example', 'council@drill11.example', 'clerk@drill11.example'];
/** Its server answers 421 until the old stack is stopped: its delivery is owed (pending) in the dump. */
const OWED = 'drill11-owed';
const OWED_TARGET = 'governor@drill11.example';
const AFTER_RESTORE = 50; // signers on the restored stack: DELIVER goes from 100 to 150, its next milestone

const drill = useDrill('drill11');
const restoredName = `undersigned_t_drill11_restored_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const restoredUrl = databaseUrl(restoredName);
const dumpDir = mkdtempSync(path.join(tmpdir(), 'undersigned-drill11-'));
const restoredPrefix = uniquePrefix('drill11-restored');
const restoredEnv = { QUEUE_PREFIX: restoredPrefix.slice(0, 40), RATE_LIMIT_PREFIX: `rl:${restoredPrefix}`.slice(0, 64) };
let restored: Db | undefined;

afterAll(async () => {
  // After useDrill's afterAll (declared first) has stopped every process it started.
  await restored?.$disconnect();
  await dropDatabase(adminUrl(), restoredName);
  await deleteTestKeys(restoredEnv);
  rmSync(dumpDir, { recursive: true, force: true });
});

const messageIdOf = (m: ReceivedMail) => m.parsed.messageId ?? '';
function attachmentSha(m: ReceivedMail): string {
  const a = m.parsed.attachments[0]!;
  const csv = a.filename?.endsWith('.gz') ? gunzipSync(a.content) : a.content;
  return createHash('sha256')
    .update(csv.subarray(csv.indexOf(0x0a) + 1))
    .digest('hex');
}

async function countsOf(db: Db, campaignId: number) {
  const [row] = await db.$queryRaw<{ rows: bigint; shards: bigint }[]>`
    SELECT (SELECT count(*) FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed')::bigint AS rows,
           (SELECT coalesce(sum(count), 0) FROM campaign_counter WHERE campaign_id = ${campaignId})::bigint AS shards`;
  return { rows: Number(row!.rows), shards: Number(row!.shards) };
}

it(`restores a pg_dump taken while ${SIGNERS} people sign: every signature acknowledged before its snapshot is there, counts and manifests check, and the worker resumes without re-sending`, async () => {
  const started = Date.now();
  // pg_dump must not be older than the server (it refuses to dump a newer one).
  const [version] = await drill.t.db.$queryRaw<{ server: number }[]>`SELECT (current_setting('server_version_num')::int / 10000) AS server`;
  expect(await toolMajorVersion('pg_dump')).toBeGreaterThanOrEqual(version!.server);

  // Before the backup: 3 milestone-100 deliveries sent (the sink has them); DELIVER's next
  // milestone is 150, reached only on the restored stack.
  const deliver = await createCampaign(drill.t.db, {
    slug: DELIVER,
    title: 'Drill 11 deliveries',
    targets: TARGETS.map((email, i) => ({ title: 'Official', givenName: `O${i}`, email })),
  });
  await drill.t.db.campaignTarget.updateMany({ where: { campaignId: deliver.id }, data: { milestones: [100, 150] } });
  const signing = await createCampaign(drill.t.db, { slug: SIGN, title: 'Drill 11 signing', targets: [] });
  const owed = await createCampaign(drill.t.db, { slug: OWED, title: 'Drill 11 owed', targets: [{ title: 'Governor', email: OWED_TARGET }] });
  // OWED's target is unreachable (421, a temporary failure: retried with backoff 2 s, 4 s, 8 s…)
  // until the old stack is stopped; the snapshot is taken between two attempts.
  let owedReachable = false;
  let owedRejections = 0;
  let owedRejectedAt = 0;
  drill.sink.decide = (mail) => {
    if (owedReachable || !mail.envelope.to.includes(OWED_TARGET)) return null;
    owedRejections += 1;
    owedRejectedAt = Date.now();
    return { code: 421, message: 'Try again later (drill 11)' };
  };
  const web = await drill.startWeb();
  const worker = drill.startWorker();
  await worker.started;
  await seedSignatures(drill.t.db, deliver.id, { count: 100 });
  await seedSignatures(drill.t.db, owed.id, { count: 100 });
  await eventually(
    async () => {
      const ds = await drill.t.db.delivery.findMany({ where: { campaignId: deliver.id } });
      return ds.length === TARGETS.length && ds.every((d) => d.status === 'sent') && drill.sink.messages.length >= TARGETS.length ? ds : null;
    },
    { timeoutMs: 60_000, everyMs: 300 },
  );
  await eventually(async () => owedRejections >= 2, { timeoutMs: 30_000, everyMs: 100 });
  const sentBefore = new Set(drill.sink.messages.map(messageIdOf));
  const attachmentShaById = new Map(drill.sink.messages.map((m) => [messageIdOf(m), attachmentSha(m)]));

  // The load, and the backup in the middle of it: signing goes on until pg_dump has finished.
  const agent = keepAliveAgent(CONCURRENCY);
  let snapshotRequested = false; // set just before pg_export_snapshot() is sent
  let snapshotTaken = false; // set once it has returned
  let dumpDone = false;
  const answers: Answer[] = [];
  let answered = 0;
  const ackedBefore: boolean[] = [];
  const sentAfter: boolean[] = [];
  let owedInSnapshot = '';
  let dump: Awaited<ReturnType<typeof pgDump>> | undefined;
  let signedDuringDump = 0;
  const dumpFile = path.join(dumpDir, 'undersigned.dump');
  let backup: Promise<void> | undefined;
  const takeBackup = async () => {
    // Between two attempts at OWED's delivery, so the snapshot finds it `pending`, not in the
    // middle of an attempt (`sending`): the k-th retry comes 2 s × 2^(k-1) after the k-th 421.
    const safe = () => {
      const since = Date.now() - owedRejectedAt;
      return since >= 300 && since <= (2_000 * 2 ** (owedRejections - 1)) / 2;
    };
    await eventually(async () => safe(), { timeoutMs: 30_000, everyMs: 20 });
    await drill.t.db.$transaction(
      async (tx) => {
        snapshotRequested = true;
        const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT pg_export_snapshot() AS id`;
        snapshotTaken = true;
        const [owedRow] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text FROM delivery WHERE campaign_id = ${owed.id}`;
        owedInSnapshot = owedRow?.status ?? 'none';
        // The exporting transaction stays open until pg_dump has run on its snapshot.
        const answeredAtStart = answered;
        dump = await pgDump(drill.t.url, dumpFile, { snapshot: row!.id });
        signedDuringDump = answered - answeredAtStart;
      },
      { isolationLevel: 'RepeatableRead', maxWait: 10_000, timeout: 120_000 },
    );
  };
  let issued = 0;
  const client = async () => {
    while (issued < SIGNERS || !dumpDone) {
      const i = issued++;
      sentAfter[i] = snapshotTaken;
      const answer = await sign(agent, web.url, SIGN, `drill11.${i}@drill.example`);
      // JavaScript runs one callback at a time: this answer arrived before the snapshot was
      // asked for exactly when the flag is still false — so its commit precedes the snapshot.
      ackedBefore[i] = answer.status === 200 && !snapshotRequested;
      answers[i] = answer;
      answered += 1;
      if (!backup && answered >= SIGNERS * SNAPSHOT_AT)
        backup = takeBackup().finally(() => {
          dumpDone = true;
        });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
  await backup;
  expect(dump).toBeDefined();
  // Stop the stack: what a restore replaces.
  await worker.stop(10_000);
  await web.stop(10_000);
  const owedRejectionsBefore = owedRejections;
  const messagesAtStop = drill.sink.messages.length;
  owedReachable = true;

  // The restore, as docs/operations.md describes it: createdb, pg_restore, migrate deploy.
  await createDatabase(adminUrl(), restoredName);
  const restoreRun = await pgRestore(restoredUrl, dumpFile);
  const migrateRun = await runTool('npx', ['prisma', 'migrate', 'deploy'], {
    cwd: path.join(REPO_ROOT, 'packages', 'db'),
    env: { DATABASE_URL: restoredUrl, ENV_FILE: 'off' },
  });
  restored = createDb({ url: restoredUrl, max: 4 });
  const rdb = restored;

  // The stack on the restored database; Redis is empty for it (a new prefix): its queues are gone.
  const restoredOverrides = { DATABASE_URL: restoredUrl, ...restoredEnv };
  const web2: WebServer = await drill.startWeb(restoredOverrides);
  const worker2: WorkerProcess = drill.startWorker(restoredOverrides);
  await worker2.started;
  const reconcileLine = await worker2.waitForLine((l) => l.job === 'maintenance.reconcile-counts', 60_000);

  // Signatures: acknowledged before the snapshot → present; asked for after it → absent.
  const rows = await rdb.$queryRaw<{ share_code: string }[]>`SELECT s.share_code FROM signature s WHERE s.campaign_id = ${signing.id}`;
  const codes = new Set(rows.map((r) => r.share_code));
  const before = answers.filter((_, i) => ackedBefore[i]);
  const lost = before.filter((a) => !codes.has(shareCodeOf(a) ?? '')).length;
  const afterPresent = answers.filter((a, i) => sentAfter[i] && codes.has(shareCodeOf(a) ?? '')).length;
  const acked = answers.filter((a) => a.status === 200).length;
  const fiveXx = answers.filter((a) => a.status >= 500 || a.status === 0).length;

  // Counts: rows = shards = the public count.
  const campaigns = [deliver, signing, owed];
  const counts = await Promise.all(campaigns.map((c) => countsOf(rdb, c.id)));
  const countOf = async (slug: string) =>
    (JSON.parse((await request(agent, `${web2.url}/api/v1/petitions/${slug}/count`, 'GET')).body) as { total_signatures: number }).total_signatures;
  const publicCounts = await eventually(
    async () => {
      const shown = await Promise.all(campaigns.map((c) => countOf(c.slug)));
      return shown.every((n, i) => n === counts[i]!.rows) ? shown : null;
    },
    { timeoutMs: 15_000, everyMs: 500 },
  ).catch(() => null);

  // Manifests of the deliveries sent before the backup, rebuilt from the restored rows.
  const sentInDump = await rdb.delivery.findMany({ where: { campaignId: deliver.id }, orderBy: { createdAt: 'asc' } });
  const checks = await Promise.all(sentInDump.map((d) => verifyDeliveryManifest(rdb, { deliveryId: d.id, databaseUrl: restoredUrl })));
  const manifestsMatchEmails = sentInDump.every((d) => d.messageId !== null && attachmentShaById.get(d.messageId) === d.manifestSha256);

  // The worker resumes from PostgreSQL: the delivery owed in the dump (its job was lost with
  // Redis) is sent, and new signers through the restored web server reach milestone 150.
  const resumed = await pool(
    Array.from({ length: AFTER_RESTORE }, (_, i) => `drill11.after.${i}@drill.example`),
    10,
    (email) => sign(agent, web2.url, DELIVER, email),
  );
  const resumedDeliveries = await eventually(
    async () => {
      const ds = await rdb.delivery.findMany({ where: { OR: [{ campaignId: deliver.id, milestone: 150 }, { campaignId: owed.id }] } });
      return ds.length === TARGETS.length + 1 && ds.every((d) => d.status === 'sent') ? ds : null;
    },
    { timeoutMs: 60_000, everyMs: 300 },
  );
  await sleep(3_000); // the reconciler runs every second: anything it would send again arrives by now
  agent.destroy();
  const next = resumedDeliveries.filter((d) => d.campaignId === deliver.id);
  const owedDelivery = resumedDeliveries.find((d) => d.campaignId === owed.id)!;
  const afterRestore = drill.sink.messages.slice(messagesAtStop);
  const resent = afterRestore.filter((m) => sentBefore.has(messageIdOf(m))).length;
  const doubled = [...tally(afterRestore, messageIdOf).values()].reduce((sum, n) => sum + n - 1, 0);
  const resumedChecks = await Promise.all(resumedDeliveries.map((d) => verifyDeliveryManifest(rdb, { deliveryId: d.id, databaseUrl: restoredUrl })));
  const n = (x: number) => x.toLocaleString('en-US');

  recordDrill({
    drill: '11 backup/restore',
    operations: `${n(acked)} signs acked (${n(before.length)} before the snapshot, all restored; ${n(signedDuringDump)} during pg_dump), ${sentInDump.length} deliveries sent before it (manifests verify, not re-sent), 1 owed in the dump + ${next.length} new after the restore sent once`,
    faults: `1 pg_dump -Fc (${n(Math.round(dump!.bytes / 1024))} KiB, ${(dump!.ms / 1000).toFixed(1)} s) under load + pg_restore into a new database (${(restoreRun.ms / 1000).toFixed(1)} s), Redis queues dropped`,
    lost: lost + (publicCounts ? 0 : 1) + counts.filter((c) => c.rows !== c.shards).length,
    duplicated: resent + doubled,
    unexpected5xx: fiveXx + resumed.filter((a) => a.status >= 500 || a.status === 0).length,
    seconds: (Date.now() - started) / 1000,
  });

  expect(answers.filter((a) => a.status !== 200).map((a) => `${a.status} ${a.error ?? ''} ${a.body.slice(0, 200)}`)).toEqual([]);
  expect(signedDuringDump).toBeGreaterThan(0); // the dump ran while signing did
  expect(before.length).toBeGreaterThanOrEqual(SIGNERS * SNAPSHOT_AT * 0.9);
  expect(lost).toBe(0);
  expect(afterPresent).toBe(0); // the dump is the snapshot's: nothing asked for after it
  expect(rows.length).toBeGreaterThanOrEqual(before.length);
  expect(rows.length).toBeLessThanOrEqual(acked);
  expect(migrateRun.stdout).toMatch(/No pending migrations to apply/);
  expect(counts.map((c) => c.rows - c.shards)).toEqual([0, 0, 0]);
  expect(counts[0]!.rows).toBe(100);
  expect(publicCounts).toEqual([100, rows.length, 100]);
  expect(reconcileLine).toMatchObject({ outcome: 'exact', repairs: [] });
  expect(sentInDump.map((d) => d.status)).toEqual(TARGETS.map(() => 'sent'));
  expect(checks.map((c) => c?.ok)).toEqual(TARGETS.map(() => true));
  expect(manifestsMatchEmails).toBe(true);
  // OWED's delivery was `pending` in the snapshot, refused (421) while the old stack ran.
  expect(owedInSnapshot).toBe('pending');
  expect(owedRejectionsBefore).toBeGreaterThanOrEqual(2);
  expect(resumed.filter((a) => a.status !== 200)).toEqual([]);
  expect(resent).toBe(0);
  expect(doubled).toBe(0);
  expect(resumedChecks.map((c) => c?.ok)).toEqual(resumedDeliveries.map(() => true));
  expect(next.map((d) => d.signatureCount)).toEqual(TARGETS.map(() => AFTER_RESTORE));
  expect(owedDelivery.signatureCount).toBe(100);
  // After the restore: exactly one email per resumed delivery, and nothing else.
  expect(afterRestore.map(messageIdOf).sort()).toEqual(resumedDeliveries.map((d) => d.messageId).sort());
});
