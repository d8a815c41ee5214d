'use client';

import { useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import type { Dictionary } from '@/i18n/en';
import type { Locale } from '@/i18n';
import { signAction, type SignFormState } from '@/server/sign-action';
import { EVENT_PATTERN, REF_PATTERN, SOURCE_PATTERN } from './attribution-patterns';
import { readSignAnswer, signedPath, signRequestBody } from './sign-answer';

const initialState: SignFormState = { values: null, fields: {}, formError: null, attempt: 0 };

interface Props {
  slug: string;
  locale: Locale;
  variant: 'page' | 'embed';
  t: Dictionary['form'];
  /**
   * Attribution (?source=, ?ref=) when the server rendered this form for one visitor (the embed).
   * Cached pages leave these out: the form then reads them from location.search after hydration,
   * and without JavaScript the server reads them from the Referer (readSignForm).
   */
  source?: string;
  referrer?: string;
  /** An event sign-up link's code (?event=), when the server rendered the form for one visitor (the embed). */
  event?: string;
}

function attributionFromLocation(): { source: string; ref: string; event: string } {
  const query = new URLSearchParams(window.location.search);
  const source = query.get('source') ?? '';
  const ref = query.get('ref') ?? '';
  const event = query.get('event') ?? '';
  return { source: SOURCE_PATTERN.test(source) ? source : '', ref: REF_PATTERN.test(ref) ? ref : '', event: EVENT_PATTERN.test(event) ? event : '' };
}

const inputClass =
  'mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2.5 text-base text-ink shadow-sm ' +
  'focus:border-blue-700 aria-[invalid=true]:border-brand-700 aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-brand-700';

/**
 * Without JavaScript (or before hydration) the form posts the server action (`action={formAction}`).
 * Once hydrated, onSubmit sends it with fetch to the production server's fast path for signatures
 * (POST /api/v1/petitions/{slug}/signatures, `answer=json`) — no server action, no render per
 * signer — and shows the answer exactly as the action's state would be shown.
 */
export function SignForm({ slug, locale, variant, t, source, referrer, event }: Props) {
  const [actionState, formAction, actionPending] = useActionState(signAction, initialState);
  const [fetched, setFetched] = useState<SignFormState | null>(null);
  const [sending, setSending] = useState(false);
  const router = useRouter();
  const state = fetched ?? actionState;
  const pending = actionPending || sending;
  const summaryRef = useRef<HTMLDivElement>(null);
  const id = (name: string) => `${variant}-${name}`;
  const [attribution, setAttribution] = useState({ source: source ?? '', ref: referrer ?? '', event: event ?? '' });

  useEffect(() => {
    if (source || referrer || event) return;
    const fromUrl = attributionFromLocation();
    if (fromUrl.source || fromUrl.ref || fromUrl.event) setAttribution(fromUrl);
  }, [source, referrer, event]);

  useEffect(() => {
    if (state.attempt > 0) summaryRef.current?.focus();
  }, [state.attempt]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    const attempt = state.attempt + 1;
    let answer: ReturnType<typeof readSignAnswer>;
    try {
      const response = await fetch(`/api/v1/petitions/${encodeURIComponent(slug)}/signatures?locale=${locale}`, {
        method: 'POST',
        body: signRequestBody(new FormData(event.currentTarget)),
      });
      answer = readSignAnswer(response.status, await response.json().catch(() => null));
    } catch {
      answer = readSignAnswer(0, null);
    }
    if (answer.ok) {
      router.push(signedPath(slug, locale, variant, answer.code));
      return;
    }
    setFetched({ values: state.values, fields: answer.fields, formError: answer.formError, attempt });
    setSending(false);
  }

  const errorCount = Object.keys(state.fields).length;
  const values = state.values;

  function field(name: 'given_name' | 'family_name' | 'email' | 'postal_code', label: string, extra: Record<string, string>) {
    const error = state.fields[name];
    return (
      <div>
        <label htmlFor={id(name)} className="block text-sm font-semibold text-ink">
          {label}
        </label>
        <input
          id={id(name)}
          name={name}
          required
          defaultValue={values?.[name] ?? ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? id(`${name}-error`) : undefined}
          className={inputClass}
          {...extra}
        />
        {error ? (
          <p id={id(`${name}-error`)} className="mt-1 text-sm font-medium text-brand-700">
            {t.errors[error]}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={id('privacy')}>
      <div ref={summaryRef} tabIndex={-1} aria-live="assertive" className="outline-none">
        {errorCount > 0 ? (
          <p role="alert" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-sm font-semibold text-brand-800">
            {t.errorSummary}
          </p>
        ) : null}
        {state.formError ? (
          <p role="alert" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-sm font-semibold text-brand-800">
            {t[state.formError]}
          </p>
        ) : null}
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        {field('given_name', t.givenName, { autoComplete: 'given-name', maxLength: '100' })}
        {field('family_name', t.familyName, { autoComplete: 'family-name', maxLength: '100' })}
      </div>
      {field('email', t.email, { type: 'email', autoComplete: 'email', inputMode: 'email', maxLength: '254' })}
      {field('postal_code', t.postalCode, { autoComplete: 'postal-code', maxLength: '12' })}
      <div>
        <label htmlFor={id('comment')} className="block text-sm font-semibold text-ink">
          {t.comment}
        </label>
        <textarea
          id={id('comment')}
          name="comment"
          rows={variant === 'embed' ? 2 : 3}
          maxLength={2000}
          defaultValue={values?.comment ?? ''}
          aria-invalid={state.fields.comment ? true : undefined}
          aria-describedby={state.fields.comment ? id('comment-error') : undefined}
          className={inputClass}
        />
        {state.fields.comment ? (
          <p id={id('comment-error')} className="mt-1 text-sm font-medium text-brand-700">
            {t.errors[state.fields.comment]}
          </p>
        ) : null}
      </div>
      <div className="flex items-start gap-3">
        <input
          id={id('subscribe')}
          name="subscribe"
          type="checkbox"
          defaultChecked={values?.subscribe ?? false}
          className="mt-1 size-5 shrink-0 accent-brand-700"
        />
        <label htmlFor={id('subscribe')} className="text-sm text-ink">
          {t.subscribe}
        </label>
      </div>
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label htmlFor={id('website')}>{t.honeypot}</label>
        <input id={id('website')} name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      <input type="hidden" name="campaign" value={slug} />
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="variant" value={variant} />
      <input type="hidden" name="source" value={attribution.source} />
      <input type="hidden" name="ref" value={attribution.ref} />
      <input type="hidden" name="event" value={attribution.event} />
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-700 px-5 py-3.5 text-lg font-bold text-white shadow hover:bg-brand-800 disabled:opacity-70"
      >
        {pending ? t.submitting : t.submit}
      </button>
      <p id={id('privacy')} className="text-xs leading-snug text-muted">
        {t.privacy}
      </p>
    </form>
  );
}
