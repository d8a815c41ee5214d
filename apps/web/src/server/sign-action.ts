'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { FieldErrorKey } from '@undersigned/core';
import { localePrefix, type Locale } from '@/i18n';
import { clientIpFrom } from './client-ip';
import { webEnv } from './env';
import { formFieldErrors, readSignForm, type FormField, type FormValues } from './form-fields';
import { getSigner } from './signer';

export interface SignFormState {
  values: FormValues | null;
  fields: Partial<Record<FormField, FieldErrorKey>>;
  formError: 'closed' | 'notFound' | 'rateLimited' | 'unavailable' | null;
  /** Bumped on every answer so the client can move focus to the errors. */
  attempt: number;
}

/**
 * The sign form's server action. Without JavaScript the browser posts the form and gets a 303 to
 * the thanks page (or the page again with errors and the input kept); with JavaScript it runs
 * without a reload. The `variant` field picks where success lands: the thanks page, or the embed widget.
 */
export async function signAction(previous: SignFormState, formData: FormData): Promise<SignFormState> {
  // Campaign, language and landing travel as hidden fields: a client-side bind() of these
  // arguments hangs React's no-JavaScript form submission (vercel/next.js#98045).
  const campaign = formData.get('campaign');
  const slug = typeof campaign === 'string' ? campaign : '';
  const locale: Locale = formData.get('locale') === 'es' ? 'es' : 'en';
  const variant = formData.get('variant') === 'embed' ? 'embed' : 'page';
  const requestHeaders = await headers();
  // Campaign pages are cached for everyone, so `?source=`/`?ref=` reach the hidden fields through
  // a client script; without JavaScript they come from the Referer (the page's own URL).
  const hosts = [requestHeaders.get('host') ?? '', new URL(webEnv().PUBLIC_WEB_URL).host].filter(Boolean);
  const { values, input, honeypot } = readSignForm(formData, locale, { url: requestHeaders.get('referer'), hosts });
  const outcome = await getSigner().sign(slug, {
    input,
    honeypot,
    ip: clientIpFrom(requestHeaders, webEnv().TRUSTED_PROXY_HOPS),
    reqId: requestHeaders.get('x-request-id') ?? undefined,
  });
  const attempt = (previous?.attempt ?? 0) + 1;
  if (outcome.ok) {
    const prefix = localePrefix(locale);
    const code = encodeURIComponent(outcome.shareCode);
    const path = encodeURIComponent(slug);
    redirect(variant === 'embed' ? `${prefix}/embed/petitions/${path}?signed=${code}` : `${prefix}/petitions/${path}/thanks?code=${code}`);
  }
  switch (outcome.code) {
    case 'validation':
      return { values, fields: formFieldErrors(outcome.fields), formError: null, attempt };
    case 'campaign_not_open':
      return { values, fields: {}, formError: 'closed', attempt };
    case 'not_found':
      return { values, fields: {}, formError: 'notFound', attempt };
    case 'rate_limited':
      return { values, fields: {}, formError: 'rateLimited', attempt };
    default:
      return { values, fields: {}, formError: 'unavailable', attempt };
  }
}
