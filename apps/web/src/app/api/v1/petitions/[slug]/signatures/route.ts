import { getDb } from '@undersigned/db';
import { getDictionary, localePrefix, type Locale } from '@/i18n';
import { clientIpFrom } from '@/server/client-ip';
import { osdiFieldPath, parseOsdiSignature, toOsdiSignature, type FieldErrorKey } from '@/server/core';
import { readSignForm } from '@/server/form-fields';
import { BodyTooLargeError, json, preflight, readBoundedText } from '@/server/http';
import { publicBaseUrl } from '@/server/public-base-url';
import { webEnv } from '@/server/env';
import { submitSignature, type SubmitOutcome } from '@/server/submit-signature';

export const dynamic = 'force-dynamic';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function fieldMessages(fields: Record<string, FieldErrorKey>, locale: Locale, mapPath: (p: string) => string) {
  const messages = getDictionary(locale).form.errors;
  return Object.fromEntries(Object.entries(fields).map(([path, key]) => [mapPath(path), messages[key] ?? key]));
}

async function refusal(slug: string, outcome: Exclude<SubmitOutcome, { ok: true } | { code: 'validation' }>): Promise<Response> {
  switch (outcome.code) {
    case 'rate_limited':
      return json(
        { error: 'rate_limited', message: 'Too many signatures from this network. Try again later.' },
        { status: 429, headers: { 'Retry-After': String(outcome.retryAfterSeconds) } },
      );
    case 'campaign_not_open':
      return json({ error: 'campaign_not_open', message: 'This petition is not open for signatures.' }, { status: 409 });
    case 'not_found': {
      // A draft exists but is not open: 409 like a closed one; an unknown slug is 404.
      const draft = SLUG.test(slug) ? await getDb().campaign.findUnique({ where: { slug }, select: { status: true } }) : null;
      return draft
        ? json({ error: 'campaign_not_open', message: 'This petition is not open for signatures.' }, { status: 409 })
        : json({ error: 'not_found', message: 'No such petition.' }, { status: 404 });
    }
    default:
      return json({ error: 'unavailable', message: 'Signing is unavailable right now. Please retry.' }, { status: 503 });
  }
}

/**
 * Records a signature. Two bodies, one code path (submitSignature):
 * - OSDI JSON (record-signature helper) → 200 with an OSDI signature, 400 { error, fields };
 * - the HTML form's urlencoded/multipart post → 303 to the thanks page.
 * A repeat signature gets exactly the answer a first one gets.
 */
export async function POST(request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  const contentType = request.headers.get('content-type') ?? '';
  let text: string;
  try {
    text = await readBoundedText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json({ error: 'payload_too_large', message: 'Request body too large.' }, { status: 413 });
    throw error;
  }
  const ip = clientIpFrom(request.headers, webEnv().TRUSTED_PROXY_HOPS);
  const base = publicBaseUrl();

  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType)) {
    let form: FormData;
    try {
      form = await new Response(text, { headers: { 'Content-Type': contentType } }).formData();
    } catch {
      return json({ error: 'invalid_body', message: 'Could not read the form.', fields: {} }, { status: 400 });
    }
    const locale: Locale = form.get('locale') === 'es' ? 'es' : 'en';
    const { input, honeypot } = readSignForm(form, locale);
    const outcome = await submitSignature(slug, { input, honeypot, ip });
    const petition = `${base}${localePrefix(locale)}/petitions/${encodeURIComponent(slug)}`;
    if (outcome.ok) {
      return new Response(null, { status: 303, headers: { Location: `${petition}/thanks?code=${encodeURIComponent(outcome.shareCode)}` } });
    }
    if (outcome.code === 'validation') {
      // A plain form from elsewhere: send the person to the full form, which explains each field.
      const back = new URL(petition);
      for (const name of ['source', 'ref']) {
        const v = form.get(name);
        if (typeof v === 'string' && v) back.searchParams.set(name, v);
      }
      back.hash = 'sign';
      return new Response(null, { status: 303, headers: { Location: back.toString() } });
    }
    if (outcome.code === 'campaign_not_open') return new Response(null, { status: 303, headers: { Location: petition } });
    return refusal(slug, outcome);
  }

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return json({ error: 'invalid_json', message: 'The body must be JSON (or a urlencoded form).', fields: {} }, { status: 400 });
  }
  const locale: Locale = new URL(request.url).searchParams.get('locale') === 'es' ? 'es' : 'en';
  const parsed = parseOsdiSignature(body, locale);
  if (!parsed.ok) {
    return json({ error: 'validation', message: 'Some fields need attention.', fields: fieldMessages(parsed.fields, 'en', (p) => p) }, { status: 400 });
  }
  const outcome = await submitSignature(slug, { input: parsed.input, ip });
  if (outcome.ok) return json(toOsdiSignature(outcome, { slug, locale }, base));
  if (outcome.code === 'validation') {
    return json({ error: 'validation', message: 'Some fields need attention.', fields: fieldMessages(outcome.fields, 'en', osdiFieldPath) }, { status: 400 });
  }
  return refusal(slug, outcome);
}

export function OPTIONS(): Response {
  return preflight();
}
