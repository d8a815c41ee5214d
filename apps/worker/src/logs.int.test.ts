// What the worker's logs let an operator follow (docs/logs.md): a delivery from its job to the
// SMTP server's answer, a refusal with its reply code, a confirmation email likewise — one JSON
// object per line, and no signer's email address anywhere in them.
import { createCampaign, seedSignatures, signer } from '@undersigned/core/testing';
import { signPetition } from '@undersigned/core';
import { eventually, TEST_SECRETS } from '@undersigned/testing';
import { useWorkerTestbed } from './testing/worker-testbed';

const bed = useWorkerTestbed('logs', { WORKER_PLAN_EVERY_MS: '400', WORKER_RECONCILE_EVERY_MS: '1000' });

async function sentDeliveryOf(campaignId: number) {
  return eventually(async () => {
    const d = await bed.t.db.delivery.findFirst({ where: { campaignId } });
    return d?.status === 'sent' ? d : null;
  });
}

describe('worker logs', () => {
  it("follows a delivery from its job into the SMTP server's answer: the answer's line carries the job id", async () => {
    const w = bed.start();
    await w.started;
    const c = await createCampaign(bed.t.db, {
      goal: 100_000,
      targets: [{ title: 'Mayor', givenName: 'Ada', familyName: 'Official', email: 'mayor@logs-city.example' }],
    });
    await seedSignatures(bed.t.db, c.id, { count: 100 });
    const delivery = await sentDeliveryOf(c.id);

    const job = await w.waitForLine((l) => l.msg === 'job' && l.job === 'deliveries.send' && l.deliveryId === delivery.id && l.outcome === 'sent');
    expect(job).toMatchObject({
      level: 'info',
      service: 'worker',
      queue: 'deliveries',
      campaignId: c.id,
      smtpResponse: expect.stringMatching(/^250/),
    });
    const answer = await w.waitForLine((l) => l.msg === 'smtp answer' && l.jobId === job.jobId);
    expect(answer).toMatchObject({
      level: 'info',
      queue: 'deliveries',
      deliveryId: delivery.id,
      smtpCode: 250,
      smtpResponse: expect.stringMatching(/^250/),
      messageId: delivery.messageId,
    });
    expect(typeof answer.smtpMs).toBe('number');
  });

  it("logs a refused delivery's SMTP reply code with its job id, then the retry's answer under the same job", async () => {
    bed.sink.rejectNext(1, { code: 451, message: 'Greylisted, try again' });
    const w = bed.start();
    await w.started;
    const c = await createCampaign(bed.t.db, {
      goal: 100_000,
      targets: [{ title: 'Clerk', givenName: 'Bo', familyName: 'Official', email: 'clerk@logs-city.example' }],
    });
    await seedSignatures(bed.t.db, c.id, { count: 100 });
    const delivery = await sentDeliveryOf(c.id);
    const refused = await w.waitForLine((l) => l.msg === 'smtp refused' && l.deliveryId === delivery.id);
    expect(refused).toMatchObject({ level: 'warn', smtpCode: 451, err: expect.objectContaining({ responseCode: 451 }) });
    const answer = await w.waitForLine((l) => l.msg === 'smtp answer' && l.deliveryId === delivery.id);
    expect(answer).toMatchObject({ jobId: refused.jobId, smtpCode: 250 });
  });

  it("logs a confirmation email's SMTP answer under its job, without the signer's address", async () => {
    const w = bed.start();
    await w.started;
    const c = await createCampaign(bed.t.db, { requireConfirmation: true });
    const email = 'confirm.logs.signer@distinct-logs.example';
    const r = await signPetition(bed.t.db, c.slug, signer({ email }), { confirmSecret: TEST_SECRETS.CONFIRM_TOKEN_SECRET });
    // Not queued by this test: the reconciler finds the owed email (older than a minute) and queues it.
    await bed.t.db.signature.update({ where: { id: r.signatureId }, data: { createdAt: new Date(Date.now() - 120_000) } });
    const answer = await w.waitForLine((l) => l.msg === 'smtp answer' && l.signatureId === r.signatureId.toString(), 30_000);
    expect(answer).toMatchObject({ queue: 'emails', jobId: `confirm-${r.signatureId}`, smtpCode: 250 });
    expect(w.output()).not.toContain(email);
    // Every line the worker wrote is one JSON object with a level, a time and a message.
    for (const line of w.output().trim().split('\n')) {
      expect(JSON.parse(line)).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
    }
  });
});
