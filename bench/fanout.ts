// Benchmark 5 (issue 6): delivery fan-out. 50 campaigns × 3 targets cross their first milestone
// (100) at once; the real worker (apps/worker, through tsx as `npm run dev` runs it) plans and
// sends all 150 deliveries to an in-process SMTP server. Afterwards: every delivery was received
// exactly once (messages counted per Message-ID and per X-Undersigned-Delivery header at the SMTP
// server, after a quiet period), and every delivery row is `sent`. Prints deliveries/s.
//
//   npm run bench:fanout           (BENCH_CAMPAIGNS=10 for a quick look)
//
// Needs the local Postgres and Redis. Creates and drops its own database and queue prefix.
import { loadavg } from 'node:os';
import { createTestDatabase } from '@undersigned/db/testing';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { startSmtpSink } from '@undersigned/email/testing';
import { deleteTestKeys, startWorker, type WorkerProcess } from '@undersigned/testing';
import { benchEnv, printTable, type Row } from './lib';

const CAMPAIGNS = Number(process.env.BENCH_CAMPAIGNS ?? 50);
const TARGETS = 3;
const SIGNATURES = 150; // past the first default milestone (100)
const QUIET_MS = 3_000;

async function main() {
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
  const t = await createTestDatabase('bench_fanout');
  const sink = await startSmtpSink();
  const env = benchEnv(t.url, 'fanout', { SMTP_URL: sink.url, WORKER_PLAN_EVERY_MS: '1000', WORKER_RECONCILE_EVERY_MS: '3600000' });
  const rows: Row[] = [];
  let failed = false;
  let worker: WorkerProcess | undefined;
  try {
    // 1. Seed: CAMPAIGNS published campaigns, 3 targets each (milestones 100/1,000/10,000 by
    //    default), SIGNATURES counted signatures each. Nothing is delivered yet.
    let t0 = Date.now();
    const campaignIds: number[] = [];
    for (let c = 0; c < CAMPAIGNS; c++) {
      const campaign = await createCampaign(t.db, {
        slug: `fanout-${c}`,
        title: `Fan-out petition ${c}`,
        goal: 1_000_000,
        targets: Array.from({ length: TARGETS }, (_, i) => ({
          title: `Official ${i}`,
          givenName: 'Pat',
          familyName: `Official${c}x${i}`,
          email: `official-${c}-${i}@fanout.example`,
        })),
      });
      campaignIds.push(campaign.id);
      await seedSignatures(t.db, campaign.id, { count: SIGNATURES, postalCode: ['95110', '95112', '95125'], comment: 'Now.' });
    }
    const expected = CAMPAIGNS * TARGETS;
    rows.push({
      figure: `seed ${CAMPAIGNS} campaigns × ${TARGETS} targets × ${SIGNATURES} signatures`,
      value: `${((Date.now() - t0) / 1000).toFixed(1)} s`,
      target: '—',
    });

    // 2. The real worker; its first planner tick finds all pairs past the milestone.
    t0 = Date.now();
    worker = startWorker(env, { startTimeoutMs: 120_000 });
    // When each line was written, by the worker's own clock (its log's `time`).
    const at = (l: Record<string, unknown>) => Date.parse(String(l.time));
    const startedAt = at(await worker.started);
    const bootMs = startedAt - t0;

    // 3. All deliveries sent: wait for the emails, then a quiet period for any duplicate.
    const received = await sink.waitFor(expected, 300_000);
    const lastAt = Date.now();
    const sendLines = () => worker!.lines().filter((l) => l.job === 'deliveries.send');
    const firstSend = Math.min(...sendLines().map(at));
    await new Promise((r) => setTimeout(r, QUIET_MS));
    void received;

    const byMessageId = new Map<string, number>();
    const byDelivery = new Map<string, number>();
    for (const m of sink.messages) {
      const id = m.parsed.messageId ?? '(none)';
      byMessageId.set(id, (byMessageId.get(id) ?? 0) + 1);
      const header = m.parsed.headers.get('x-undersigned-delivery');
      const d = typeof header === 'string' ? header : '(none)';
      byDelivery.set(d, (byDelivery.get(d) ?? 0) + 1);
    }
    const deliveries = await t.db.delivery.findMany({
      select: { id: true, status: true, messageId: true, campaignId: true, targetId: true, trigger: true, milestone: true },
    });
    const sent = deliveries.filter((d) => d.status === 'sent');
    const pairs = new Set(deliveries.map((d) => `${d.campaignId}/${d.targetId}`));
    const everyOnce = sent.every((d) => byDelivery.get(d.id) === 1 && byMessageId.get(`<${d.messageId?.replace(/^<|>$/g, '')}>`) === 1);
    const totalMs = lastAt - startedAt;
    const sendMs = lastAt - firstSend;

    rows.push({ figure: 'worker boot (spawn → "worker started")', value: `${(bootMs / 1000).toFixed(1)} s`, target: '—' });
    rows.push({
      figure: 'deliveries created / sent',
      value: `${deliveries.length} / ${sent.length} (${pairs.size} pairs, all milestone 100: ${deliveries.every((d) => d.trigger === 'milestone' && d.milestone === 100)})`,
      target: `${expected} / ${expected}`,
      pass: deliveries.length === expected && sent.length === expected && pairs.size === expected,
    });
    rows.push({
      figure: `emails received (after ${QUIET_MS / 1000} s quiet)`,
      value: `${sink.messages.length}; distinct Message-IDs ${byMessageId.size}; distinct delivery headers ${byDelivery.size}`,
      target: `${expected}, each delivery exactly once`,
      pass: sink.messages.length === expected && byMessageId.size === expected && byDelivery.size === expected && everyOnce,
    });
    rows.push({ figure: 'worker started → last email received', value: `${(totalMs / 1000).toFixed(2)} s`, target: '—' });
    rows.push({ figure: 'first delivery job done → last email received', value: `${(sendMs / 1000).toFixed(2)} s`, target: '—' });
    rows.push({
      figure: 'throughput (worker started → last email)',
      value: `${(expected / (totalMs / 1000)).toFixed(1)} deliveries/s`,
      target: 'printed',
    });
    rows.push({ figure: 'load average at start (1/5/15 min, 2 cores)', value: load, target: '—' });
    failed = rows.some((r) => r.pass === false);
  } finally {
    await worker?.stop();
    printTable(`Delivery fan-out — ${CAMPAIGNS} campaigns × ${TARGETS} targets crossing milestone 100`, rows);
    await deleteTestKeys(env);
    await sink.close();
    await t.drop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
