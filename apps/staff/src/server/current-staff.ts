import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { can, getStaffActor, type StaffAction, type StaffActor } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { auth } from './auth';

/** The signed-in, active staff member for this request (fresh from the database), or null. */
export const currentStaff = cache(async (): Promise<StaffActor | null> => {
  const session = await auth();
  return getStaffActor(getDb(), session?.user?.id);
});

/**
 * For pages and server actions: anonymous (or deactivated) → redirect to /login; signed in
 * without the permission → 403 (forbidden()). Returns the actor otherwise.
 */
export async function requireStaff(action: StaffAction): Promise<StaffActor> {
  const actor = await currentStaff();
  if (!actor) redirect('/login');
  if (!can(actor, action)) forbidden();
  return actor;
}
