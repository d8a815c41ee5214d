// The queue dashboard's adapter against a real Redis (no auth here: the route handler checks the
// session first, e2e/staff-access.spec.ts proves that over HTTP). Proves: the board lists every
// queue with the configured prefix; an email in a job's data or in its failure never reaches the
// board API; refused actions answer 403/405 and change nothing in Redis; retrying a failed job works.
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { deleteTestKeys, testRedisUrl, uniquePrefix } from '@undersigned/testing';
import { QUEUES } from '@undersigned/jobs';
import { closeQueueBoard, queueBoard } from './board';
import { renderBoardPage } from './fetch-adapter';

const env = { REDIS_URL: testRedisUrl(), QUEUE_PREFIX: uniquePrefix('board') };
Object.assign(process.env, env);

const EMAIL = 'ana.lopez@example.org';
const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
let connection: Redis;
let emails: Queue;
let failedJobId: string;
let leakyJobId: string;

const call = async (method: string, path: string) => {
  const res = await queueBoard().handle(new Request(`http://localhost:3001/admin/queues${path}`, { method }), path.split('?')[0]!, NONCE);
  return { status: res.status, text: res.status === 204 ? '' : await res.text(), headers: res.headers };
};

beforeAll(async () => {
  connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  emails = new Queue(QUEUES.emails, { connection, prefix: env.QUEUE_PREFIX });
  // A job whose data breaks the ids-only rule (as a bug or an old payload might), and one that fails
  // with an SMTP error quoting the recipient.
  failedJobId = (await emails.add('emails.send-confirmation-email', { signatureId: '8' }, { jobId: 'confirm-8', attempts: 1 })).id!;
  const workerConnection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
  const worker = new Worker(
    QUEUES.emails,
    async () => {
      throw new Error(`550 5.1.1 <${EMAIL}>: Recipient address rejected`);
    },
    { connection: workerConnection, prefix: env.QUEUE_PREFIX },
  );
  await new Promise<void>((resolve) => worker.on('failed', () => resolve()));
  await worker.close();
  await workerConnection.quit();
  leakyJobId = (await emails.add('emails.send-confirmation-email', { signatureId: '7', email: EMAIL, givenName: 'Ana' }, { jobId: 'leaky-7' })).id!;
});

afterAll(async () => {
  await closeQueueBoard();
  await emails.close();
  await deleteTestKeys(env);
  await connection.quit();
});

describe('the queue dashboard (Bull Board) adapter', () => {
  it('lists every queue the worker uses, with counts', async () => {
    const res = await call('GET', '/api/queues');
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { queues: { name: string; counts: Record<string, number> }[] };
    expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    expect(body.queues.find((q) => q.name === QUEUES.emails)!.counts).toMatchObject({ failed: 1, waiting: 1 });
  });

  it('never shows an email address: not from job data, not from a failure reason or stack trace', async () => {
    for (const path of [
      `/api/queues?activeQueue=${QUEUES.emails}&status=failed`,
      `/api/queues?activeQueue=${QUEUES.emails}&status=waiting`,
      `/api/queues?activeQueue=${QUEUES.emails}&status=latest`,
      `/api/queues/${QUEUES.emails}/${failedJobId}`,
      `/api/queues/${QUEUES.emails}/${leakyJobId}`,
      `/api/queues/${QUEUES.emails}/${failedJobId}/logs`,
    ]) {
      const res = await call('GET', path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain(EMAIL);
      expect(res.text).not.toContain('Ana"');
    }
    const leaky = JSON.parse((await call('GET', `/api/queues/${QUEUES.emails}/${leakyJobId}`)).text) as { job: { data: unknown } };
    expect(leaky.job.data).toEqual({ signatureId: '7', email: '[redacted]', givenName: '[redacted]' });
    const failed = JSON.parse((await call('GET', `/api/queues/${QUEUES.emails}/${failedJobId}`)).text) as { job: { failedReason: string } };
    expect(failed.job.failedReason).toBe('550 5.1.1 <[email redacted]>: Recipient address rejected');
  });

  it('refuses pause, resume, add, remove, promote, empty, obliterate and data edits, changing nothing in Redis', async () => {
    const before = await emails.getJobCounts();
    const refused: [string, string][] = [
      ['PUT', `/api/queues/${QUEUES.emails}/pause`],
      ['PUT', '/api/queues/pause'],
      ['PUT', `/api/queues/${QUEUES.emails}/empty`],
      ['PUT', `/api/queues/${QUEUES.emails}/obliterate`],
      ['PUT', `/api/queues/${QUEUES.emails}/promote`],
      ['PUT', `/api/queues/${QUEUES.emails}/${leakyJobId}/clean`],
      ['PUT', `/api/queues/${QUEUES.emails}/${leakyJobId}/promote`],
      ['PATCH', `/api/queues/${QUEUES.emails}/${leakyJobId}/update-data`],
      ['POST', `/api/queues/${QUEUES.emails}/add`],
      ['PUT', `/api/queues/${QUEUES.emails}/clean/wait`],
      ['PUT', `/api/queues/${QUEUES.emails}/retry/completed`],
      ['DELETE', `/api/queues/${QUEUES.emails}/${leakyJobId}`],
      ['POST', `/api/queues/${QUEUES.emails}/pause`],
    ];
    for (const [method, path] of refused) {
      const res = await call(method, path);
      expect([`${method} ${path}`, [403, 405].includes(res.status)]).toEqual([`${method} ${path}`, true]);
    }
    expect(await emails.isPaused()).toBe(false);
    expect(await emails.getJobCounts()).toEqual(before);
    expect(await emails.getJob(leakyJobId)).toBeDefined();
    expect((await emails.getJob(leakyJobId))!.data).toMatchObject({ signatureId: '7' });
  });

  it('retries a failed job, and refuses to retry one that is not failed', async () => {
    expect((await call('PUT', `/api/queues/${QUEUES.emails}/${leakyJobId}/retry`)).status).toBe(403);
    expect(await (await emails.getJob(leakyJobId))!.getState()).toBe('waiting');
    expect(await (await emails.getJob(failedJobId))!.getState()).toBe('failed');
    expect((await call('PUT', `/api/queues/${QUEUES.emails}/${failedJobId}/retry`)).status).toBe(204);
    expect(await (await emails.getJob(failedJobId))!.getState()).toBe('waiting');
  });

  it('cleans finished jobs', async () => {
    expect((await call('PUT', `/api/queues/${QUEUES.emails}/clean/completed`)).status).toBe(200);
  });

  it('serves the page with the CSP nonce on its scripts and no third-party fonts, and its static files without escaping the folder', async () => {
    const page = await call('GET', '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<base href="/admin/queues/"');
    expect(page.text).toContain(`<script nonce="${NONCE}" defer src="static/js/main.`);
    expect(page.text).not.toContain('googleapis');
    expect(page.text).not.toMatch(/<script(?![^>]*nonce=)/);
    const js = /src="(static\/js\/main\.[^"]+)"/.exec(page.text)![1]!;
    const asset = await call('GET', `/${js}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect((await call('GET', '/static/locales/en-US/messages.json')).status).toBe(200);
    expect((await call('GET', '/static/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await call('GET', '/static/../../package.json')).status).toBe(404);
    expect((await call('GET', '/api/nothing-here')).status).toBe(404);
  });

  it('renders only templates that interpolate', () => {
    expect(renderBoardPage('<b><%= a %></b><%- b %><script src="x"></script>', { a: '<i>', b: '<u>' }, NONCE)).toBe(
      `<b>&lt;i&gt;</b><u><script nonce="${NONCE}" src="x"></script>`,
    );
    expect(() => renderBoardPage('<% if (a) { %>x<% } %>', {}, NONCE)).toThrow(/more than interpolation/);
  });
});
