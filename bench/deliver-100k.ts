// Benchmark (issue 4): deliver one batch of 100,000 signatures through the real worker and compare
// with `psql \copy` of the same rows to CSV, measured in the same run. Prints figures; not a test.
//
//   npx tsx bench/deliver-100k.ts [count]
//
// Needs the local Postgres and Redis (same as the tests). Creates and drops its own database and
// uses its own queue prefix; the SMTP server is an in-process smtp-server on a random port.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase } from '@undersigned/db/testing';
import { claimDeliveryRange, deliveryCsvQuery } from '@undersigned/core';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { startSmtpSink } from '@undersigned/email/testing';
import { deleteTestKeys, startWorker, type WorkerProcess } from '@undersigned/testing';
import { benchEnv } from './lib';

const COUNT = Number(process.argv[2] ?? 100_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main() {
  const t = await createTestDatabase('bench_deliver');
  const sink = await startSmtpSink();
  // Keep the planner and reconciler from enqueueing the measured delivery early.
  const env = benchEnv(t.url, 'deliver', { SMTP_URL: sink.url, WORKER_PLAN_EVERY_MS: '3600000', WORKER_RECONCILE_EVERY_MS: '3600000' });
  let worker: WorkerProcess | undefined;
  try {
    // 1. Seed: one campaign, one target, COUNT counted signatures (one INSERT … SELECT).
    const campaign = await createCampaign(t.db, {
      title: 'Benchmark petition',
      targets: [{ title: 'Mayor', givenName: 'Bench', familyName: 'Mark', email: 'mayor@bench.example' }],
    });
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: campaign.id } });
    let started = Date.now();
    await seedSignatures(t.db, campaign.id, {
      count: COUNT,
      postalCode: Array.from({ length: 30 }, (_, i) => String(95110 + i)),
      comment: 'Please act now, for our families and our neighbors.',
    });
    const seedMs = Date.now() - started;
    // No milestone or goal in reach: the planner must leave this campaign to the bench.
    await t.db.campaignTarget.update({
      where: { campaignId_targetId: { campaignId: campaign.id, targetId: pair.targetId } },
      data: { milestones: [] },
    });
    await t.db.campaign.update({ where: { id: campaign.id }, data: { goal: 1_000_000_000 } });

    // 2. The real worker, warmed up by one small delivery.
    worker = startWorker(env, { startTimeoutMs: 120_000 });
    await worker.started;
    const rssIdle = peakRssMb(worker.child.pid!);
    Object.assign(process.env, { REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: env.QUEUE_PREFIX });
    const { enqueueDelivery, closeQueues } = await import('@undersigned/jobs');
    // Warm-up: a long-running worker has its pools and templates loaded; one small delivery
    // first makes the measured job look like that (the cold figure is printed too).
    const warm = await createCampaign(t.db, { targets: [{ title: 'Clerk', email: 'clerk@bench.example' }] });
    const warmPair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: warm.id } });
    await seedSignatures(t.db, warm.id, { count: 5 });
    const warmDelivery = (await claimDeliveryRange(t.db, { campaignId: warm.id, targetId: warmPair.targetId, trigger: 'manual' }))!;
    await enqueueDelivery({ deliveryId: warmDelivery.id });
    const warmLine = await worker.waitForLine((l) => l.job === 'deliveries.send' && l.deliveryId === warmDelivery.id, 120_000);
    await sink.waitFor(1, 60_000);

    started = Date.now();
    const delivery = (await claimDeliveryRange(t.db, { campaignId: campaign.id, targetId: pair.targetId, trigger: 'manual' }))!;
    const claimMs = Date.now() - started;
    await t.db.$executeRaw`VACUUM ANALYZE signature`;

    // 3. Claim the range, then psql \copy of the same rows (same SELECT as the worker's COPY), median of 5.
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const { select } = deliveryCsvQuery(
      {
        campaignId: campaign.id,
        fromSeq: delivery.fromSeq,
        toSeq: delivery.toSeq,
        includeEmails: false,
        constituentsOnly: false,
        codes: [],
        timeZone: 'America/Los_Angeles',
      },
      (v) => client.escapeLiteral(v),
    );
    await client.end();
    const out = path.join(tmpdir(), `bench-copy-${process.pid}.csv`);
    const copyRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync('psql', [t.url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy (${select.replace(/\s+/g, ' ')}) TO '${out}' WITH (FORMAT csv)`], {
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
      copyRuns.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const copyBytes = statSync(out).size;
    rmSync(out, { force: true });

    // 4. The measured delivery.
    const t0 = Date.now();
    await enqueueDelivery({ deliveryId: delivery.id });
    await sink.waitFor(2, 120_000);
    const line = await worker.waitForLine((l) => l.job === 'deliveries.send' && l.deliveryId === delivery.id, 120_000);
    const wallMs = Date.now() - t0;
    const rssPeak = peakRssMb(worker.child.pid!);
    await closeQueues();
    const jobMs = Number(line.durationMs);
    const mail = sink.messages[1]!;
    const attachment = mail.parsed.attachments[0]!;

    const copyMs = median(copyRuns);
    const figures = {
      signatures: COUNT,
      'seed (INSERT … SELECT) ms': seedMs,
      'assign seq + claim range ms': claimMs,
      'psql \\copy ms (median of 5)': Math.round(copyMs),
      'psql \\copy bytes': copyBytes,
      'worker job ms (build CSV + render + SMTP send + record)': jobMs,
      'enqueue → email received ms': wallMs,
      '  of which CSV (COPY → hash → file, gzip) ms': line.csvMs,
      '  of which render email ms': line.renderMs,
      '  of which SMTP transaction ms': line.smtpMs,
      'cold first job (5 signatures) ms': warmLine.durationMs,
      'ratio job / \\copy': Number((jobMs / copyMs).toFixed(2)),
      'worker RSS after boot MB': Math.round(rssIdle),
      'worker peak RSS MB': Math.round(rssPeak),
      outcome: line.outcome,
      attachment: `${attachment.filename} (${attachment.size} bytes${line.gzipped ? ', gzipped' : ''})`,
      'CSV bytes (uncompressed)': line.bytes,
    };
    console.log(JSON.stringify(figures, null, 2));
    const pass = jobMs <= 2 * copyMs && rssPeak <= 256;
    console.log(`target ≤ 2× \\copy and ≤ 256 MB RSS: ${pass ? 'met' : 'NOT met'}`);
  } finally {
    await worker?.stop();
    await deleteTestKeys(env);
    await sink.close();
    await t.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
