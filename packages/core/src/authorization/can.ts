import { STAFF_PERMISSIONS, type StaffAction, type StaffActor } from './permissions';

/** Whether this actor (null: anonymous) may take this action. Inactive accounts may do nothing. */
export function can(actor: Pick<StaffActor, 'role' | 'active'> | null, action: StaffAction): boolean {
  if (!actor || !actor.active) return false;
  return (STAFF_PERMISSIONS[action] as readonly string[]).includes(actor.role);
}
