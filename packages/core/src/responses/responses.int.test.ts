import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { deleteResponse } from './delete-response';
import { listResponsesForStaff } from './list-responses-for-staff';
import { recordResponse } from './record-response';
import { updateResponse } from './update-response';

const t = useTestDatabase('responses_staff');
let campaigner: StaffActor;
let viewer: StaffActor;
beforeAll(async () => {
  campaigner = await createStaffActor(t.db, { email: 'resp-campaigner@org.example', role: 'campaigner' });
  viewer = await createStaffActor(t.db, { email: 'resp-viewer@org.example', role: 'viewer' });
});

async function campaignWithTarget() {
  const c = await createCampaign(t.db, { targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo' }] });
  const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
  return { campaignId: c.id, targetId: pair.targetId };
}

const valid = (ids: { campaignId: number; targetId: number }) => ({
  ...ids,
  respondedOn: '2026-03-02',
  stance: 'supports' as const,
  textEn: 'I will **support** the budget line.',
  textEs: '',
  url: 'https://city.example/statement',
});

describe('targets’ responses (staff)', () => {
  it('records a response of an attached target, audited, and lists it with the target’s name', async () => {
    const ids = await campaignWithTarget();
    const row = await recordResponse(t.db, campaigner, valid(ids));
    expect(row).toMatchObject({
      stance: 'supports',
      textEn: 'I will **support** the budget line.',
      textEs: null,
      url: 'https://city.example/statement',
    });
    expect(row.respondedOn.toISOString().slice(0, 10)).toBe('2026-03-02');
    const audit = await t.db.auditLog.findFirst({ where: { action: 'response.create', entityId: String(row.id) } });
    expect(audit?.actorId).toBe(campaigner.id);
    const list = await listResponsesForStaff(t.db, ids.campaignId);
    expect(list).toEqual([expect.objectContaining({ id: row.id, targetName: 'Mayor Sam Liccardo', respondedOn: '2026-03-02', updateCount: 0 })]);
  });

  it('refuses bad input with field keys and writes nothing', async () => {
    const ids = await campaignWithTarget();
    const before = await t.db.targetResponse.count();
    const audits = await t.db.auditLog.count();
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [{ textEn: '', textEs: '' }, { textEn: 'text_required' }],
      [{ respondedOn: '2026-02-30' }, { respondedOn: 'invalid_date' }],
      [{ respondedOn: '2999-01-01' }, { respondedOn: 'invalid_date' }],
      [{ stance: 'maybe' }, { stance: expect.any(String) }],
      [{ url: 'javascript:alert(1)' }, { url: 'invalid_url' }],
      [{ textEn: 'x'.repeat(20_001) }, { textEn: 'too_long' }],
    ];
    for (const [patch, fields] of cases) {
      await expect(recordResponse(t.db, campaigner, { ...valid(ids), ...patch })).rejects.toMatchObject({ code: 'validation', fields });
    }
    // A target that is not attached to this campaign.
    const other = await t.db.target.create({ data: { title: 'Council member' } });
    await expect(recordResponse(t.db, campaigner, { ...valid(ids), targetId: other.id })).rejects.toMatchObject({
      code: 'validation',
      fields: { targetId: 'required' },
    });
    expect(await t.db.targetResponse.count()).toBe(before);
    expect(await t.db.auditLog.count()).toBe(audits);
  });

  it('a viewer cannot record, edit or remove a response', async () => {
    const ids = await campaignWithTarget();
    const row = await recordResponse(t.db, campaigner, valid(ids));
    await expect(recordResponse(t.db, viewer, valid(ids))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateResponse(t.db, viewer, row.id, { ...valid(ids), stance: 'opposes' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deleteResponse(t.db, viewer, { campaignId: ids.campaignId, responseId: row.id })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await t.db.targetResponse.findUniqueOrThrow({ where: { id: row.id } })).stance).toBe('supports');
  });

  it('edits and removes a response within its campaign only, audited', async () => {
    const ids = await campaignWithTarget();
    const elsewhere = await campaignWithTarget();
    const row = await recordResponse(t.db, campaigner, valid(ids));
    await expect(updateResponse(t.db, campaigner, row.id, { ...valid(elsewhere) })).rejects.toMatchObject({ code: 'not_found' });
    await updateResponse(t.db, campaigner, row.id, { ...valid(ids), stance: 'no_commitment', textEn: '', textEs: 'Lo estudiaré.', url: '' });
    expect(await t.db.targetResponse.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      stance: 'no_commitment',
      textEn: null,
      textEs: 'Lo estudiaré.',
      url: null,
    });
    expect(await t.db.auditLog.count({ where: { action: 'response.edit', entityId: String(row.id) } })).toBe(1);
    await expect(deleteResponse(t.db, campaigner, { campaignId: elsewhere.campaignId, responseId: row.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    await deleteResponse(t.db, campaigner, { campaignId: ids.campaignId, responseId: row.id });
    expect(await t.db.targetResponse.count({ where: { id: row.id } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: 'response.delete', entityId: String(row.id) } })).toBe(1);
  });
});
