import type { Job } from 'bullmq';
import { JOBS, QUEUES } from '@undersigned/jobs';
import { processMetrics, resetProcessMetrics, sampleValue } from '@undersigned/metrics';
import { recordJobCompleted, recordJobFailed } from './metrics';

afterEach(() => resetProcessMetrics());

const job = (name: string, queueName: string) => ({ name, queueName, processedOn: 1_000, finishedOn: 1_250 }) as Job;

it('reads deliveries, emails and reconciler repairs from the jobs’ results, and job outcomes by queue', async () => {
  const m = processMetrics({ METRICS_ENABLED: true }, 'worker')!;
  recordJobCompleted(m, job(JOBS.sendDelivery, QUEUES.deliveries), { outcome: 'sent', deliveryId: 'd1' });
  recordJobCompleted(m, job(JOBS.sendDelivery, QUEUES.deliveries), { outcome: 'already_sent', deliveryId: 'd1' });
  recordJobFailed(m, job(JOBS.sendDelivery, QUEUES.deliveries), true);
  recordJobCompleted(m, job(JOBS.sendConfirmationEmail, QUEUES.emails), { outcome: 'bounced', signatureId: '7' });
  recordJobFailed(m, job(JOBS.sendConfirmationEmail, QUEUES.emails), false);
  recordJobCompleted(m, job(JOBS.sendUpdate, QUEUES.updates), { outcome: 'time_up', sent: 40, failed: 2 });
  recordJobCompleted(m, job(JOBS.reconcileCounts, QUEUES.maintenance), { outcome: 'repaired', repairs: [{}, {}] });
  recordJobCompleted(m, job(JOBS.reconcileJobs, QUEUES.maintenance), {
    outcome: 'requeued',
    deliveries: 1,
    confirmations: 3,
    interrupted: 0,
    updateRuns: 0,
    reviewRuns: 1,
  });
  const text = await m.registry.metrics();
  expect(sampleValue(text, 'undersigned_deliveries_total', { outcome: 'sent' })).toBe(1);
  expect(sampleValue(text, 'undersigned_deliveries_total', { outcome: 'error' })).toBe(1);
  expect(sampleValue(text, 'undersigned_deliveries_total')).toBe(2);
  expect(sampleValue(text, 'undersigned_emails_total', { kind: 'confirmation', outcome: 'bounced' })).toBe(1);
  expect(sampleValue(text, 'undersigned_emails_total', { kind: 'confirmation', outcome: 'error' })).toBe(1);
  expect(sampleValue(text, 'undersigned_emails_total', { kind: 'update', outcome: 'sent' })).toBe(40);
  expect(sampleValue(text, 'undersigned_emails_total', { kind: 'update', outcome: 'failed' })).toBe(2);
  expect(sampleValue(text, 'undersigned_reconciler_repairs_total', { kind: 'counter' })).toBe(2);
  expect(sampleValue(text, 'undersigned_reconciler_repairs_total', { kind: 'delivery_job' })).toBe(1);
  expect(sampleValue(text, 'undersigned_reconciler_repairs_total', { kind: 'confirmation_job' })).toBe(3);
  expect(sampleValue(text, 'undersigned_reconciler_repairs_total', { kind: 'review_run' })).toBe(1);
  expect(sampleValue(text, 'undersigned_reconciler_repairs_total', { kind: 'update_run' })).toBeUndefined();
  expect(sampleValue(text, 'undersigned_jobs_total', { queue: 'deliveries', outcome: 'completed' })).toBe(2);
  expect(sampleValue(text, 'undersigned_jobs_total', { queue: 'deliveries', outcome: 'retrying' })).toBe(1);
  expect(sampleValue(text, 'undersigned_jobs_total', { queue: 'emails', outcome: 'failed' })).toBe(1);
  expect(sampleValue(text, 'undersigned_job_duration_seconds_sum', { queue: 'updates' })).toBe(0.25);
});

it('records nothing with metrics off', () => {
  expect(() => recordJobCompleted(null, job(JOBS.sendDelivery, QUEUES.deliveries), { outcome: 'sent' })).not.toThrow();
  expect(() => recordJobFailed(null, undefined, false)).not.toThrow();
});
