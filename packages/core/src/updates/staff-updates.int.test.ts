import { useTestDatabase } from '@undersigned/db/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { recordResponse } from '../responses/record-response';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { cancelUpdate } from './cancel-update';
import { createUpdate } from './create-update';
import { deleteUpdate } from './delete-update';
import { editUpdate } from './edit-update';
import { getUpdateCapStatus } from './get-update-cap-status';
import { getUpdateForStaff } from './get-update-for-staff';
import { getUpdateProgress } from './get-update-progress';
import { listCampaignUpdates } from './list-campaign-updates';
import { pauseUpdate } from './pause-update';
import { prefillUpdateFromResponse } from './prefill-update-from-response';
import { prefillUpdateFromVictory } from './prefill-update-from-victory';
import { prepareUpdateEmails } from './prepare-update-emails';
import { previewUpdate } from './preview-update';
import { requestUpdateSend } from './request-update-send';
import { resumeUpdate } from './resume-update';
import { sendTestUpdate } from './send-test-update';
import { setUpdateCap } from './set-update-cap';
import { verifyUnsubscribeToken } from './unsubscribe-token';

const t = useTestDatabase('updates_staff');
const SECRET = 'staff-updates-secret-0123456789abcdef';
const WEB = 'https://act.example';
const FROM = 'Undersigned <updates@undersigned.example>';
let campaigner: StaffActor;
let viewer: StaffActor;
let admin: StaffActor;
let smtp: SmtpSink;

beforeAll(async () => {
  campaigner = await createStaffActor(t.db, { email: 'upd-campaigner@org.example', role: 'campaigner' });
  viewer = await createStaffActor(t.db, { email: 'upd-viewer@org.example', role: 'viewer' });
  admin = await createStaffActor(t.db, { email: 'upd-admin@org.example', role: 'admin' });
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
});

const content = {
  subjectEn: 'The Mayor answered',
  bodyEn: 'Read **what** she said.',
  subjectEs: 'La alcaldesa respondió',
  bodyEs: 'Lee lo que dijo.',
};

async function draft(campaignId: number, c: Record<string, string> = content) {
  return createUpdate(t.db, campaigner, { campaignId, content: c });
}

describe('update drafts', () => {
  it('creates, edits and deletes a draft, each audited; only drafts are editable or deletable', async () => {
    const c = await createCampaign(t.db, { titleEs: 'Petición' });
    const { id } = await draft(c.id);
    expect(await t.db.auditLog.count({ where: { action: 'update.create', entityId: id } })).toBe(1);
    await editUpdate(t.db, campaigner, { campaignId: c.id, updateId: id, content: { ...content, subjectEs: '', bodyEs: '' } });
    const saved = await getUpdateForStaff(t.db, { campaignId: c.id, updateId: id });
    expect(saved).toMatchObject({ status: 'draft', subjectEs: null, bodyEs: null, locales: ['en'], createdByName: campaigner.email });
    expect(await t.db.auditLog.count({ where: { action: 'update.edit', entityId: id } })).toBe(1);

    await t.db.campaignUpdate.update({ where: { id }, data: { status: 'sending' } });
    await expect(editUpdate(t.db, campaigner, { campaignId: c.id, updateId: id, content })).rejects.toMatchObject({ code: 'conflict' });
    await expect(deleteUpdate(t.db, campaigner, { campaignId: c.id, updateId: id })).rejects.toMatchObject({ code: 'conflict' });
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id } })).subjectEs).toBeNull();

    const other = await draft(c.id);
    const elsewhere = await createCampaign(t.db);
    await expect(deleteUpdate(t.db, campaigner, { campaignId: elsewhere.id, updateId: other.id })).rejects.toMatchObject({ code: 'not_found' });
    await deleteUpdate(t.db, campaigner, { campaignId: c.id, updateId: other.id });
    expect(await t.db.campaignUpdate.count({ where: { id: other.id } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { action: 'update.delete', entityId: other.id } })).toBe(1);
    expect((await listCampaignUpdates(t.db, c.id)).map((u) => u.id)).toEqual([id]);
  });

  it('refuses bad input with field keys and writes nothing', async () => {
    const c = await createCampaign(t.db);
    const before = await t.db.campaignUpdate.count();
    const audits = await t.db.auditLog.count();
    const cases: [Record<string, string>, Record<string, string>][] = [
      [{}, { subjectEn: 'language_required' }],
      [{ subjectEn: 'Only a subject' }, { bodyEn: 'required' }],
      [{ bodyEs: 'Solo el cuerpo' }, { subjectEs: 'required' }],
      [{ subjectEn: 'x'.repeat(201), bodyEn: 'b' }, { subjectEn: 'too_long' }],
    ];
    for (const [c2, fields] of cases) {
      await expect(createUpdate(t.db, campaigner, { campaignId: c.id, content: c2 })).rejects.toMatchObject({ code: 'validation', fields });
    }
    await expect(createUpdate(t.db, campaigner, { campaignId: c.id, content: { subjectEn: 5 } as never })).rejects.toMatchObject({
      code: 'validation',
    });
    const { id } = await draft(c.id);
    await expect(editUpdate(t.db, campaigner, { campaignId: c.id, updateId: id, content: {} })).rejects.toMatchObject({ code: 'validation' });
    expect(await t.db.campaignUpdate.count()).toBe(before + 1);
    expect(await t.db.auditLog.count()).toBe(audits + 1);
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id } })).subjectEn).toBe(content.subjectEn);
  });

  it('prefills an update from a response (en + es) and from a victory', async () => {
    const c = await createCampaign(t.db, {
      title: 'Fund the libraries',
      titleEs: 'Financien las bibliotecas',
      targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo' }],
    });
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
    const r = await recordResponse(t.db, campaigner, {
      campaignId: c.id,
      targetId: pair.targetId,
      respondedOn: '2026-03-02',
      stance: 'supports',
      textEn: 'I support it.\n\nFully.',
      url: 'https://city.example/r',
    });
    const p = await prefillUpdateFromResponse(t.db, { campaignId: c.id, responseId: r.id });
    expect(p?.subjectEn).toBe('Mayor Sam Liccardo responded: Fund the libraries');
    expect(p?.bodyEn).toContain('> I support it.\n>\n> Fully.');
    expect(p?.bodyEn).toContain('[Read the full response](https://city.example/r)');
    expect(p?.subjectEs).toBe('Mayor Sam Liccardo respondió: Financien las bibliotecas');
    expect(p?.bodyEs).toContain('> I support it.');
    expect(await prefillUpdateFromResponse(t.db, { campaignId: c.id + 1000, responseId: r.id })).toBeNull();
    const { id } = await createUpdate(t.db, campaigner, { campaignId: c.id, responseId: r.id, content: p! });
    expect((await getUpdateForStaff(t.db, { campaignId: c.id, updateId: id }))?.response).toEqual({
      id: r.id,
      targetName: 'Mayor Sam Liccardo',
      respondedOn: '2026-03-02',
    });

    await t.db.campaignTranslation.update({
      where: { campaignId_locale: { campaignId: c.id, locale: 'en' } },
      data: { victoryMessage: 'The council funded all branches.' },
    });
    const v = await prefillUpdateFromVictory(t.db, c.id);
    expect(v).toMatchObject({ subjectEn: 'We won: Fund the libraries', subjectEs: '¡Ganamos!: Financien las bibliotecas' });
    expect(v?.bodyEn).toContain('The council funded all branches.');
  });
});

describe('sending: the cap, roles and the state machine', () => {
  it('a viewer cannot send (can() and the verb), and nothing changes', async () => {
    expect(can(viewer, 'update.send')).toBe(false);
    expect(can(campaigner, 'update.send')).toBe(true);
    expect(can(campaigner, 'update.cap')).toBe(false);
    expect(can(admin, 'update.cap')).toBe(true);
    const c = await createCampaign(t.db);
    const { id } = await draft(c.id);
    await expect(requestUpdateSend(t.db, viewer, { campaignId: c.id, updateId: id })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(createUpdate(t.db, viewer, { campaignId: c.id, content })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(setUpdateCap(t.db, campaigner, { campaignId: c.id, count: 10, days: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id } })).status).toBe('draft');
    expect(await t.db.auditLog.count({ where: { action: 'update.send', entityId: id } })).toBe(0);
  });

  it('refuses to send from a draft campaign or without a complete language', async () => {
    const draftCampaign = await createCampaign(t.db, { status: 'draft' });
    const a = await draft(draftCampaign.id);
    await expect(requestUpdateSend(t.db, campaigner, { campaignId: draftCampaign.id, updateId: a.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Publish'),
    });
    const c = await createCampaign(t.db);
    const b = await draft(c.id);
    await t.db.campaignUpdate.update({ where: { id: b.id }, data: { subjectEn: null, bodyEn: null, subjectEs: null, bodyEs: null } });
    await expect(requestUpdateSend(t.db, campaigner, { campaignId: c.id, updateId: b.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await t.db.campaignUpdate.count({ where: { id: { in: [a.id, b.id] }, status: 'draft' } })).toBe(2);
  });

  it('enforces the cap (3 per 7 days by default), names when the next send is possible, and an admin can change it', async () => {
    const c = await createCampaign(t.db);
    const now = new Date('2026-05-10T12:00:00Z');
    const day = 86_400_000;
    // Two sends requested 6 and 2 days ago, one 8 days ago (outside the window).
    for (const ago of [8, 6, 2]) {
      const { id } = await draft(c.id);
      await t.db.campaignUpdate.update({ where: { id }, data: { status: 'sent', sendRequestedAt: new Date(now.getTime() - ago * day) } });
    }
    expect(await getUpdateCapStatus(t.db, c.id, now)).toMatchObject({ count: 3, days: 7, used: 2, allowed: true, nextPossibleAt: null });
    const third = await draft(c.id);
    await expect(requestUpdateSend(t.db, campaigner, { campaignId: c.id, updateId: third.id }, now)).resolves.toEqual({ status: 'planning' });
    const row = await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: third.id } });
    expect(row).toMatchObject({ status: 'planning', sendRequestedById: campaigner.id });
    expect(await t.db.auditLog.count({ where: { action: 'update.send', entityId: third.id } })).toBe(1);
    // Sending it again is refused: it is no longer a draft.
    await expect(requestUpdateSend(t.db, campaigner, { campaignId: c.id, updateId: third.id }, now)).rejects.toMatchObject({ code: 'conflict' });

    const fourth = await draft(c.id);
    const capped = await getUpdateCapStatus(t.db, c.id, now);
    // The send of 6 days ago leaves the window a day from now.
    expect(capped).toMatchObject({ used: 3, allowed: false, nextPossibleAt: new Date(now.getTime() + day) });
    await expect(requestUpdateSend(t.db, campaigner, { campaignId: c.id, updateId: fourth.id }, now)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/cap of 3 updates per 7 days.*2026-05-11 12:00/),
    });
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: fourth.id } })).status).toBe('draft');

    // An admin raises the cap for this campaign (audited); bad values are refused and change nothing.
    await expect(setUpdateCap(t.db, admin, { campaignId: c.id, count: -1, days: 0 })).rejects.toMatchObject({
      code: 'validation',
      fields: { count: 'invalid_cap_count', days: 'invalid_cap_days' },
    });
    await setUpdateCap(t.db, admin, { campaignId: c.id, count: 4, days: 7 });
    expect(await t.db.auditLog.findFirst({ where: { action: 'campaign.update-cap', entityId: String(c.id) } })).toMatchObject({
      actorId: admin.id,
      data: { from: { count: 3, days: 7 }, to: { count: 4, days: 7 } },
    });
    await expect(requestUpdateSend(t.db, campaigner, { campaignId: c.id, updateId: fourth.id }, now)).resolves.toEqual({ status: 'planning' });
  });

  it('two sends at once cannot both pass the last slot of the cap', async () => {
    const c = await createCampaign(t.db);
    await t.db.campaign.update({ where: { id: c.id }, data: { updateCapCount: 1 } });
    const a = await draft(c.id);
    const b = await draft(c.id);
    const results = await Promise.allSettled([
      requestUpdateSend(t.db, campaigner, { campaignId: c.id, updateId: a.id }),
      requestUpdateSend(t.db, campaigner, { campaignId: c.id, updateId: b.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await t.db.campaignUpdate.count({ where: { campaignId: c.id, status: 'planning' } })).toBe(1);
  });

  it('pauses, resumes (to planning or sending) and cancels, with activeSeconds and audits; drafts and finished updates refuse', async () => {
    const c = await createCampaign(t.db);
    const { id } = await draft(c.id);
    const ref = { campaignId: c.id, updateId: id };
    await expect(pauseUpdate(t.db, campaigner, ref)).rejects.toMatchObject({ code: 'conflict' });
    await expect(cancelUpdate(t.db, campaigner, ref)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('delete it') });
    await requestUpdateSend(t.db, campaigner, ref);
    // Paused while planning → resumes to planning.
    await pauseUpdate(t.db, campaigner, ref);
    expect(await resumeUpdate(t.db, campaigner, ref)).toEqual({ status: 'planning' });
    // The planner finished, the run started 30 s ago.
    await t.db.campaignUpdate.update({
      where: { id },
      data: { status: 'sending', plannedAt: new Date(), runStartedAt: new Date(Date.now() - 30_000), recipientCount: 100, sentCount: 60 },
    });
    await expect(resumeUpdate(t.db, campaigner, ref)).rejects.toMatchObject({ code: 'conflict' });
    await pauseUpdate(t.db, campaigner, ref);
    let row = await t.db.campaignUpdate.findUniqueOrThrow({ where: { id } });
    expect(row.status).toBe('paused');
    expect(row.runStartedAt).toBeNull();
    expect(row.activeSeconds).toBeGreaterThanOrEqual(29);
    expect(row.activeSeconds).toBeLessThanOrEqual(32);
    expect(await resumeUpdate(t.db, viewer, ref).catch((e: { code: string }) => e.code)).toBe('forbidden');
    expect(await resumeUpdate(t.db, campaigner, ref)).toEqual({ status: 'sending' });
    await cancelUpdate(t.db, campaigner, ref);
    row = await t.db.campaignUpdate.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'cancelled', runStartedAt: null });
    expect(row.finishedAt).not.toBeNull();
    await expect(resumeUpdate(t.db, campaigner, ref)).rejects.toMatchObject({ code: 'conflict' });
    await expect(cancelUpdate(t.db, campaigner, ref)).rejects.toMatchObject({ code: 'conflict' });
    const actions = await t.db.auditLog.findMany({ where: { entityId: id }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(actions.map((a) => a.action)).toEqual([
      'update.create',
      'update.send',
      'update.pause',
      'update.resume',
      'update.pause',
      'update.resume',
      'update.cancel',
    ]);
  });

  it('reports progress from the update row: remaining, rate over active time, ETA', async () => {
    const c = await createCampaign(t.db);
    const { id } = await draft(c.id);
    const now = new Date('2026-05-10T12:00:00Z');
    await t.db.campaignUpdate.update({
      where: { id },
      data: {
        status: 'sending',
        recipientCount: 1000,
        sentCount: 400,
        failedCount: 5,
        suppressedCount: 3,
        interruptedCount: 2,
        bounceCount: 5,
        complaintCount: 1,
        activeSeconds: 10,
        runStartedAt: new Date(now.getTime() - 10_000),
        plannedAt: now,
      },
    });
    const p = await getUpdateProgress(t.db, { campaignId: c.id, updateId: id }, now);
    expect(p).toMatchObject({
      status: 'sending',
      sent: 400,
      failed: 5,
      suppressed: 3,
      interrupted: 2,
      cancelled: 0,
      remaining: 590,
      bounces: 5,
      complaints: 1,
    });
    expect(p!.ratePerSecond).toBeCloseTo(20);
    expect(p!.etaSeconds).toBe(30);
    expect(p!.percent).toBe(41);
    expect(p!.finished).toBe(false);
    expect(await getUpdateProgress(t.db, { campaignId: c.id + 1000, updateId: id })).toBeNull();
    await t.db.campaignUpdate.update({ where: { id }, data: { status: 'paused', runStartedAt: null, activeSeconds: 20 } });
    expect(await getUpdateProgress(t.db, { campaignId: c.id, updateId: id }, now)).toMatchObject({ etaSeconds: null, ratePerSecond: 20 });
  });
});

describe('preview and test send', () => {
  it('previews each language exactly as composed for a recipient, with a test unsubscribe link that unsubscribes nobody', async () => {
    const c = await t.db.campaign.findUniqueOrThrow({
      where: { id: (await createCampaign(t.db, { title: 'Fund libraries', titleEs: 'Bibliotecas' })).id },
      include: { translations: true },
    });
    const previews = previewUpdate({ campaign: c, updateId: null, content: { ...content }, publicWebUrl: WEB, secret: SECRET, mailFrom: FROM });
    expect(Object.keys(previews).sort()).toEqual(['en', 'es']);
    expect(previews.en!.subject).toBe('The Mayor answered');
    expect(previews.en!.html).toContain('<strong>what</strong>');
    expect(previews.en!.html).toContain('you signed “Fund libraries” and asked Undersigned');
    expect(previews.es!.html).toContain(`${WEB}/es/petitions/${c.slug}`);
    expect(previews.es!.unsubscribeUrl.startsWith(`${WEB}/es/unsubscribe/`)).toBe(true);
    expect(previews.en!.headers).toEqual({
      'List-Unsubscribe': `<${previews.en!.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    const token = previews.en!.unsubscribeUrl.split('/').pop()!;
    expect(verifyUnsubscribeToken(token, SECRET)).toBeNull();
    // Same as a recipient's copy (what the worker sends) but for the token.
    const worker = prepareUpdateEmails({ update: content, campaign: c, publicWebUrl: WEB, mailFrom: FROM });
    expect(worker.forRecipient('en', token).html).toBe(previews.en!.html);
    expect(worker.forRecipient('es', token).text).toBe(previews.es!.text);
  });

  it('sends a test of each language to the staff member only, audited, without recipient rows or a cap slot', async () => {
    const c = await createCampaign(t.db, { titleEs: 'Petición' });
    const { id } = await draft(c.id);
    smtp.clear();
    const result = await sendTestUpdate(
      t.db,
      campaigner,
      { campaignId: c.id, updateId: id },
      { publicWebUrl: WEB, secret: SECRET, smtpUrl: smtp.url, mailFrom: FROM },
    );
    expect(result).toEqual({ to: campaigner.email, locales: ['en', 'es'] });
    const mails = await smtp.waitFor(2);
    expect(mails.map((m) => m.parsed.subject).sort()).toEqual(['[Test] La alcaldesa respondió', '[Test] The Mayor answered']);
    expect(mails.every((m) => m.envelope.to.join() === campaigner.email)).toBe(true);
    expect(mails[0]!.raw.toString()).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    expect(await t.db.updateRecipient.count({ where: { updateId: id } })).toBe(0);
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id } })).sendRequestedAt).toBeNull();
    expect(await t.db.auditLog.count({ where: { action: 'update.test', entityId: id } })).toBe(1);
    await expect(
      sendTestUpdate(t.db, viewer, { campaignId: c.id, updateId: id }, { publicWebUrl: WEB, secret: SECRET, smtpUrl: smtp.url, mailFrom: FROM }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});
