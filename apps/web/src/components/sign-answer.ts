import type { FieldErrorKey } from '@undersigned/core';
import type { FormField } from '@/server/form-fields';
import type { SignFormState } from '@/server/sign-action';

/**
 * The sign form with JavaScript posts to the production server's fast path
 * (POST /api/v1/petitions/{slug}/signatures with `answer=json`, server/sign-endpoint.ts) instead of
 * the server action. These pure helpers build that request and read its answer into the same
 * state the server action returns, so both paths show the same messages.
 */

/** The form's fields the endpoint reads (readSignForm); React's own hidden `$ACTION_…` inputs stay out. */
const SENT_FIELDS = [
  'given_name',
  'family_name',
  'email',
  'postal_code',
  'comment',
  'subscribe',
  'website',
  'locale',
  'source',
  'ref',
  'event',
] as const;
const ERROR_FIELDS: readonly FormField[] = ['given_name', 'family_name', 'email', 'postal_code', 'comment'];
const ERROR_KEYS: readonly FieldErrorKey[] = ['required', 'too_long', 'invalid_email', 'invalid_postal_code', 'invalid_characters', 'invalid_value'];

export interface FormEntries {
  get(name: string): FormDataEntryValue | null;
}

/** The urlencoded body for the fast path: the form's fields plus `answer=json`. */
export function signRequestBody(form: FormEntries): URLSearchParams {
  const body = new URLSearchParams();
  for (const name of SENT_FIELDS) {
    const value = form.get(name);
    if (typeof value === 'string' && value !== '') body.set(name, value);
  }
  body.set('answer', 'json');
  return body;
}

/** Where a signed visitor goes: the same places the server action redirects to. */
export function signedPath(slug: string, locale: 'en' | 'es', variant: 'page' | 'embed', code: string): string {
  const prefix = locale === 'es' ? '/es' : '';
  const path = encodeURIComponent(slug);
  const c = encodeURIComponent(code);
  return variant === 'embed' ? `${prefix}/embed/petitions/${path}?signed=${c}` : `${prefix}/petitions/${path}/thanks?code=${c}`;
}

export type SignAnswer = { ok: true; code: string } | { ok: false; fields: SignFormState['fields']; formError: SignFormState['formError'] };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The endpoint's answer (status + parsed JSON body, or null when it was not JSON) → signed with a
 * share code, or the field errors / form error the form shows. Anything unexpected reads as
 * "unavailable", never as signed.
 */
export function readSignAnswer(status: number, body: unknown): SignAnswer {
  const b = record(body);
  if (status === 200) {
    const code = record(b.referrer_data).referrer;
    return typeof code === 'string' && code ? { ok: true, code } : { ok: false, fields: {}, formError: 'unavailable' };
  }
  if (status === 400 && b.error === 'validation') {
    const keys = record(b.field_keys);
    const fields: SignFormState['fields'] = {};
    for (const name of ERROR_FIELDS) {
      const key = keys[name];
      if (typeof key === 'string' && (ERROR_KEYS as readonly string[]).includes(key)) fields[name] = key as FieldErrorKey;
    }
    if (Object.keys(fields).length > 0) return { ok: false, fields, formError: null };
  }
  if (status === 409 || b.error === 'campaign_not_open') return { ok: false, fields: {}, formError: 'closed' };
  if (status === 404) return { ok: false, fields: {}, formError: 'notFound' };
  if (status === 429) return { ok: false, fields: {}, formError: 'rateLimited' };
  return { ok: false, fields: {}, formError: 'unavailable' };
}
