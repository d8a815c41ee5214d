import { AppError } from '../errors';
import { can } from './can';
import type { StaffAction, StaffActor } from './permissions';

/**
 * Throws `unauthenticated` for no (or an inactive) actor and `forbidden` when the role may not
 * take the action; returns the actor otherwise, narrowed to non-null.
 */
export function authorize(actor: StaffActor | null, action: StaffAction): StaffActor {
  if (!actor || !actor.active) throw new AppError('unauthenticated', 'Sign in to continue.');
  if (!can(actor, action)) throw new AppError('forbidden', 'Your role does not allow this.');
  return actor;
}
