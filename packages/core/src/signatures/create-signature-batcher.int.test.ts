import pg from 'pg';
import { useTestDatabase } from '@undersigned/db/testing';
import { captureLogger } from '@undersigned/log/testing';
import { getSignatureCount } from '../counters/get-signature-count';
import { createCampaign, signer } from '../testing/fixtures';
import { createSignatureBatcher } from './create-signature-batcher';
import { getSigningCampaign } from './get-signing-campaign';
import { prepareSignature } from './prepare-signature';
import { signatureInputSchema } from './signature-input';
import { pgExecutor } from './sql-executor';

let pool: pg.Pool;
// The pool's connections must be closed before the database is dropped under them.
const t = useTestDatabase('batcher', { beforeDrop: () => pool?.end() });
beforeAll(() => {
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
});

async function prepared(slug: string, overrides: Record<string, unknown> = {}) {
  const campaign = await getSigningCampaign(pgExecutor(pool), slug);
  return prepareSignature(campaign, signatureInputSchema.parse(signer(overrides)));
}

describe('createSignatureBatcher (group commit)', () => {
  it('writes concurrent signatures in few statements and answers each only with a committed row', async () => {
    const c = await createCampaign(t.db);
    const batcher = createSignatureBatcher(pgExecutor(pool), { maxInFlight: 2 });
    const entries = await Promise.all(Array.from({ length: 600 }, () => prepared(c.slug)));
    const outcomes = await Promise.all(entries.map((e) => batcher.write(e)));
    const ids = outcomes.map((o) => (o.ok ? o.signatureId : null));
    expect(ids.every((id) => id !== null)).toBe(true);
    // Every acknowledged id is a committed row.
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM signature WHERE id = ANY($1::bigint[])', [ids.map(String)]);
    expect(rows[0].n).toBe(600);
    expect(await getSignatureCount(t.db, c.id)).toBe(600);
    expect(batcher.stats().batches).toBeLessThan(600);
    expect(batcher.stats().largestBatch).toBeGreaterThan(1);
  });

  it('logs one line per committed batch naming the request ids of its signatures, and no personal data', async () => {
    const c = await createCampaign(t.db);
    const { logger, lines, raw } = captureLogger();
    const batcher = createSignatureBatcher(pgExecutor(pool), { maxInFlight: 1, logger });
    const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => prepared(c.slug, { email: `batch.log.${i}@example.org` })));
    await Promise.all(entries.map((e, i) => batcher.write(e, `req-${i}`)));
    const batches = lines.filter((l) => l.msg === 'sign batch committed');
    expect(batches.length).toBe(batcher.stats().batches);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.flatMap((l) => l.reqIds as string[]).sort()).toEqual(entries.map((_, i) => `req-${i}`).sort());
    for (const l of batches) {
      expect(l).toMatchObject({ level: 'info', batchId: expect.stringMatching(/^[0-9a-f]{6}-\d+$/), size: (l.reqIds as string[]).length });
      expect(typeof l.commitMs).toBe('number');
    }
    expect(new Set(batches.map((l) => l.batchId)).size).toBe(batches.length);
    expect(raw.join('\n')).not.toContain('batch.log.');
  });

  it('dedupes repeats inside one batch and across batches: one row, one count, same answer', async () => {
    const c = await createCampaign(t.db);
    const batcher = createSignatureBatcher(pgExecutor(pool));
    const emails = ['Dup.One@gmail.com', 'dupone@gmail.com', 'd.u.p.o.n.e+x@googlemail.com', ' DUPONE@GMAIL.COM '];
    const entries = await Promise.all(emails.map((email) => prepared(c.slug, { email })));
    const outcomes = await Promise.all(entries.map((e) => batcher.write(e)));
    const later = await batcher.write(await prepared(c.slug, { email: 'dupone@gmail.com' }));
    const codes = new Set([...outcomes, later].map((o) => (o.ok ? o.shareCode : 'closed')));
    expect(codes.size).toBe(1);
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(1);
    expect(await getSignatureCount(t.db, c.id)).toBe(1);
  });

  it('reports campaign_not_open for rows whose campaign closed before the commit', async () => {
    const c = await createCampaign(t.db);
    const entry = await prepared(c.slug);
    await t.db.campaign.update({ where: { id: c.id }, data: { status: 'closed', closedAt: new Date() } });
    const batcher = createSignatureBatcher(pgExecutor(pool));
    expect(await batcher.write(entry)).toEqual({ ok: false, code: 'campaign_not_open' });
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(0);
  });

  it('fails fast with unavailable when the queue is full, and never acknowledges those', async () => {
    const c = await createCampaign(t.db);
    const batcher = createSignatureBatcher(pgExecutor(pool), { maxInFlight: 1, maxQueued: 5, maxBatch: 5 });
    const entries = await Promise.all(Array.from({ length: 30 }, () => prepared(c.slug)));
    const results = await Promise.allSettled(entries.map((e) => batcher.write(e)));
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((r) => r.reason.code === 'unavailable')).toBe(true);
    await batcher.drain();
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(30 - rejected.length);
  });

  it('rejects every waiting caller when Postgres is unreachable (no 2xx without a row)', async () => {
    const c = await createCampaign(t.db);
    const entry = await prepared(c.slug);
    const dead = new pg.Pool({ host: '127.0.0.1', port: 1, user: 'postgres', database: 'x', connectionTimeoutMillis: 500 });
    const batcher = createSignatureBatcher(pgExecutor(dead));
    await expect(batcher.write(entry)).rejects.toBeDefined();
    await dead.end();
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(0);
  });
});
