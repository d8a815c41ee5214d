import {
  authorizeApiKeySigning,
  getCampaignStatus,
  getOsdiSignature,
  isAppError,
  isDisposableDomain,
  lookupPostalCode,
  osdiFieldPath,
  parseOsdiSignature,
  SLUG_PATTERN,
  toOsdiSignature,
  type FieldErrorKey,
  type ApiKeyPrincipal,
  type SignOutcome,
} from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { getDictionary, localePrefix, type Locale } from '@/i18n';
import { apiError, appErrorAnswer, authenticateApiRequest, PRIVATE_HEADERS } from '@/server/api-auth';
import { formFieldErrors, readSignForm } from '@/server/form-fields';
import { CORS_HEADERS } from '@/server/http';
import { publicBaseUrl } from '@/server/public-base-url';
import { getSigner } from '@/server/signer';

/**
 * POST /api/v1/petitions/{slug}/signatures, free of any HTTP framework: plain values in, plain
 * values out. The Next route handler and the production server's fast path (server.ts) both call
 * it, so the hot path skips building web Request/Response objects (about a third of its CPU per
 * signature when measured) and still shares every rule with the route.
 */
export interface SignPostRequest {
  slug: string;
  contentType: string;
  body: string;
  /** Client IP (see clientIp); only ever hashed. */
  ip: string;
  /** `?locale=` of the request URL. */
  locale: string | null;
  /**
   * The API key the request presents (presentedApiKey: `OSDI-API-Token` or `Authorization:
   * Bearer`), or undefined when it presents none — the keyless caller, answered blind as always.
   */
  apiKey?: string;
  /** The request's id (X-Request-Id, server.ts): logged with the batch that commits the signature. */
  reqId?: string;
}

export interface SignPostResponse {
  status: number;
  headers: Record<string, string>;
  /** JSON-serialisable body, or null for a redirect. */
  body: unknown;
}

const JSON_HEADERS = { 'Content-Type': 'application/hal+json; charset=utf-8', ...CORS_HEADERS };

const json = (status: number, body: unknown, headers: Record<string, string> = {}): SignPostResponse => ({
  status,
  headers: { ...JSON_HEADERS, ...headers },
  body,
});
const redirect = (location: string): SignPostResponse => ({ status: 303, headers: { Location: location }, body: null });

function fieldMessages(fields: Record<string, FieldErrorKey>, locale: Locale, mapPath: (p: string) => string) {
  const messages = getDictionary(locale).form.errors;
  return Object.fromEntries(Object.entries(fields).map(([path, key]) => [mapPath(path), messages[key] ?? key]));
}

async function refusal(slug: string, outcome: Exclude<SignOutcome, { ok: true } | { code: 'validation' }>): Promise<SignPostResponse> {
  switch (outcome.code) {
    case 'rate_limited':
      return json(
        429,
        { error: 'rate_limited', message: 'Too many signatures from this network. Try again later.' },
        { 'Retry-After': String(outcome.retryAfterSeconds) },
      );
    case 'campaign_not_open':
      return json(409, { error: 'campaign_not_open', message: 'This petition is not open for signatures.' });
    case 'not_found': {
      // A draft exists but is not open: 409 like a closed one; an unknown slug is 404.
      const draft = SLUG_PATTERN.test(slug) && (await getCampaignStatus(getDb(), slug)) === 'draft';
      return draft
        ? json(409, { error: 'campaign_not_open', message: 'This petition is not open for signatures.' })
        : json(404, { error: 'not_found', message: 'No such petition.' });
    }
    default:
      return json(503, { error: 'unavailable', message: 'Signing is unavailable right now. Please retry.' }, { 'Retry-After': '5' });
  }
}

async function formPost(request: SignPostRequest): Promise<SignPostResponse> {
  let form: { get(name: string): FormDataEntryValue | null };
  try {
    form = /^application\/x-www-form-urlencoded/i.test(request.contentType)
      ? new URLSearchParams(request.body)
      : await new Response(request.body, { headers: { 'Content-Type': request.contentType } }).formData();
  } catch {
    return json(400, { error: 'invalid_body', message: 'Could not read the form.', fields: {} });
  }
  const locale: Locale = form.get('locale') === 'es' ? 'es' : 'en';
  const { input, honeypot } = readSignForm(form, locale);
  const outcome = await getSigner().sign(request.slug, { input, honeypot, ip: request.ip, reqId: request.reqId });
  if (form.get('answer') === 'json') return formJsonAnswer(request.slug, locale, outcome);
  const petition = `${publicBaseUrl()}${localePrefix(locale)}/petitions/${encodeURIComponent(request.slug)}`;
  if (outcome.ok) return redirect(`${petition}/thanks?code=${encodeURIComponent(outcome.shareCode)}`);
  if (outcome.code === 'validation') {
    // A plain form from elsewhere: send the person to the full form, which explains each field.
    const back = new URL(petition);
    for (const name of ['source', 'ref', 'event']) {
      const v = form.get(name);
      if (typeof v === 'string' && v) back.searchParams.set(name, v);
    }
    back.hash = 'sign';
    return redirect(back.toString());
  }
  if (outcome.code === 'campaign_not_open') return redirect(petition);
  return refusal(request.slug, outcome);
}

/**
 * The form posted with `answer=json` (the sign form with JavaScript, components/sign-form.tsx):
 * JSON instead of 303s, so the page can show the errors in place. 200 → the OSDI signature (its
 * `referrer_data.referrer` is the share code); 400 → `fields` {html name: message} and
 * `field_keys` {html name: FieldErrorKey}; refusals as for OSDI JSON (409, 404, 429, 503).
 */
async function formJsonAnswer(slug: string, locale: Locale, outcome: SignOutcome): Promise<SignPostResponse> {
  if (outcome.ok) return json(200, toOsdiSignature(outcome, { slug, locale }, publicBaseUrl()));
  if (outcome.code === 'validation') {
    const keys = formFieldErrors(outcome.fields);
    return json(400, {
      error: 'validation',
      message: 'Some fields need attention.',
      fields: fieldMessages(keys, locale, (p) => p),
      field_keys: keys,
    });
  }
  return refusal(slug, outcome);
}

/**
 * Records a signature. Two bodies, one code path (core's signer, getSigner):
 * - OSDI JSON (record-signature helper) → 200 with an OSDI signature, 400 { error, fields };
 * - the HTML form's urlencoded/multipart post → 303 to the thanks page (JSON with `answer=json`).
 * A repeat signature gets exactly the answer a first one gets.
 */
export async function handleSignPost(request: SignPostRequest): Promise<SignPostResponse> {
  if (request.apiKey !== undefined) return keyedSignPost(request, request.apiKey);
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(request.contentType)) return formPost(request);

  let body: unknown;
  try {
    body = JSON.parse(request.body);
  } catch {
    return json(400, { error: 'invalid_json', message: 'The body must be JSON (or a urlencoded form).', fields: {} });
  }
  const locale: Locale = request.locale === 'es' ? 'es' : 'en';
  const parsed = parseOsdiSignature(body, locale);
  if (!parsed.ok) {
    return json(400, { error: 'validation', message: 'Some fields need attention.', fields: fieldMessages(parsed.fields, 'en', (p) => p) });
  }
  const outcome = await getSigner().sign(request.slug, { input: parsed.input, ip: request.ip, reqId: request.reqId });
  if (outcome.ok) return json(200, toOsdiSignature(outcome, { slug: request.slug, locale }, publicBaseUrl()));
  if (outcome.code === 'validation') {
    return json(400, { error: 'validation', message: 'Some fields need attention.', fields: fieldMessages(outcome.fields, 'en', osdiFieldPath) });
  }
  return refusal(request.slug, outcome);
}

/**
 * Loads at startup what the first signature would otherwise load while signers wait: the ZIP code
 * data (~100 MB, lazy in core for processes that never sign; measured ~0.5–1.5 s of the main
 * thread in the sign-path profile, i.e. the first second of a spike), the throwaway-mail domain
 * list (issue 15) and the signer's pool.
 */
export function warmSignPath(): void {
  lookupPostalCode('10001');
  isDisposableDomain('example.org');
  getSigner();
}

/** The OSDI JSON body of a request, or the 400 answer for one that is not. */
function readOsdiBody(request: SignPostRequest): { ok: true; body: unknown } | { ok: false; answer: SignPostResponse } {
  try {
    return { ok: true, body: JSON.parse(request.body) };
  } catch {
    return { ok: false, answer: json(400, { error: 'invalid_json', message: 'The body must be OSDI JSON.', fields: {} }) };
  }
}

/**
 * The record-signature helper called with an API key (issue 13): a bad, revoked or expired key →
 * 401; a read-only key or a petition outside the key's campaigns → 403; past the key's per-minute
 * limit → 429. A write key is limited by its own limit instead of the per-IP and per-domain
 * limits (a CRM posts every signature from one server address), signs through the same signer
 * (same validation, dedupe and group commit), and is answered with the full signature resource —
 * for a repeat, the row already there.
 */
async function keyedSignPost(request: SignPostRequest, apiKey: string): Promise<SignPostResponse> {
  const auth = await authenticateApiRequest(apiKey);
  if (!auth.ok) return auth.answer;
  const keyed = (answer: SignPostResponse): SignPostResponse => ({ ...answer, headers: { ...answer.headers, ...PRIVATE_HEADERS, ...auth.headers } });
  const principal: ApiKeyPrincipal = auth.principal;
  try {
    await authorizeApiKeySigning(getDb(), principal, request.slug);
  } catch (error) {
    return keyed(appErrorAnswer(error));
  }
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(request.contentType)) {
    return keyed(apiError(415, 'unsupported_media_type', 'With an API key, send the signature as OSDI JSON.'));
  }
  const read = readOsdiBody(request);
  if (!read.ok) return keyed(read.answer);
  const locale: Locale = request.locale === 'es' ? 'es' : 'en';
  const parsed = parseOsdiSignature(read.body, locale);
  if (!parsed.ok) {
    return keyed(json(400, { error: 'validation', message: 'Some fields need attention.', fields: fieldMessages(parsed.fields, 'en', (p) => p) }));
  }
  const outcome = await getSigner().sign(request.slug, { input: parsed.input, ip: request.ip, limitedByCaller: true, reqId: request.reqId });
  if (outcome.ok) {
    try {
      return keyed(json(200, await getOsdiSignature(getDb(), principal, request.slug, outcome.signatureId, publicBaseUrl())));
    } catch (error) {
      // Committed, but not readable back (erased in between): the blind answer still tells the truth.
      if (!isAppError(error)) throw error;
      return keyed(json(200, toOsdiSignature(outcome, { slug: request.slug, locale }, publicBaseUrl())));
    }
  }
  if (outcome.code === 'validation') {
    return keyed(
      json(400, { error: 'validation', message: 'Some fields need attention.', fields: fieldMessages(outcome.fields, 'en', osdiFieldPath) }),
    );
  }
  return keyed(await refusal(request.slug, outcome));
}
