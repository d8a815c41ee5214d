import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createStaffActor } from '../testing/fixtures';
import { authenticateStaffPassword } from './authenticate-staff-password';
import { changeStaffRole } from './change-staff-role';
import { getStaffActor } from './get-staff-actor';
import { hashPassword } from './hash-password';
import { inviteStaff } from './invite-staff';
import { maySignInByEmail } from './may-sign-in-by-email';
import { recordStaffSignIn } from './record-staff-sign-in';
import { setStaffActive } from './set-staff-active';

const t = useTestDatabase('staff_admin');
let admin: StaffActor;
beforeAll(async () => {
  admin = await createStaffActor(t.db, { email: 'boss@org.example', role: 'admin', passwordHash: await hashPassword('s3cret-pass') });
});

describe('staff administration', () => {
  it('password sign-in accepts the right password only, case-insensitively on email', async () => {
    expect(await authenticateStaffPassword(t.db, { email: ' BOSS@org.example', password: 's3cret-pass' })).toMatchObject({ role: 'admin' });
    expect(await authenticateStaffPassword(t.db, { email: 'boss@org.example', password: 'wrong' })).toBeNull();
    expect(await authenticateStaffPassword(t.db, { email: 'nobody@org.example', password: 's3cret-pass' })).toBeNull();
  });

  it('stamps the last sign-in on a right password and on a followed email link, not on a wrong password', async () => {
    const lastLogin = async () => (await t.db.user.findUniqueOrThrow({ where: { id: admin.id } })).lastLoginAt;
    await t.db.user.update({ where: { id: admin.id }, data: { lastLoginAt: null } });
    await authenticateStaffPassword(t.db, { email: 'boss@org.example', password: 'wrong' });
    expect(await lastLogin()).toBeNull();
    const before = Date.now();
    await authenticateStaffPassword(t.db, { email: 'boss@org.example', password: 's3cret-pass' });
    expect((await lastLogin())!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    await t.db.user.update({ where: { id: admin.id }, data: { lastLoginAt: new Date(0) } });
    await recordStaffSignIn(t.db, { userId: admin.id });
    expect((await lastLogin())!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
  });

  it('invites by email; only invited, active staff may get a magic link', async () => {
    expect(await maySignInByEmail(t.db, 'new@org.example')).toBe(false);
    const invited = await inviteStaff(t.db, admin, { email: 'New@Org.example', role: 'viewer' });
    expect(invited.email).toBe('new@org.example');
    expect(await maySignInByEmail(t.db, 'new@org.example')).toBe(true);
    await expect(inviteStaff(t.db, admin, { email: 'new@org.example', role: 'viewer' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('changes roles, deactivation locks the account out at once, and the last admin is protected', async () => {
    const { id } = await inviteStaff(t.db, admin, { email: 'camp@org.example', role: 'viewer' });
    await changeStaffRole(t.db, admin, { userId: id, role: 'campaigner' });
    expect((await getStaffActor(t.db, id))?.role).toBe('campaigner');
    await setStaffActive(t.db, admin, { userId: id, active: false });
    expect(await getStaffActor(t.db, id)).toBeNull();
    expect(await maySignInByEmail(t.db, 'camp@org.example')).toBe(false);

    await expect(setStaffActive(t.db, admin, { userId: admin.id, active: false })).rejects.toMatchObject({ code: 'forbidden' });
    const other = await inviteStaff(t.db, admin, { email: 'other@org.example', role: 'admin' });
    const otherActor: StaffActor = { id: other.id, email: other.email, name: null, role: 'admin', active: true };
    await changeStaffRole(t.db, otherActor, { userId: admin.id, role: 'viewer' });
    await expect(changeStaffRole(t.db, { ...admin, role: 'admin' }, { userId: other.id, role: 'viewer' })).rejects.toMatchObject({
      code: 'conflict',
    });
    const actions = (await t.db.auditLog.findMany({ orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['staff.invite', 'staff.role_change', 'staff.deactivate']));
  });
});
