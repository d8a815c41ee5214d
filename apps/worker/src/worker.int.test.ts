import { signPetition } from '@undersigned/core';
import { createCampaign, signer } from '@undersigned/core/testing';
import { eventually, sleep, TEST_SECRETS, type WorkerProcess } from '@undersigned/testing';
import { useWorkerTestbed } from './testing/worker-testbed';

const bed = useWorkerTestbed('process', { WORKER_PLAN_EVERY_MS: '500' });
const secret = TEST_SECRETS.CONFIRM_TOKEN_SECRET;

async function started(w: WorkerProcess): Promise<number> {
  return (await w.started).port as number;
}

/** Enqueues from this process, as the web app does, onto the workers' queues. */
async function enqueueConfirmation(signatureId: bigint): Promise<void> {
  Object.assign(process.env, { REDIS_URL: bed.env.REDIS_URL, QUEUE_PREFIX: bed.env.QUEUE_PREFIX });
  const { enqueueConfirmationEmail, closeQueues } = await import('@undersigned/jobs');
  await enqueueConfirmationEmail({ signatureId: signatureId.toString() });
  await closeQueues();
}

describe('worker process', () => {
  it('answers /healthz 200 with Redis and Postgres up, and exits 0 on SIGTERM', async () => {
    const worker = bed.start();
    const port = await started(worker);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', redis: 'up', postgres: 'up', closing: false });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.lines().some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('answers /healthz 503 naming what is down when Redis is unreachable', async () => {
    const worker = bed.start({ REDIS_URL: 'redis://127.0.0.1:1' });
    const port = await started(worker);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', redis: 'down', postgres: 'up' });
  });

  it('exits 1 at boot with one message naming a bad variable', async () => {
    const worker = bed.start({ SMTP_URL: 'not-a-url' });
    const exit = await worker.exited;
    expect(exit.code).toBe(1);
    expect(worker.stderr().trim().split('\n')).toHaveLength(1);
    expect(worker.stderr()).toContain('SMTP_URL');
  });

  it('sends a pending signature its confirmation email over SMTP', async () => {
    const worker = bed.start();
    await started(worker);
    const c = await createCampaign(bed.t.db, { requireConfirmation: true, title: 'Fix the bus line' });
    const r = await signPetition(bed.t.db, c.slug, signer({ email: 'rider@example.org' }), { confirmSecret: secret });
    await enqueueConfirmation(r.signatureId);
    const [mail] = await bed.sink.waitFor(1, 15_000);
    expect(mail!.envelope.to).toEqual(['rider@example.org']);
    expect(mail!.parsed.subject).toBe('Please confirm your signature: Fix the bus line');
    expect(String(mail!.parsed.html)).toContain(`${bed.env.PUBLIC_WEB_URL}/petitions/${c.slug}/confirm?token=`);
    await eventually(async () => (await bed.t.db.signature.findUniqueOrThrow({ where: { id: r.signatureId } })).confirmationSentAt);
    const line = await worker.waitForLine((l) => l.job === 'emails.send-confirmation-email');
    expect(line).toMatchObject({ outcome: 'sent', signatureId: r.signatureId.toString(), jobId: `confirm-${r.signatureId}` });
    expect(typeof line.durationMs).toBe('number');
  });

  it("still sends, once, a confirmation queued under the job's name before issue 11 (emails.confirm-signature)", async () => {
    const c = await createCampaign(bed.t.db, { requireConfirmation: true, title: 'Light the underpass' });
    const r = await signPetition(bed.t.db, c.slug, signer({ email: 'walker@example.org' }), { confirmSecret: secret });
    // Signed two minutes ago: old enough for the reconciler to count its email as owed.
    await bed.t.db.signature.update({ where: { id: r.signatureId }, data: { createdAt: new Date(Date.now() - 120_000) } });
    // What the previous release's producer left in Redis: the old job name, the same job id.
    Object.assign(process.env, { REDIS_URL: bed.env.REDIS_URL, QUEUE_PREFIX: bed.env.QUEUE_PREFIX });
    const { closeQueues, getQueue, jobIds, QUEUES } = await import('@undersigned/jobs');
    const signatureId = r.signatureId.toString();
    await getQueue(QUEUES.emails).add('emails.confirm-signature', { signatureId }, { jobId: jobIds.confirmation(signatureId) });
    await closeQueues();

    const worker = bed.start({ WORKER_RECONCILE_EVERY_MS: '500' });
    const refused = await worker.waitForLine((l) => l.job === 'emails.confirm-signature');
    // Failed at once (no retries to wait out), so the reconciler may replace it straight away.
    expect(refused).toMatchObject({ outcome: 'failed', jobId: `confirm-${signatureId}` });
    const sent = await worker.waitForLine((l) => l.job === 'emails.send-confirmation-email');
    expect(sent).toMatchObject({ outcome: 'sent', signatureId, jobId: `confirm-${signatureId}` });
    const [mail] = await bed.sink.waitFor(1, 5_000);
    expect(mail!.envelope.to).toEqual(['walker@example.org']);
    // Later reconciler ticks find the email recorded as sent: no second one.
    await sleep(1_500);
    expect(bed.sink.messages).toHaveLength(1);
  });

  it('lets the job in progress finish on SIGTERM before exiting', async () => {
    const worker = bed.start();
    await started(worker);
    const c = await createCampaign(bed.t.db, { requireConfirmation: true });
    const r = await signPetition(bed.t.db, c.slug, signer(), { confirmSecret: secret });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    bed.sink.decide = async () => {
      worker.child.kill('SIGTERM');
      await sleep(300);
      release();
    };
    await enqueueConfirmation(r.signatureId);
    await held;
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(bed.sink.messages).toHaveLength(1);
    const row = await bed.t.db.signature.findUniqueOrThrow({ where: { id: r.signatureId } });
    expect(row.confirmationSentAt).not.toBeNull();
  });
});
