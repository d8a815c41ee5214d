'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeStaffRole, inviteStaff, setStaffActive } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { INVALID_REQUEST, toActionState, type ActionState } from '@/server/action-state';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { sendStaffInvite } from '@/server/send-staff-invite';

export async function inviteStaffAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('staff.manage');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const raw = { email: formData.get('email'), name: formData.get('name') ?? undefined, role: formData.get('role') };
  const form = z.object({ email: z.string().max(400), name: z.string().max(400).optional(), role: z.enum(['admin', 'campaigner', 'viewer']) }).safeParse(raw);
  if (!form.success) return { ok: false, message: 'Fill in an email and a role.' };
  try {
    const user = await inviteStaff(getDb(), actor, form.data);
    const env = staffEnv();
    await sendStaffInvite({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, to: user.email, loginUrl: `${env.STAFF_URL}/login`, invitedBy: actor.name ?? actor.email });
    revalidatePath('/staff');
    return { ok: true, message: `Invited ${user.email}. They sign in with an email link.` };
  } catch (error) {
    return toActionState(error);
  }
}

const roleForm = z.object({ userId: z.string().min(1).max(100), role: z.enum(['admin', 'campaigner', 'viewer']) });

export async function changeRoleAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('staff.manage');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = roleForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID_REQUEST;
  try {
    await changeStaffRole(getDb(), actor, parsed.data);
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath('/staff');
  return { ok: true, message: 'Role changed.' };
}

const activeForm = z.object({ userId: z.string().min(1).max(100), active: z.enum(['true', 'false']) });

export async function setActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('staff.manage');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = activeForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID_REQUEST;
  try {
    await setStaffActive(getDb(), actor, { userId: parsed.data.userId, active: parsed.data.active === 'true' });
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath('/staff');
  return { ok: true, message: parsed.data.active === 'true' ? 'Reactivated.' : 'Deactivated.' };
}
