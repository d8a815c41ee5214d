'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeStaffRole, inviteStaff, setStaffActive } from '@undersigned/core';
import { staffEnv } from '@/server/env';
import { sendStaffInvite } from '@/server/send-staff-invite';
import { staffAction } from '@/server/staff-action';

const role = z.enum(['admin', 'campaigner', 'viewer']);

const inviteForm = z.object({
  // Optional here so that a blank address gets core's field error ("Enter a valid email address.").
  email: z.string().max(400).optional(),
  name: z.string().max(400).optional(),
  role,
});

export const inviteStaffAction = staffAction(
  'staff.manage',
  inviteForm,
  async ({ email = '', ...form }, { actor, db }) => {
    const user = await inviteStaff(db, actor, { email, ...form });
    const env = staffEnv();
    await sendStaffInvite({
      smtpUrl: env.SMTP_URL,
      from: env.MAIL_FROM,
      to: user.email,
      loginUrl: `${env.STAFF_URL}/login`,
      invitedBy: actor.name ?? actor.email,
    });
    revalidatePath('/staff');
    return { ok: true, message: `Invited ${user.email}. They sign in with an email link.` };
  },
  { invalid: { ok: false, message: 'Fill in an email and a role.' } },
);

const roleForm = z.object({ userId: z.string().min(1).max(100), role });

export const changeRoleAction = staffAction('staff.manage', roleForm, async (input, { actor, db }) => {
  await changeStaffRole(db, actor, input);
  revalidatePath('/staff');
  return { ok: true, message: 'Role changed.' };
});

const activeForm = z.object({ userId: z.string().min(1).max(100), active: z.enum(['true', 'false']) });

export const setActiveAction = staffAction('staff.manage', activeForm, async ({ userId, active }, { actor, db }) => {
  await setStaffActive(db, actor, { userId, active: active === 'true' });
  revalidatePath('/staff');
  return { ok: true, message: active === 'true' ? 'Reactivated.' : 'Deactivated.' };
});
