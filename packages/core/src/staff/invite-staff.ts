import { z } from 'zod';
import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';

const inviteStaffInputSchema = z.object({
  email: z
    .email('invalid_email')
    .max(320)
    .transform((v) => v.trim().toLowerCase()),
  name: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || null),
  role: z.enum(['admin', 'campaigner', 'viewer']),
});

/**
 * Creates a staff account that signs in by email link (no password). Re-inviting a deactivated
 * address reactivates it with the new role. Audited.
 */
export async function inviteStaff(db: Db, actor: StaffActor, input: z.input<typeof inviteStaffInputSchema>): Promise<{ id: string; email: string }> {
  const parsed = inviteStaffInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new AppError('validation', 'Some fields need attention.', fields);
  }
  const { email, name, role } = parsed.data;
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing?.active) throw new AppError('conflict', 'That person already has an active account.', { email: 'already_staff' });
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { active: true, role, name: name ?? existing.name } })
      : await tx.user.create({ data: { email, name, role, invitedById: actor.id } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'staff.invite',
      entityType: 'staff_user',
      entityId: user.id,
      data: { email, role, reactivated: Boolean(existing) },
    });
    return { id: user.id, email: user.email };
  });
}
