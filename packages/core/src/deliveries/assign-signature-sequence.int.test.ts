import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { assignSignatureSequence } from './assign-signature-sequence';

const t = useTestDatabase('assign_sequence');

/** Gives a campaign's signatures counted-at times in a shuffled order of their ids (and of the heap). */
async function countedInShuffledOrder(campaignId: number, count: number): Promise<void> {
  await seedSignatures(t.db, campaignId, { count });
  const ids = (await t.db.signature.findMany({ where: { campaignId }, select: { id: true } })).map((s) => s.id);
  // A fixed permutation: updating rows out of id order also moves them around on disk.
  const order = ids.map((id, i) => ({ id, key: (i * 7919) % ids.length })).sort((a, b) => a.key - b.key);
  for (const [minute, { id }] of order.entries()) {
    const at = new Date(Date.UTC(2026, 4, 1, 9, minute));
    await t.db.signature.update({ where: { id }, data: { confirmedAt: at } });
  }
}

async function seqOrderIsCountedOrder(campaignId: number): Promise<boolean> {
  const rows = await t.db.signature.findMany({ where: { campaignId }, orderBy: { seq: 'asc' }, select: { confirmedAt: true } });
  const times = rows.map((r) => r.confirmedAt!.getTime());
  return times.every((time, i) => i === 0 || time > times[i - 1]!);
}

describe('assignSignatureSequence', () => {
  it('numbers signatures in the order they counted, whatever order their rows are stored in', async () => {
    const c = await createCampaign(t.db);
    await countedInShuffledOrder(c.id, 40);
    expect(await assignSignatureSequence(t.db, { campaignId: c.id })).toBe(40);
    expect(await seqOrderIsCountedOrder(c.id)).toBe(true);
  });

  it('does the same inside a caller’s transaction (the range claim’s path)', async () => {
    const c = await createCampaign(t.db);
    await countedInShuffledOrder(c.id, 40);
    expect(await t.db.$transaction((tx) => assignSignatureSequence(tx, { campaignId: c.id }))).toBe(40);
    expect(await seqOrderIsCountedOrder(c.id)).toBe(true);
  });
});
