import { z } from 'zod';
import type { StaffAction, StaffActor } from '@undersigned/core';
import { getDb, type Db } from '@undersigned/db';
import { INVALID_REQUEST, toActionState, type ActionState } from './action-state';
import { requireStaff } from './current-staff';

/** What an action's body gets once the prologue has passed. */
export interface StaffActionContext {
  /** The signed-in, active staff member, allowed to take this action. */
  actor: StaffActor;
  db: Db;
}

/** The permission an action needs, or how to read it from the raw arguments (create vs edit). */
type Permission = StaffAction | ((...raw: unknown[]) => StaffAction);

/**
 * The prologue of every staff server action, once (the way documenso's tRPC
 * `authenticatedProcedure` authenticates before any procedure runs), in an order that keeps
 * refusals silent:
 *
 * 1. `requireStaff(permission)` before anything is read: anonymous, expired or deactivated →
 *    redirect to /login; signed in without the permission → 403 (e2e/staff-actions.spec.ts calls
 *    every action this way with valid arguments and checks the database is unchanged).
 * 2. The arguments are validated with `schema`; a call no form of ours would make gets `invalid`
 *    and changes nothing.
 * 3. The body calls core, revalidates and answers (or redirects); `mapError` turns what core
 *    throws into the answer, and anything it does not handle — Next's redirect and 404 signals
 *    included — is rethrown.
 */
async function runStaffAction<S extends z.ZodType, R>(
  permission: Permission,
  raw: unknown[],
  read: (raw: unknown[]) => { ok: true; value: unknown } | { ok: false },
  schema: S,
  body: (input: z.output<S>, ctx: StaffActionContext) => Promise<R>,
  answers: { notReadable: R; invalid: R; mapError: (error: unknown) => R },
): Promise<R> {
  const actor = await requireStaff(typeof permission === 'function' ? permission(...raw) : permission);
  const value = read(raw);
  if (!value.ok) return answers.notReadable;
  const parsed = schema.safeParse(value.value);
  if (!parsed.success) return answers.invalid;
  try {
    return await body(parsed.data, { actor, db: getDb() });
  } catch (error) {
    return answers.mapError(error);
  }
}

/**
 * A form's fields as one object for a zod schema: a blank field counts as absent (forms send
 * every input, filled or not), a field sent more than once becomes an array (see `repeated`),
 * files stay File objects.
 */
function readForm(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const fields = new Map<string, FormDataEntryValue | FormDataEntryValue[]>();
  for (const [name, value] of formData) {
    if (value === '') continue;
    const seen = fields.get(name);
    fields.set(name, seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value]);
  }
  return Object.fromEntries(fields);
}

/**
 * A field a form may send once or several times (checkboxes of one name): always an array for
 * `schema` (a z.array), whether readForm saw it once or more.
 */
export function repeated<T extends z.ZodArray<z.ZodType>>(schema: T) {
  return z.preprocess((value) => (value === undefined || Array.isArray(value) ? value : [value]), schema);
}

/**
 * A server action behind a form (`useActionState`): `(previous state, FormData) → state`. The
 * body gets the form's fields parsed by `schema` (see readForm) and returns the new state or
 * redirects; an AppError from core becomes the form's message and field errors. A first
 * argument that is not a FormData (only a hand-made call sends one) gets INVALID_REQUEST, fields
 * that do not parse get `options.invalid` (INVALID_REQUEST unless the form says better).
 */
export function staffAction<S extends z.ZodType>(
  permission: StaffAction,
  schema: S,
  body: (input: z.output<S>, ctx: StaffActionContext) => Promise<ActionState>,
  options: { invalid?: ActionState } = {},
): (previous: ActionState, formData: FormData) => Promise<ActionState> {
  return async (...raw) =>
    runStaffAction(
      permission,
      raw,
      ([, formData]) => (formData instanceof FormData ? { ok: true, value: readForm(formData) } : { ok: false }),
      schema,
      body,
      { notReadable: INVALID_REQUEST, invalid: options.invalid ?? INVALID_REQUEST, mapError: toActionState },
    );
}

/**
 * A server action a client component calls with arguments (`saveCampaignAction(id, payload)`):
 * `schema` validates the argument list (a z.tuple), `invalid` answers a list that does not
 * parse, `mapError` what the body throws (toActionState for an ActionState answer).
 */
export function staffCall<S extends z.ZodType<unknown[]>, R>(
  permission: Permission,
  schema: S,
  body: (input: z.output<S>, ctx: StaffActionContext) => Promise<R>,
  options: { invalid: NoInfer<R>; mapError: (error: unknown) => NoInfer<R> },
): (...args: ArgumentsOf<S>) => Promise<R> {
  return async (...raw) =>
    runStaffAction(permission, raw, (args) => ({ ok: true, value: args }), schema, body, {
      notReadable: options.invalid,
      ...options,
    });
}

/** The argument list a call schema (a z.tuple) accepts: what the client component passes. */
type ArgumentsOf<S extends z.ZodType> = z.input<S> extends infer A extends unknown[] ? A : never;
