// Erasure reaches everywhere a signer's data went (issue 7 "Privacy"): a person signs through the
// public endpoint (one confirmed signature, one pending confirmation with its email job queued in
// Redis), staff erase them with core's erasePerson, and then: no row in Postgres, no trace in any
// Redis key under the queue and rate-limit prefixes, the queued confirmation job does nothing
// (no email reaches the real SMTP server), and the next delivery's CSV does not carry them.
import { readFile } from 'node:fs/promises';
import { DEFAULT_SIGNATURE_LIMITS, erasePerson, getSignatureCount } from '@undersigned/core';
import { buildNextDeliveryEmail, sendConfirmationEmail } from '@undersigned/core/mail';
import { createCampaign } from '@undersigned/core/testing';
import { createMailer } from '@undersigned/email';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
let sink: SmtpSink;
let endpoint: typeof import('./sign-endpoint');
let jobs: typeof import('@undersigned/jobs');

beforeAll(async () => {
  t = await startWebTestApp('web_erasure');
  sink = await startSmtpSink();
  endpoint = await import('./sign-endpoint');
  jobs = await import('@undersigned/jobs');
});

afterAll(async () => {
  await sink.close();
  await t.close();
});

const sign = (slug: string, email: string, ip: string, [given, family] = ['Xiomara', 'Forgetme']) =>
  endpoint.handleSignPost({
    slug,
    contentType: 'application/json',
    body: JSON.stringify({
      person: {
        given_name: given,
        family_name: family,
        email_addresses: [{ address: email }],
        postal_addresses: [{ postal_code: '95112' }],
      },
      comments: 'please forget me later',
    }),
    ip,
    locale: null,
  });

/** Every string value stored under a prefix (strings, hashes, lists, sets, sorted sets, streams). */
async function redisDump(prefix: string): Promise<string> {
  const { redis } = t;
  const parts: string[] = [];
  for (const key of await redis.keys(`${prefix}*`)) {
    const type = await redis.type(key);
    parts.push(key);
    if (type === 'string') parts.push((await redis.get(key)) ?? '');
    if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
    if (type === 'list') parts.push(JSON.stringify(await redis.lrange(key, 0, -1)));
    if (type === 'set') parts.push(JSON.stringify(await redis.smembers(key)));
    if (type === 'zset') parts.push(JSON.stringify(await redis.zrange(key, '0', '-1')));
    if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return parts.join('\n');
}

describe('erasure removes a person everywhere', () => {
  it('signatures, pending confirmation, queued job payloads, Redis, future deliveries: nothing left, nothing sent', async () => {
    const open = await createCampaign(t.db);
    const confirmed = await createCampaign(t.db, { requireConfirmation: true });
    await t.db.campaign.update({ where: { id: open.id }, data: { includeEmailsInDeliveries: true } });
    const email = `xiomara.forgetme.${process.pid}@example.org`;
    expect((await sign(open.slug, email, '192.0.2.10')).status).toBe(200);
    expect((await sign(confirmed.slug, email, '192.0.2.10')).status).toBe(200);
    expect((await sign(open.slug, `bystander.${process.pid}@example.org`, '192.0.2.11', ['Bea', 'Bystander'])).status).toBe(200);

    const person = await t.db.person.findUniqueOrThrow({ where: { canonicalEmail: email } });
    const pending = await t.db.signature.findFirstOrThrow({ where: { personId: person.id, campaignId: confirmed.id } });
    expect(pending.status).toBe('pending');
    // The confirmation job was queued by the sign path (not awaited there): wait for it.
    const queue = jobs.getQueue(jobs.QUEUES.emails);
    const jobId = jobs.jobIds.confirmation(pending.id.toString());
    for (let i = 0; i < 50 && !(await queue.getJob(jobId)); i++) await new Promise((r) => setTimeout(r, 50));
    const job = await queue.getJob(jobId);
    expect(job?.data).toEqual({ signatureId: pending.id.toString() });

    // By design nothing personal ever enters Redis: job payloads carry ids, rate limits hashes.
    const before = (await redisDump(t.env.QUEUE_PREFIX!)) + (await redisDump(t.env.RATE_LIMIT_PREFIX!));
    for (const leak of [email, 'Xiomara', 'Forgetme', 'please forget', '192.0.2.10']) expect(before).not.toContain(leak);
    // The IP hash is a rate-limit window key (no link to the person once their rows are gone),
    // and every such key expires within two windows.
    expect(await redisDump(t.env.QUEUE_PREFIX!)).not.toContain(pending.ipHash!);
    for (const key of await t.redis.keys(`${t.env.RATE_LIMIT_PREFIX}:*`)) {
      const ttl = await t.redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(2 * DEFAULT_SIGNATURE_LIMITS.perIp.windowMs);
    }

    const admin = await t.db.user.create({ data: { email: `admin.${process.pid}@org.example`, role: 'admin' } });
    const erased = await erasePerson(t.db, { id: admin.id, email: admin.email, name: null, role: 'admin', active: true }, { personId: person.id });
    expect(erased).toEqual({ signatures: 2, campaigns: [open.id, confirmed.id].sort((a, b) => a - b) });

    // Postgres: no person, no signature, no token, nothing in the audit log but ids and numbers.
    expect(await t.db.person.count({ where: { id: person.id } })).toBe(0);
    expect(await t.db.signature.count({ where: { personId: person.id } })).toBe(0);
    const trace = await t.db.$queryRaw<{ hit: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM signature s WHERE s::text ILIKE '%Forgetme%' OR s.ip_hash = ${pending.ipHash})
          OR EXISTS (SELECT 1 FROM person p WHERE p::text ILIKE '%forgetme%')
          OR EXISTS (SELECT 1 FROM audit_log l WHERE l::text ILIKE '%forgetme%') AS hit`;
    expect(trace[0]!.hit).toBe(false);
    expect(await getSignatureCount(t.db, open.id)).toBe(1);

    // The queued confirmation job, run as the worker runs it, finds nothing and mails no one.
    const outcome = await sendConfirmationEmail(
      t.db,
      { signatureId: job!.data.signatureId },
      {
        mailer: createMailer({ smtpUrl: sink.url, from: 'Undersigned <hello@undersigned.example>' }),
        confirmSecret: t.env.CONFIRM_TOKEN_SECRET!,
        publicWebUrl: 'https://petitions.example',
      },
    );
    expect(outcome).toBe('not_found');
    expect(sink.messages).toHaveLength(0);

    // The next delivery (emails opted in) carries the bystander only.
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: open.id } });
    const next = await buildNextDeliveryEmail(
      t.db,
      { campaignId: open.id, targetId: pair.targetId },
      { databaseUrl: t.url, publicWebUrl: 'https://petitions.example' },
    );
    try {
      const csv = await readFile(next.csv.path, 'utf8');
      expect(next.newCount).toBe(1);
      expect(csv).toContain(`bystander.${process.pid}@example.org`);
      for (const leak of [email, 'Xiomara', 'Forgetme']) expect(csv + next.html + next.text).not.toContain(leak);
    } finally {
      await next.csv.cleanup();
    }
  });
});
