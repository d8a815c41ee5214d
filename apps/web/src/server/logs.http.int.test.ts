// What the logs of the production server (server.ts) and the worker let an operator follow, and
// what they must never hold (docs/logs.md): a signature from its HTTP request into the batch that
// committed it, by X-Request-Id; and no signer's email, name, address or IP in any line of either
// process, while those people sign, get their confirmation email and are delivered to an official.
// Needs a production build of apps/web (`npm run build -w @undersigned/web`); skipped otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { useTestDatabase } from '@undersigned/db/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import {
  deleteTestKeys,
  eventually,
  startWebServer,
  startWorker,
  testEnv,
  type LogLine,
  type TestProcess,
  type WebServer,
  type WorkerProcess,
} from '@undersigned/testing';

const WEB = path.resolve(__dirname, '..', '..');
const built = existsSync(path.join(WEB, '.next', 'BUILD_ID'));
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn('[logs-http] SKIPPED: no production build at apps/web/.next (run `npm run build -w @undersigned/web`)');

let server: WebServer | undefined;
let worker: WorkerProcess | undefined;
let sink: SmtpSink | undefined;
let env: Record<string, string> = {};

/** Signers no log line may mention: each field distinctive enough that a match could only be a leak. */
const PEOPLE = [1, 2, 3, 4].map((i) => ({
  email: `quetzalina.logscan${i}@zanzibar-logscan.example`,
  givenName: `Quetzalina${i}`,
  familyName: `Wobblesworth${i}`,
  street: `${4320 + i} Zanzibar Logscan Lane`,
  comment: `Logscan comment number ${i}`,
  ip: `203.0.113.${90 + i}`,
}));

function osdiBody(p: (typeof PEOPLE)[number]) {
  return JSON.stringify({
    person: {
      given_name: p.givenName,
      family_name: p.familyName,
      email_addresses: [{ address: p.email }],
      postal_addresses: [{ address_lines: [p.street], locality: 'San Jose', region: 'CA', postal_code: '95112' }],
    },
    comments: p.comment,
  });
}

/** A signature as a reverse proxy would forward it: the client's address in X-Forwarded-For (TRUSTED_PROXY_HOPS=2). */
function sign(slug: string, p: (typeof PEOPLE)[number], headers: Record<string, string> = {}, form = false): Promise<Response> {
  const body = form
    ? new URLSearchParams({ given_name: p.givenName, family_name: p.familyName, email: p.email, postal_code: '95112', comment: p.comment }).toString()
    : osdiBody(p);
  return fetch(`${server!.url}/api/v1/petitions/${slug}/signatures`, {
    method: 'POST',
    headers: {
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      'x-forwarded-for': p.ip,
      ...headers,
    },
    body,
    redirect: 'manual',
  });
}

/** Every line a process wrote: one JSON object with a level, an ISO time and a message. */
function expectJsonLines(proc: TestProcess): LogLine[] {
  const lines = proc
    .output()
    .split('\n')
    .filter((l) => l.trim() !== '');
  expect(lines.length).toBeGreaterThan(0);
  return lines.map((line) => {
    let parsed: LogLine;
    try {
      parsed = JSON.parse(line) as LogLine;
    } catch {
      throw new Error(`not a JSON log line: ${line}`);
    }
    expect(parsed).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
    return parsed;
  });
}

describeBuilt('logs of the production server and the worker', () => {
  const t = useTestDatabase('web_logs_http', {
    beforeDrop: async () => {
      await worker?.stop();
      await server?.stop();
    },
  });

  beforeAll(async () => {
    sink = await startSmtpSink();
    env = testEnv({
      databaseUrl: t.url,
      label: 'web_logs_http',
      overrides: { SMTP_URL: sink.url, TRUSTED_PROXY_HOPS: '2', WORKER_PLAN_EVERY_MS: '400', WORKER_RECONCILE_EVERY_MS: '1000' },
    });
    server = await startWebServer({ env });
    worker = startWorker({ ...env, PUBLIC_WEB_URL: server.url });
    await worker.started;
  }, 120_000);

  afterAll(async () => {
    await sink?.close();
    if (env.REDIS_URL) await deleteTestKeys(env, env.REDIS_URL);
  });

  it('follows a signature from its HTTP request into the log line of the batch that committed it, by X-Request-Id', async () => {
    const c = await createCampaign(t.db, { goal: 1000 });
    const reqId = `logs-test-${process.pid}-${Date.now()}`;
    const res = await sign(c.slug, PEOPLE[0]!, { 'x-request-id': reqId });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(reqId);
    const batch = await server!.waitForLine((l) => l.msg === 'sign batch committed' && (l.reqIds as string[]).includes(reqId), 10_000);
    expect(batch).toMatchObject({
      level: 'info',
      service: 'web',
      batchId: expect.any(String),
      size: expect.any(Number),
      commitMs: expect.any(Number),
    });
    expect(batch.size).toBeGreaterThanOrEqual(1);

    // An id that is not a sane token is replaced by one of ours, which follows the signature the same way.
    const replaced = await sign(c.slug, PEOPLE[1]!, { 'x-request-id': 'not a <safe> id' });
    const ours = replaced.headers.get('x-request-id');
    expect(ours).toMatch(/^[0-9a-f-]{36}$/);
    await server!.waitForLine((l) => l.msg === 'sign batch committed' && (l.reqIds as string[]).includes(ours!), 10_000);
    // Requests Next answers carry one too.
    expect((await fetch(`${server!.url}/healthz`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps every email, name, street address and IP of signers out of every log line of web and worker, through signing, confirmation emails and a delivery', async () => {
    const confirming = await createCampaign(t.db, { goal: 1000, requireConfirmation: true });
    const delivered = await createCampaign(t.db, {
      goal: 100_000,
      targets: [{ title: 'Mayor', givenName: 'Ada', familyName: 'Official', email: 'mayor@logs-city.example' }],
    });
    for (const [i, p] of PEOPLE.entries()) {
      expect((await sign(confirming.slug, p, {}, i % 2 === 1)).status).toBeLessThan(400);
      expect((await sign(delivered.slug, p, {}, i % 2 === 0)).status).toBeLessThan(400);
    }
    // A refused attempt and a malformed one are logged no differently.
    expect((await sign(delivered.slug, { ...PEOPLE[0]!, email: 'not-an-email-quetzalina' })).status).toBe(400);
    // The 100th signature makes the official's first delivery come due.
    await seedSignatures(t.db, delivered.id, { count: 100 });

    const confirmations = await eventually(
      async () => (PEOPLE.every((p) => sink!.messages.some((m) => m.envelope.to.includes(p.email))) ? sink!.messages : null),
      { timeoutMs: 30_000 },
    );
    expect(confirmations.length).toBeGreaterThanOrEqual(PEOPLE.length);
    const [delivery] = await eventually(async () => {
      const ds = await t.db.delivery.findMany({ where: { campaignId: delivered.id, status: 'sent' } });
      return ds.length ? ds : null;
    });
    // The official's CSV carries the signers: the data went through the processes whose logs are read below.
    const toOfficial = sink!.messages.find((m) => m.envelope.to.includes('mayor@logs-city.example'));
    expect(toOfficial!.parsed.attachments[0]!.content.toString('utf8')).toContain(PEOPLE[0]!.familyName);
    await worker!.waitForLine((l) => l.msg === 'smtp answer' && l.deliveryId === delivery!.id);

    // Both processes stopped, so every line they wrote is in.
    await worker!.stop();
    await server!.stop();
    for (const proc of [server!, worker!]) {
      const lines = expectJsonLines(proc);
      const text = proc.output();
      for (const p of PEOPLE) {
        for (const secret of [p.email, p.email.split('@')[0]!, p.givenName, p.familyName, p.street, p.comment, p.ip]) {
          expect({ service: lines[0]!.service, leaked: text.includes(secret) ? secret : null }).toEqual({ service: lines[0]!.service, leaked: null });
        }
      }
      expect(text).not.toContain('quetzalina');
    }
  });
});
