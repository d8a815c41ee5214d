// The worker's /metrics on its health port (docs/metrics.md): behind the METRICS_TOKEN bearer,
// with queue depths and job outcomes after a real job, and no personal data.
import { signPetition } from '@undersigned/core';
import { createCampaign, signer } from '@undersigned/core/testing';
import { sampleValue } from '@undersigned/metrics';
import { eventually, TEST_SECRETS, type WorkerProcess } from '@undersigned/testing';
import { useWorkerTestbed } from './testing/worker-testbed';

const TOKEN = 'worker-metrics-token-0123456789';
const bed = useWorkerTestbed('metrics', { WORKER_PLAN_EVERY_MS: '500' });

async function started(w: WorkerProcess): Promise<number> {
  return (await w.started).port as number;
}

async function scrape(port: number, token?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, text: await res.text() };
}

describe('worker /metrics', () => {
  it('shows queue depths, job outcomes and emails sent after a confirmation email job, to the token bearer only, with no personal data', async () => {
    const worker = bed.start({ METRICS_TOKEN: TOKEN });
    const port = await started(worker);
    expect((await scrape(port)).status).toBe(401);
    expect((await scrape(port, 'not-the-token-at-all-nope')).status).toBe(401);

    const c = await createCampaign(bed.t.db, { requireConfirmation: true, title: 'Metrics campaign' });
    const person = signer({ email: 'zelda.quartermain@example.org', givenName: 'Zelda', familyName: 'Quartermain' });
    const r = await signPetition(bed.t.db, c.slug, person, { confirmSecret: TEST_SECRETS.CONFIRM_TOKEN_SECRET });
    Object.assign(process.env, { REDIS_URL: bed.env.REDIS_URL, QUEUE_PREFIX: bed.env.QUEUE_PREFIX });
    const { enqueueConfirmationEmail, closeQueues } = await import('@undersigned/jobs');
    await enqueueConfirmationEmail({ signatureId: r.signatureId.toString() });
    await closeQueues();
    await bed.sink.waitFor(1, 15_000);

    const text = await eventually(async () => {
      const { status, text } = await scrape(port, TOKEN);
      expect(status).toBe(200);
      return sampleValue(text, 'undersigned_emails_total', { kind: 'confirmation', outcome: 'sent' }) === 1 ? text : undefined;
    });
    expect(sampleValue(text, 'undersigned_jobs_total', { queue: 'emails', outcome: 'completed' })).toBe(1);
    expect(sampleValue(text, 'undersigned_job_duration_seconds_count', { queue: 'emails' })).toBe(1);
    // Depth of every queue, by state (the completed job is kept for a while).
    for (const queue of ['deliveries', 'emails', 'updates', 'maintenance', 'webhooks', 'review']) {
      expect(sampleValue(text, 'undersigned_queue_jobs', { queue, state: 'waiting' })).toBeGreaterThanOrEqual(0);
    }
    await eventually(
      async () => {
        const fresh = (await scrape(port, TOKEN)).text;
        return (sampleValue(fresh, 'undersigned_queue_jobs', { queue: 'emails', state: 'completed' }) ?? 0) >= 1 || undefined;
      },
      { timeoutMs: 15_000 },
    );
    expect(sampleValue(text, 'undersigned_db_pool_connections', { pool: 'prisma', state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    for (const personal of ['zelda', 'quartermain', 'example.org', c.slug]) expect(text.toLowerCase()).not.toContain(personal);
  });

  it('answers /metrics 404 without a METRICS_TOKEN, and nothing at all with METRICS_ENABLED=false', async () => {
    const port = await started(bed.start());
    expect((await scrape(port, TOKEN)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const off = await started(bed.start({ METRICS_ENABLED: 'false', METRICS_TOKEN: TOKEN }));
    expect((await scrape(off, TOKEN)).status).toBe(404);
  });
});
