// Benchmark (issue 9 "Outcomes", tracker #12): an update to 1,000,000 consenting signers, sent by
// the real worker process into an in-process SMTP server, next to a baseline measured in the same
// run: the same transport (createMailer: pooled, same settings) sending the same rendered message
// to the same server, with no database and no queue. Prints figures; not a test.
//
//   npm run bench:update                         1,000,000 signers (also part of `npm run bench`)
//   UPDATE_BENCH_SIZE=20000 npm run bench:update a quick look
//
// Targets (issue 9, "Scale and proof"): emails/s end to end ≥ 50 % of the baseline's; worker peak
// RSS ≤ 256 MB; every recipient exactly one message (distinct Message-IDs at the server = recipient
// rows `sent`, no duplicates); the signers on the suppression list get nothing. Planning time is
// printed. The worker runs unthrottled (UPDATES_RATE_PER_SECOND set far above what the box can
// send), so the figure is the pipeline's own speed, not the configured rate.
//
// Needs the local Postgres and Redis. Creates and drops its own database and queue prefix.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  countUpdateAudience,
  createUnsubscribeToken,
  createUpdate,
  recordSuppression,
  requestUpdateSend,
  suppressionHashPads,
  suppressionHashSql,
} from '@undersigned/core';
import { prepareUpdateEmails, updateMessageId } from '@undersigned/core/mail';
import { createCampaign, createStaffActor } from '@undersigned/core/testing';
import type { Db } from '@undersigned/db';
import { createTestDatabase } from '@undersigned/db/testing';
import { createMailer, listUnsubscribeHeaders } from '@undersigned/email';
import { startCountingSmtpSink, type CountingSmtpSink } from '@undersigned/email/testing';
import { deleteTestKeys, startWorker, TEST_SECRETS, type WorkerProcess } from '@undersigned/testing';
import { benchEnv, cpuByCommand, echo, printTable, ROOT, type Row } from './lib';

const SIZE = Number(process.env.UPDATE_BENCH_SIZE ?? 1_000_000);
/** The baseline sends this many (its rate is steady long before; a second million would add minutes, not precision). */
const BASELINE = Math.min(SIZE, Number(process.env.UPDATE_BENCH_BASELINE ?? 50_000));
/** Messages the baseline keeps in flight (the pool's 4 connections stay busy; more only queues inside nodemailer). */
const BASELINE_IN_FLIGHT = 32;
/** Unthrottled: the highest rate the worker accepts, far above what one box sends (the throttle still takes a Redis point per message, as in production). */
const RATE_PER_SECOND = '100000';
/** The worker's defaults for the updates' mailer and batches, passed explicitly so the baseline's mailer is the same. */
const SMTP_CONNECTIONS = Number(process.env.UPDATES_SMTP_CONNECTIONS ?? 4);
/** Signers in the campaign who are NOT in the audience (suppressed, unsubscribed, never consented). */
const EXCLUDED = 200;
/** Audience members added to the suppression list once planned: skipped at claim time. */
const LATE_SUPPRESSED = 10;
const FROM = 'Undersigned tests <tests@undersigned.example>';
const SECRET = TEST_SECRETS.CONFIRM_TOKEN_SECRET;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const UPDATE = {
  subjectEn: 'Mayor Liccardo answered our petition',
  bodyEn: [
    'Thank you for signing. On **Tuesday** the Mayor answered the petition in writing, and committed to',
    'bring the park plan to the council before the end of the year.',
    '',
    'What happens next:',
    '',
    '1. The council votes on the plan on **December 9** at 5 pm (City Hall, Chambers).',
    '2. Public comment is open until then: two minutes per speaker.',
    '3. We will deliver the updated signature count the morning of the vote.',
    '',
    'Read the full response on the petition page, and forward this email to a neighbour who has not signed yet.',
  ].join('\n'),
  subjectEs: 'El alcalde Liccardo respondió a nuestra petición',
  bodyEs: [
    'Gracias por firmar. El **martes** el alcalde respondió por escrito a la petición y se comprometió',
    'a llevar el plan del parque al concejo antes de fin de año.',
    '',
    'Lo que sigue:',
    '',
    '1. El concejo vota el plan el **9 de diciembre** a las 5 pm (Ayuntamiento, Sala del Concejo).',
    '2. Los comentarios del público están abiertos hasta entonces: dos minutos por persona.',
    '3. Entregaremos el número actualizado de firmas la mañana de la votación.',
    '',
    'Lee la respuesta completa en la página de la petición y reenvía este correo a un vecino que aún no haya firmado.',
  ].join('\n'),
};

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/**
 * `count` consenting signers (subscribed, consented yesterday) with confirmed, sequenced
 * signatures; every fifth signs in Spanish. One INSERT … SELECT generate_series per 250,000 rows.
 * `tag` keeps the emails of separate calls apart; `kind` makes the excluded ones (see seedExcluded).
 */
async function seedSigners(db: Db, campaignId: number, from: number, to: number, tag: string): Promise<void> {
  const chunk = 250_000;
  for (let lo = from; lo <= to; lo += chunk) {
    const hi = Math.min(to, lo + chunk - 1);
    await db.$executeRawUnsafe(`
      WITH people AS (
        INSERT INTO person (canonical_email, email, given_name, family_name, postal_code, locality, preferred_language,
                            email_status, consented_at, updated_at)
        SELECT '${tag}' || g || '@example.org', '${tag.toUpperCase()}' || g || '@Example.org', 'José' || g, 'Núñez',
               (95110 + g % 30)::text, 'San Jose', (CASE WHEN g % 5 = 0 THEN 'es' ELSE 'en' END)::"Locale",
               'subscribed', now() - interval '1 day', now()
        FROM generate_series(${lo}, ${hi}) g
        RETURNING id, given_name, family_name, postal_code, locality, preferred_language
      )
      INSERT INTO signature (campaign_id, person_id, status, given_name, family_name, postal_code, locality, region, country,
                             locale, share_code, created_at, confirmed_at, status_changed_at, seq)
      SELECT ${campaignId}, p.id, 'confirmed', p.given_name, p.family_name, p.postal_code, p.locality, 'CA', 'US',
             p.preferred_language, md5(random()::text || p.id::text)::varchar(32),
             now() - interval '1 day', now() - interval '1 day', now() - interval '1 day', nextval('signature_delivery_seq')
      FROM people p ORDER BY p.id`);
  }
}

/**
 * EXCLUDED more signers of the campaign who must get nothing, a quarter each: on the suppression
 * list for this campaign (unsubscribed from it), on it for all updates (a hard bounce), person
 * unsubscribed from all updates, never consented. The first two are still `subscribed` people:
 * only the list keeps them out.
 */
async function seedExcluded(db: Db, campaignId: number): Promise<void> {
  await seedSigners(db, campaignId, 1, EXCLUDED, 'x');
  await db.$executeRawUnsafe(`
    UPDATE person SET email_status = 'unsubscribed', consented_at = CASE WHEN id % 4 = 3 THEN NULL ELSE consented_at END
    WHERE canonical_email LIKE 'x%@example.org' AND id % 4 IN (2, 3)`);
  const { inner, outer } = suppressionHashPads(SECRET);
  await db.$executeRawUnsafe(
    `INSERT INTO email_suppression (email_hash, campaign_id, reason, source)
     SELECT ${suppressionHashSql('canonical_email', '$1::bytea', '$2::bytea')},
            CASE WHEN id % 4 = 0 THEN ${campaignId} END, (CASE WHEN id % 4 = 0 THEN 'unsubscribe' ELSE 'bounce' END)::"SuppressionReason", 'staff'
     FROM person WHERE canonical_email LIKE 'x%@example.org' AND id % 4 IN (0, 1)`,
    inner,
    outer,
  );
}

/** Child mode: the baseline sender. The same mailer and message as the worker's, no database, no queue. */
async function baselineChild(smtpUrl: string, count: number): Promise<void> {
  const mailer = createMailer({ smtpUrl, from: FROM, maxConnections: SMTP_CONNECTIONS });
  // One recipient's copy exactly as the worker composes it (same template, token, headers),
  // rendered once: the baseline is the transport alone.
  const token = createUnsubscribeToken({ personId: 123_456, campaignId: 1, updateId: '00000000-0000-4000-8000-000000000000' }, SECRET);
  const email = prepareUpdateEmails({
    update: UPDATE,
    campaign: { slug: 'save-the-park', defaultLocale: 'en', translations: [{ locale: 'en', title: 'Save the park' }] },
    publicWebUrl: 'http://127.0.0.1:9',
    mailFrom: FROM,
  }).forRecipient('en', token);
  const headers = { ...listUnsubscribeHeaders(email.unsubscribeUrl), 'X-Undersigned-Update': '00000000-0000-4000-8000-000000000000' };
  const { subject, html, text } = email;
  const t0 = process.hrtime.bigint();
  let next = 0;
  let errors = 0;
  let firstError = '';
  await Promise.all(
    Array.from({ length: BASELINE_IN_FLIGHT }, async () => {
      while (next < count) {
        const i = next++;
        try {
          await mailer.send({
            to: `baseline${i}@example.org`,
            messageId: updateMessageId('00000000-0000-4000-8000-000000000000', i, FROM),
            subject,
            html,
            text,
            headers,
          });
        } catch (error) {
          errors += 1;
          firstError ||= String(error);
        }
      }
    }),
  );
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  mailer.close();
  const status = readFileSync('/proc/self/status', 'utf8');
  const peakRssMb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
  process.stdout.write(
    `BENCH_JSON ${JSON.stringify({ sent: count - errors, errors, firstError, ms, peakRssMb, bytes: Buffer.byteLength(html) + Buffer.byteLength(text) })}\n`,
  );
}

interface BaselineResult {
  sent: number;
  errors: number;
  firstError: string;
  ms: number;
  peakRssMb: number;
  bytes: number;
}

/** Runs the baseline sender in a process of its own (like the worker: the SMTP server stays in this one). */
async function runBaseline(sink: CountingSmtpSink, count: number): Promise<BaselineResult & { receivedMs: number }> {
  sink.reset();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'update-1m.ts'), '--baseline-child', sink.url, String(count)], {
    cwd: ROOT,
    env: { ...process.env, ENV_FILE: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const line = out.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (code !== 0 || !line) throw new Error(`baseline sender failed (${code}):\n${out}`);
  const result = JSON.parse(line.slice('BENCH_JSON '.length)) as BaselineResult;
  return { ...result, receivedMs: sink.lastAt - sink.firstAt };
}

/** Loads the update's recipients by status, and the sent ones' person ids. */
async function readRecipients(url: string, updateId: string): Promise<{ byStatus: Record<string, number>; sent: Int32Array }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts = await client.query<{ status: string; n: string }>(
      'SELECT status::text, count(*) AS n FROM update_recipient WHERE update_id = $1 GROUP BY status',
      [updateId],
    );
    const byStatus = Object.fromEntries(counts.rows.map((r) => [r.status, Number(r.n)]));
    const ids = await client.query<[number]>({
      text: "SELECT person_id FROM update_recipient WHERE update_id = $1 AND status = 'sent'",
      values: [updateId],
      rowMode: 'array',
    });
    return { byStatus, sent: Int32Array.from(ids.rows, (r) => r[0]) };
  } finally {
    await client.end();
  }
}

async function main() {
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
  const t = await createTestDatabase('bench_update');
  const sink = await startCountingSmtpSink({ samples: 2 });
  const env = benchEnv(t.url, 'update', {
    SMTP_URL: sink.url,
    MAIL_FROM: FROM,
    UPDATES_RATE_PER_SECOND: RATE_PER_SECOND,
    UPDATES_SMTP_CONNECTIONS: String(SMTP_CONNECTIONS),
    // Nothing to plan or reconcile but this update; keep the periodic jobs' noise out.
    WORKER_PLAN_EVERY_MS: '3600000',
  });
  const rows: Row[] = [];
  let failed = false;
  let worker: WorkerProcess | undefined;
  let samplerTimer: NodeJS.Timeout | undefined;
  try {
    // 1. Seed: one campaign (no targets: no delivery competes), SIZE consenting signers with the
    //    EXCLUDED ones in the middle of the id range.
    let t0 = Date.now();
    const campaign = await createCampaign(t.db, {
      slug: 'save-the-park',
      title: 'Save the park',
      titleEs: 'Salvar el parque',
      goal: 10_000_000,
      targets: [],
    });
    const half = Math.floor(SIZE / 2);
    await seedSigners(t.db, campaign.id, 1, half, 'u');
    await seedExcluded(t.db, campaign.id);
    await seedSigners(t.db, campaign.id, half + 1, SIZE, 'u');
    await t.db.$executeRawUnsafe(`INSERT INTO campaign_counter (campaign_id, shard, count) VALUES (${campaign.id}, 0, ${SIZE + EXCLUDED})`);
    const seedMs = Date.now() - t0;
    t0 = Date.now();
    await t.db.$executeRawUnsafe('VACUUM ANALYZE person');
    await t.db.$executeRawUnsafe('VACUUM ANALYZE signature');
    const vacuumMs = Date.now() - t0;
    t0 = Date.now();
    const audience = await countUpdateAudience(t.db, campaign.id, SECRET);
    const audienceMs = Date.now() - t0;
    rows.push({
      figure: `seed ${fmt(SIZE + EXCLUDED)} signers (${fmt(EXCLUDED)} not in the audience) + VACUUM ANALYZE`,
      value: `${secs(seedMs)} + ${secs(vacuumMs)}`,
      target: '—',
    });
    rows.push({
      figure: 'audience count staff see (countUpdateAudience)',
      value: `${fmt(audience.total)} (en ${fmt(audience.en)}, es ${fmt(audience.es)}) in ${audienceMs} ms`,
      target: `= ${fmt(SIZE)}`,
      pass: audience.total === SIZE,
    });

    // 2. Baseline: the transport alone, same message, same SMTP server.
    console.log(`baseline: ${fmt(BASELINE)} messages, mailer in a process of its own …`);
    const base = await runBaseline(sink, BASELINE);
    const baseRate = base.sent / (base.ms / 1000);
    console.log(`baseline: ${fmt(baseRate)} emails/s (${fmt(base.sent)} in ${secs(base.ms)}, ${base.errors} errors)`);
    rows.push({
      figure: `baseline: createMailer (${SMTP_CONNECTIONS} pooled connections) → SMTP server, ${fmt(BASELINE)} × the same rendered update (${fmt(base.bytes)} bytes of html + text), ${BASELINE_IN_FLIGHT} in flight`,
      value: `${fmt(baseRate)} emails/s (${secs(base.ms)}; ${fmt(sink.accepted)} received, ${base.errors} errors${base.firstError ? `: ${base.firstError}` : ''}; sender peak RSS ${fmt(base.peakRssMb)} MB)`,
      target: '—',
      pass: base.errors === 0 && sink.accepted === BASELINE && sink.duplicates() === 0 ? undefined : false,
    });
    sink.reset();

    // 3. The real worker.
    worker = startWorker(env, { startTimeoutMs: 120_000, onOutput: echo('worker') });
    await worker.started;
    const pid = worker.child.pid!;
    const boot = rssMb(pid);
    let sampledPeak = boot.rss;
    samplerTimer = setInterval(() => {
      try {
        sampledPeak = Math.max(sampledPeak, rssMb(pid).rss);
      } catch {
        // exited
      }
    }, 250);
    Object.assign(process.env, { REDIS_URL: env.REDIS_URL, QUEUE_PREFIX: env.QUEUE_PREFIX });
    const jobs = await import('@undersigned/jobs');

    // 4. The update, written and sent the way staff do it.
    const actor = await createStaffActor(t.db, { email: 'campaigner@bench.example', role: 'campaigner' });
    const update = await createUpdate(t.db, actor, { campaignId: campaign.id, content: UPDATE });
    const cpuBefore = cpuByCommand();
    const started = Date.now();
    await requestUpdateSend(t.db, actor, { campaignId: campaign.id, updateId: update.id });
    await jobs.enqueueUpdatePlan({ updateId: update.id });

    // 5. Watch it: planning, then sending, until the update is `sent`.
    let plannedAt: number | undefined;
    let lateSuppressed: number[] = [];
    let lastReport = Date.now();
    const timeoutMs = Math.max(600_000, SIZE * 10);
    for (;;) {
      const u = await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: update.id } });
      if (!plannedAt && u.plannedAt) {
        plannedAt = Date.now();
        // A few planned recipients unsubscribe while the update is sending: skipped at claim time.
        const last = await t.db.updateRecipient.findMany({
          where: { updateId: update.id },
          orderBy: { personId: 'desc' },
          take: LATE_SUPPRESSED,
          include: { person: { select: { canonicalEmail: true } } },
        });
        for (const r of last) {
          await recordSuppression(
            t.db,
            { canonicalEmail: r.person.canonicalEmail, campaignId: campaign.id, reason: 'unsubscribe', source: 'one-click' },
            SECRET,
          );
        }
        lateSuppressed = last.map((r) => r.personId);
        console.log(`planned ${fmt(u.recipientCount)} recipients in ${secs(plannedAt - started)}`);
      }
      if (u.status === 'sent' || u.status === 'cancelled' || u.status === 'paused') break;
      if (!worker.alive()) throw new Error(`the worker exited:\n${worker.output().slice(-3000)}`);
      if (Date.now() - started > timeoutMs)
        throw new Error(`not sent after ${secs(timeoutMs)}: ${JSON.stringify({ status: u.status, sent: u.sentCount })}`);
      if (Date.now() - lastReport >= 10_000) {
        lastReport = Date.now();
        const elapsed = (Date.now() - started) / 1000;
        console.log(
          `  ${elapsed.toFixed(0)} s: ${u.status}, planned ${fmt(u.recipientCount)}, sent ${fmt(u.sentCount)}, received ${fmt(sink.accepted)} ` +
            `(${fmt(sink.accepted / Math.max(1, (Date.now() - (plannedAt ?? Date.now())) / 1000))}/s since planned), worker RSS ${fmt(rssMb(pid).rss)} MB`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const finishedAt = Date.now();
    const cpuAfter = cpuByCommand();
    await new Promise((r) => setTimeout(r, 2_000)); // a doubled message would arrive by now
    clearInterval(samplerTimer);
    const peak = rssMb(pid);
    await jobs.closeQueues();

    // 6. Check: one message per sent recipient, none to anyone else.
    const u = await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: update.id } });
    const { byStatus, sent } = await readRecipients(t.url, update.id);
    const maxPerson = Math.max(0, ...lateSuppressed, ...sent.slice(-1));
    const got = new Uint8Array(maxPerson + EXCLUDED * 10 + 1);
    const pattern = new RegExp(`^<update-${update.id}-(\\d+)@undersigned\\.example>$`);
    let foreign = 0;
    for (const [id, n] of sink.byMessageId) {
      const m = pattern.exec(id);
      const person = m ? Number(m[1]) : -1;
      if (person < 0 || person >= got.length) foreign += n;
      else got[person] = Math.min(255, got[person]! + n);
    }
    let once = 0;
    let missing = 0;
    for (const p of sent) {
      if (got[p] === 1) once += 1;
      else if (got[p] === 0) missing += 1;
    }
    const sentSet = new Set(sent);
    let toOthers = 0;
    for (let p = 0; p < got.length; p++) if (got[p] && !sentSet.has(p)) toOthers += got[p]!;
    const excludedIds = await t.db.person.findMany({ where: { canonicalEmail: { startsWith: 'x' } }, select: { id: true } });
    const toExcluded = excludedIds.filter((p) => got[p.id]).length + lateSuppressed.filter((p) => got[p]).length;
    const lateSkipped = await t.db.updateRecipient.count({ where: { updateId: update.id, personId: { in: lateSuppressed }, status: 'suppressed' } });
    const duplicates = sink.duplicates();
    const delivered = sink.byMessageId.size;

    // 7. Figures.
    const planningMs = plannedAt! - started;
    const endToEndMs = sink.lastAt - started;
    const sendingMs = sink.lastAt - plannedAt!;
    const rate = delivered / (endToEndMs / 1000);
    const sendRate = delivered / (sendingMs / 1000);
    const ratio = rate / baseRate;
    const cpu = (pred: (pid: string, comm: string) => boolean) => {
      let ms = 0;
      for (const [p, { comm, ms: now }] of cpuAfter.procs) if (pred(p, comm)) ms += now - (cpuBefore.procs.get(p)?.ms ?? 0);
      return ms;
    };
    const perEmail = (ms: number) => `${fmt((ms * 1000) / Math.max(1, delivered))} µs`;
    const lines = worker.lines();
    const jobLines = (name: string) => lines.filter((l) => l.job === name).length;
    rows.push({
      figure: `update: planning (${fmt(u.recipientCount)} recipient rows, ${jobLines('updates.plan')} plan jobs)`,
      value: secs(planningMs),
      target: '—',
    });
    rows.push({
      figure: `update: sending (${jobLines('updates.send')} send jobs), planned → last email`,
      value: `${fmt(sendRate)} emails/s (${secs(sendingMs)})`,
      target: '—',
      ratio: `${((sendRate / baseRate) * 100).toFixed(0)}%`,
    });
    rows.push({
      figure: 'update: end to end, send requested → last email received',
      value: `${fmt(rate)} emails/s (${secs(endToEndMs)}; status ${u.status} after ${secs(finishedAt - started)})`,
      target: '≥ 50% of baseline',
      ratio: `${(ratio * 100).toFixed(0)}%`,
      pass: ratio >= 0.5,
    });
    rows.push({
      figure: 'worker peak RSS (VmHWM; sampled VmRSS max)',
      value: `${fmt(peak.hwm)} MB (${fmt(sampledPeak)} MB; ${fmt(boot.rss)} MB after boot)`,
      target: '≤ 256 MB',
      pass: peak.hwm <= 256,
    });
    rows.push({
      figure: 'CPU per email (send requested → sent)',
      value: `worker ${perEmail(cpu((p) => p === String(pid)))}, postgres ${perEmail(cpu((_, c) => c === 'postgres'))}, redis ${perEmail(
        cpu((_, c) => c.startsWith('redis-server')),
      )}, SMTP server (this process) ${perEmail(cpu((p) => p === String(process.pid)))}`,
      target: '—',
    });
    rows.push({
      figure: 'recipients by status; update counters',
      value: `${JSON.stringify(byStatus)}; sent ${fmt(u.sentCount)}, suppressed ${u.suppressedCount}, failed ${u.failedCount}, interrupted ${u.interruptedCount}`,
      target: `${fmt(SIZE - LATE_SUPPRESSED)} sent, ${LATE_SUPPRESSED} suppressed`,
      pass:
        u.recipientCount === SIZE &&
        (byStatus.sent ?? 0) === u.sentCount &&
        (byStatus.sent ?? 0) + (byStatus.suppressed ?? 0) === SIZE &&
        u.suppressedCount === (byStatus.suppressed ?? 0),
    });
    rows.push({
      figure: 'exactly once: distinct Message-IDs received = recipient rows sent; each sent row one message',
      value: `${fmt(delivered)} = ${fmt(sent.length)}; ${fmt(once)} once, ${missing} missing, ${duplicates} duplicates, ${foreign + toOthers + sink.withoutMessageId} other`,
      target: 'equal, 0 duplicates',
      pass: delivered === sent.length && once === sent.length && duplicates === 0 && foreign + toOthers + sink.withoutMessageId === 0,
    });
    rows.push({
      figure: `suppressed signers: ${EXCLUDED} never planned, ${LATE_SUPPRESSED} unsubscribed after planning`,
      value: `${toExcluded} messages to them; ${lateSkipped} of ${LATE_SUPPRESSED} late ones skipped at claim time`,
      target: '0 messages',
      pass: toExcluded === 0,
    });
    const sample = (sink.samples[0] ?? '').replace(/\r?\n[ \t]+/g, ' '); // unfolded
    rows.push({
      figure: 'a received update carries List-Unsubscribe and List-Unsubscribe-Post',
      value:
        /^List-Unsubscribe: <https?:\/\/[^>]+\/unsubscribe\/[^>]+>/im.test(sample) &&
        /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im.test(sample)
          ? 'yes'
          : 'no',
      target: 'yes',
      pass:
        /^List-Unsubscribe: <https?:\/\/[^>]+\/unsubscribe\/[^>]+>/im.test(sample) &&
        /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im.test(sample),
    });
    rows.push({ figure: 'UPDATES_RATE_PER_SECOND (unthrottled for the bench)', value: RATE_PER_SECOND, target: '—' });
    rows.push({ figure: 'load average at start (1/5/15 min, 2 cores)', value: load, target: '—' });
    failed = rows.some((r) => r.pass === false);
    console.log(`target ≥ 50 % of baseline, ≤ 256 MB RSS, exactly once: ${failed ? 'NOT met' : 'met'}`);
  } catch (error) {
    failed = true;
    console.error(error);
  } finally {
    if (samplerTimer) clearInterval(samplerTimer);
    printTable(`Update to ${fmt(SIZE)} signers — real worker vs the transport alone`, rows);
    await worker?.stop();
    await deleteTestKeys(env);
    await sink.close();
    await t.drop();
  }
  process.exit(failed ? 1 : 0);
}

if (process.argv[2] === '--baseline-child') {
  baselineChild(process.argv[3]!, Number(process.argv[4])).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
