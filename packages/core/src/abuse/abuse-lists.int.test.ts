import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createStaffActor } from '../testing/fixtures';
import { addAbuseListEntry } from './add-abuse-list-entry';
import { listAbuseListEntries } from './list-abuse-list-entries';
import { removeAbuseListEntry } from './remove-abuse-list-entry';

const t = useTestDatabase('abuse_lists');
let actor: StaffActor;
let viewer: StaffActor;
beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'lists@org.example', role: 'campaigner' });
  viewer = await createStaffActor(t.db, { email: 'lists-viewer@org.example', role: 'viewer' });
});

const auditRows = () =>
  t.db.auditLog.findMany({
    where: { action: { startsWith: 'abuse_list.' } },
    orderBy: { id: 'asc' },
    select: { action: true, entityId: true, data: true },
  });
const snapshot = async () => ({ entries: await t.db.abuseListEntry.findMany({ orderBy: { id: 'asc' } }), audit: await auditRows() });

describe('block and allow lists', () => {
  it('adds an IP hash and a domain lowercased (a leading @ dropped), audited', async () => {
    const ipHash = 'AB'.repeat(32);
    const ip = await addAbuseListEntry(t.db, actor, { kind: 'ip_hash', mode: 'block', value: ` ${ipHash} `, note: 'Bot run at 3am' });
    expect(ip).toMatchObject({ kind: 'ip_hash', value: 'ab'.repeat(32), mode: 'block', outcome: 'added' });
    const domain = await addAbuseListEntry(t.db, actor, { kind: 'email_domain', mode: 'allow', value: '@Students.SJSU.edu' });
    expect(domain).toMatchObject({ value: 'students.sjsu.edu', mode: 'allow', outcome: 'added' });
    const row = await t.db.abuseListEntry.findUniqueOrThrow({ where: { id: ip.id } });
    expect(row).toMatchObject({ value: 'ab'.repeat(32), note: 'Bot run at 3am', createdById: actor.id });
    const audit = await t.db.auditLog.findMany({ where: { action: 'abuse_list.add', entityId: { in: [String(ip.id), String(domain.id)] } } });
    expect(audit).toHaveLength(2);
    expect(audit.map((a) => a.actorId)).toEqual([actor.id, actor.id]);
  });

  it('moves a value to the other list (one row per kind and value), audited as remove then add', async () => {
    const first = await addAbuseListEntry(t.db, actor, { kind: 'email_domain', mode: 'allow', value: 'move-me.example' });
    const before = (await auditRows()).length;
    const moved = await addAbuseListEntry(t.db, actor, { kind: 'email_domain', mode: 'block', value: 'MOVE-ME.example', note: 'Spam wave' });
    expect(moved).toMatchObject({ id: first.id, mode: 'block', outcome: 'moved' });
    expect(await t.db.abuseListEntry.findMany({ where: { value: 'move-me.example' } })).toEqual([
      expect.objectContaining({ id: first.id, kind: 'email_domain', mode: 'block', note: 'Spam wave' }),
    ]);
    const added = (await auditRows()).slice(before);
    expect(added.map((a) => [a.action, a.entityId, (a.data as { mode: string }).mode])).toEqual([
      ['abuse_list.remove', String(first.id), 'allow'],
      ['abuse_list.add', String(first.id), 'block'],
    ]);

    // The same list again: unchanged, not audited again.
    const again = await addAbuseListEntry(t.db, actor, { kind: 'email_domain', mode: 'block', value: 'move-me.example' });
    expect(again.outcome).toBe('unchanged');
    expect(await auditRows()).toHaveLength(before + 2);
  });

  it('two staff adding the same value at once leave one row', async () => {
    const value = 'cd'.repeat(32);
    const results = await Promise.all([
      addAbuseListEntry(t.db, actor, { kind: 'ip_hash', mode: 'block', value }),
      addAbuseListEntry(t.db, actor, { kind: 'ip_hash', mode: 'block', value }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['added', 'unchanged']);
    expect(await t.db.abuseListEntry.count({ where: { kind: 'ip_hash', value } })).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a raw IPv4 address as an IP hash', { kind: 'ip_hash', mode: 'block', value: '203.0.113.7' }, 'value'],
    ['a raw IPv6 address as an IP hash', { kind: 'ip_hash', mode: 'block', value: '2001:db8::1' }, 'value'],
    ['a short hash', { kind: 'ip_hash', mode: 'block', value: 'ab'.repeat(31) }, 'value'],
    ['a hash with a non-hex letter', { kind: 'ip_hash', mode: 'block', value: 'g'.repeat(64) }, 'value'],
    ['an email address as a domain', { kind: 'email_domain', mode: 'block', value: 'bot@spam.example' }, 'value'],
    ['a domain without a dot', { kind: 'email_domain', mode: 'block', value: 'localhost' }, 'value'],
    ['a domain with an empty label', { kind: 'email_domain', mode: 'block', value: 'spam..example' }, 'value'],
    ['a domain with a space', { kind: 'email_domain', mode: 'allow', value: 'sp am.example' }, 'value'],
    ['an empty value', { kind: 'email_domain', mode: 'allow', value: '' }, 'value'],
    ['an unknown kind', { kind: 'email', mode: 'block', value: 'spam.example' }, 'kind'],
    ['an unknown mode', { kind: 'email_domain', mode: 'hold', value: 'spam.example' }, 'mode'],
    ['a note with a control character', { kind: 'email_domain', mode: 'block', value: 'spam.example', note: 'a\u0000b' }, 'note'],
    ['a note too long', { kind: 'email_domain', mode: 'block', value: 'spam.example', note: 'x'.repeat(501) }, 'note'],
  ])('refuses %s with a field error, changing nothing', async (_name, input, field) => {
    const before = await snapshot();
    const error = await addAbuseListEntry(t.db, actor, input as never).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation', httpStatus: 400 });
    expect(Object.keys((error as { fields: Record<string, string> }).fields)).toContain(field);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a viewer, changing nothing', async () => {
    const before = await snapshot();
    await expect(addAbuseListEntry(t.db, viewer, { kind: 'email_domain', mode: 'block', value: 'viewer.example' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const [entry] = before.entries;
    await expect(removeAbuseListEntry(t.db, viewer, entry!.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await snapshot()).toEqual(before);
  });

  it('removes an entry, audited; removing it again is not_found and changes nothing', async () => {
    const { id } = await addAbuseListEntry(t.db, actor, { kind: 'email_domain', mode: 'block', value: 'remove-me.example', note: 'temp' });
    expect(await removeAbuseListEntry(t.db, actor, id)).toEqual({ kind: 'email_domain', value: 'remove-me.example', mode: 'block' });
    expect(await t.db.abuseListEntry.findUnique({ where: { id } })).toBeNull();
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'abuse_list.remove', entityId: String(id) } });
    expect(audit.data).toEqual({ kind: 'email_domain', value: 'remove-me.example', mode: 'block', note: 'temp' });
    const before = await snapshot();
    await expect(removeAbuseListEntry(t.db, actor, id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeAbuseListEntry(t.db, actor, -1)).rejects.toMatchObject({ code: 'not_found' });
    await expect(removeAbuseListEntry(t.db, actor, 2 ** 40)).rejects.toMatchObject({ code: 'not_found' });
    expect(await snapshot()).toEqual(before);
  });

  it('lists entries newest first, by kind and mode, paginated', async () => {
    for (let i = 0; i < 5; i++) await addAbuseListEntry(t.db, actor, { kind: 'email_domain', mode: 'allow', value: `page${i}.example.edu` });
    const first = await listAbuseListEntries(t.db, { kind: 'email_domain', mode: 'allow', pageSize: 2 });
    const allAllowedDomains = await t.db.abuseListEntry.count({ where: { kind: 'email_domain', mode: 'allow' } });
    expect(first).toMatchObject({ total: allAllowedDomains, page: 1, pageSize: 2 });
    expect(first.rows.map((r) => r.value)).toEqual(['page4.example.edu', 'page3.example.edu']);
    expect(first.rows[0]!.createdBy).toMatchObject({ email: 'lists@org.example' });
    const second = await listAbuseListEntries(t.db, { kind: 'email_domain', mode: 'allow', pageSize: 2, page: 2 });
    expect(second.rows.map((r) => r.value)).toEqual(['page2.example.edu', 'page1.example.edu']);
    const blockedIps = await listAbuseListEntries(t.db, { kind: 'ip_hash', mode: 'block' });
    expect(blockedIps.rows.every((r) => r.kind === 'ip_hash' && r.mode === 'block')).toBe(true);
    expect((await listAbuseListEntries(t.db, { page: 999 })).rows).toEqual([]);
  });
});
