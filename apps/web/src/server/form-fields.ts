import type { FieldErrorKey, SignatureInput } from '@undersigned/core';
import type { Locale } from '@/i18n';
import { EVENT_PATTERN, REF_PATTERN, SOURCE_PATTERN } from './urls';

/** The sign form's field names in HTML (issue 3), and the honeypot. */
export const FORM_FIELDS = ['given_name', 'family_name', 'email', 'postal_code', 'comment'] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export const HONEYPOT_FIELD = 'website';

/** core's field paths → the HTML field names. */
const FIELD_FOR_PATH: Record<string, FormField> = {
  givenName: 'given_name',
  familyName: 'family_name',
  email: 'email',
  postalCode: 'postal_code',
  comment: 'comment',
};

export type FormValues = Record<FormField, string> & { subscribe: boolean };

export interface FormReader {
  get(name: string): FormDataEntryValue | null;
}

function text(form: FormReader, name: string, max = 4000): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/**
 * `source`, `ref` and `event` from the query of the page the form was posted from, when that page
 * is a petition page of this site. Campaign pages are cached (the same HTML for every visitor), so
 * they cannot write the visitor's `?source=`/`?ref=`/`?event=` into the form; a small script fills
 * the hidden fields from location.search, and without JavaScript the browser's Referer carries them
 * here (Referrer-Policy strict-origin-when-cross-origin keeps the query on same-origin posts).
 */
export function attributionFromReferer(
  referer: string | null | undefined,
  hosts: readonly string[],
): { source?: string; ref?: string; event?: string } {
  if (!referer) return {};
  let url: URL;
  try {
    url = new URL(referer);
  } catch {
    return {};
  }
  if (!hosts.includes(url.host) || !/^(\/es)?\/(embed\/)?petitions\/[a-z0-9-]+\/?$/.test(url.pathname)) return {};
  const source = url.searchParams.get('source');
  const ref = url.searchParams.get('ref');
  const event = url.searchParams.get('event');
  return {
    ...(source && SOURCE_PATTERN.test(source) ? { source } : {}),
    ...(ref && REF_PATTERN.test(ref) ? { ref } : {}),
    ...(event && EVENT_PATTERN.test(event) ? { event } : {}),
  };
}

/**
 * Reads the sign form (FormData from a server action or URLSearchParams from a plain POST).
 * `referer` (optional): the Referer header and the hosts this site answers as (the request's Host
 * and PUBLIC_WEB_URL's); its `source`/`ref`/`event` fill in whichever hidden fields came empty
 * (see attributionFromReferer). The `event` field (an event sign-up link's code) becomes
 * `eventCode`; core validates its shape and the signer decides whether the event applies.
 */
export function readSignForm(form: FormReader, locale: Locale, referer?: { url: string | null; hosts: readonly string[] }) {
  const values: FormValues = {
    given_name: text(form, 'given_name', 300),
    family_name: text(form, 'family_name', 300),
    email: text(form, 'email', 400),
    postal_code: text(form, 'postal_code', 40),
    comment: text(form, 'comment', 4000),
    subscribe: ['on', 'true', '1', 'yes'].includes(text(form, 'subscribe', 10).toLowerCase()),
  };
  const fromReferer = referer ? attributionFromReferer(referer.url, referer.hosts) : {};
  const source = text(form, 'source', 200) || fromReferer.source || '';
  const referrer = text(form, 'ref', 100) || fromReferer.ref || '';
  const eventCode = text(form, 'event', 100) || fromReferer.event || '';
  const input: SignatureInput = {
    givenName: values.given_name,
    familyName: values.family_name,
    email: values.email,
    postalCode: values.postal_code,
    comment: values.comment,
    subscribe: values.subscribe,
    locale,
    ...(source ? { source } : {}),
    ...(referrer ? { referrerCode: referrer } : {}),
    ...(eventCode ? { eventCode } : {}),
  };
  return { values, input, honeypot: text(form, HONEYPOT_FIELD, 200) };
}

/** Field errors keyed by HTML field name (unknown paths dropped). */
export function formFieldErrors(fields: Record<string, FieldErrorKey>): Partial<Record<FormField, FieldErrorKey>> {
  const out: Partial<Record<FormField, FieldErrorKey>> = {};
  for (const [path, key] of Object.entries(fields)) {
    const field = FIELD_FOR_PATH[path];
    if (field && !out[field]) out[field] = key;
  }
  return out;
}
