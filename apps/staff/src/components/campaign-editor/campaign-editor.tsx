'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { Alert, Button, Checkbox, Field, Input, Select, Textarea } from '@undersigned/ui';
import { checkSlugAction, saveCampaignAction } from '@/app/(staff)/campaigns/actions';
import type { CampaignPayload } from '@/server/campaign-payload';
import { LetterPreview } from './letter-preview';

type Locale = 'en' | 'es';
const LOCALES: { id: Locale; label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'es', label: 'Español' },
];

function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

export function CampaignEditor({
  campaignId,
  initial,
  slugLocked,
  targetNames,
  autosave = false,
}: {
  campaignId: number | null;
  initial: CampaignPayload;
  slugLocked: boolean;
  targetNames: string[];
  /** Save quietly a few seconds after each change (drafts only: live text changes need a click). */
  autosave?: boolean;
}) {
  const router = useRouter();
  const [value, setValue] = useState<CampaignPayload>(initial);
  const [dirty, setDirty] = useState(false);
  const [slugTouched, setSlugTouched] = useState(campaignId !== null);
  const [slugStatus, setSlugStatus] = useState<'ok' | 'taken' | 'invalid' | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [previewLocale, setPreviewLocale] = useState<Locale>(initial.defaultLocale);
  const [pending, startTransition] = useTransition();
  const saving = useRef(false);
  const [autosavedAt, setAutosavedAt] = useState<string | null>(null);

  // Warn before leaving with unsaved changes (tab close, reload, external links).
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (saving.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // Drafts autosave 4 s after the last change (only when the form is valid; errors show on Save).
  useEffect(() => {
    if (!autosave || !dirty || campaignId === null || pending) return;
    const handle = setTimeout(() => {
      saving.current = true;
      saveCampaignAction(campaignId, value)
        .then((result) => {
          if (result.ok) {
            setDirty(false);
            setErrors({});
            setAutosavedAt(new Date().toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }));
          }
        })
        .catch(() => undefined)
        .finally(() => {
          saving.current = false;
        });
    }, 4000);
    return () => clearTimeout(handle);
  }, [autosave, dirty, campaignId, value, pending]);

  // Debounced slug clash check.
  useEffect(() => {
    if (slugLocked || !value.slug) {
      setSlugStatus(null);
      return;
    }
    const handle = setTimeout(() => {
      checkSlugAction(value.slug, campaignId).then(setSlugStatus, () => setSlugStatus(null));
    }, 300);
    return () => clearTimeout(handle);
  }, [value.slug, campaignId, slugLocked]);

  function update(patch: Partial<CampaignPayload>) {
    setValue((v) => ({ ...v, ...patch }));
    setDirty(true);
    setMessage(null);
  }

  function updateText(locale: Locale, field: keyof CampaignPayload['translations']['en'], text: string) {
    setValue((v) => {
      const next = { ...v, translations: { ...v.translations, [locale]: { ...v.translations[locale], [field]: text } } };
      if (!slugTouched && locale === 'en' && field === 'title') next.slug = slugify(text);
      return next;
    });
    setDirty(true);
    setMessage(null);
  }

  function save() {
    startTransition(async () => {
      saving.current = true;
      try {
        const result = await saveCampaignAction(campaignId, value);
        if (result.ok) {
          setDirty(false);
          setErrors({});
          if (campaignId === null && result.id) {
            router.push(`/campaigns/${result.id}/targets?created=1`);
          } else {
            setMessage({ tone: 'success', text: 'Saved.' });
            router.refresh();
          }
        } else {
          setErrors(result.fields ?? {});
          setMessage({ tone: 'error', text: result.message ?? 'Could not save.' });
        }
      } finally {
        saving.current = false;
      }
    });
  }

  const preview = value.translations[previewLocale];
  const slugError =
    errors.slug ??
    (slugStatus === 'taken'
      ? 'Another campaign already uses this slug.'
      : slugStatus === 'invalid'
        ? 'Lowercase letters, digits and single hyphens only.'
        : null);
  const sources = useMemo(() => value.sources.map((s, i) => ({ ...s, position: i + 1 })), [value.sources]);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      className="space-y-8"
      noValidate
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}

      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="settings-heading">
        <h2 id="settings-heading" className="text-sm font-semibold text-slate-900">
          Settings
        </h2>
        <div className="mt-4 grid gap-5 sm:grid-cols-2 lg:grid-cols-4">
          <Field
            label="Slug"
            htmlFor="slug"
            className="sm:col-span-2"
            error={slugError}
            hint={
              slugLocked
                ? 'Locked: this campaign is live and its links are shared.'
                : slugStatus === 'ok'
                  ? '✓ Available'
                  : 'The public address: /petitions/your-slug'
            }
          >
            <Input
              id="slug"
              value={value.slug}
              disabled={slugLocked}
              invalid={Boolean(slugError)}
              onChange={(e) => {
                setSlugTouched(true);
                update({ slug: e.target.value.toLowerCase() });
              }}
              spellCheck={false}
              autoComplete="off"
            />
          </Field>
          <Field label="Goal" htmlFor="goal" error={errors.goal}>
            <Input
              id="goal"
              type="number"
              min={1}
              value={String(value.goal)}
              invalid={Boolean(errors.goal)}
              onChange={(e) => update({ goal: e.target.value })}
            />
          </Field>
          <Field label="Default language" htmlFor="defaultLocale">
            <Select id="defaultLocale" value={value.defaultLocale} onChange={(e) => update({ defaultLocale: e.target.value as Locale })}>
              <option value="en">English</option>
              <option value="es">Español</option>
            </Select>
          </Field>
          <Field label="Contact email (optional)" htmlFor="contactEmail" className="sm:col-span-2" error={errors.contactEmail}>
            <Input id="contactEmail" type="email" value={value.contactEmail ?? ''} onChange={(e) => update({ contactEmail: e.target.value })} />
          </Field>
          <fieldset className="space-y-3 sm:col-span-2">
            <legend className="text-sm font-medium text-slate-800">Options</legend>
            <Checkbox
              label="Require email confirmation"
              description="Signatures count only after the signer clicks the emailed link."
              checked={value.requireConfirmation}
              onChange={(e) => update({ requireConfirmation: e.target.checked })}
            />
            <Checkbox
              label="Show recent signers"
              description="First name, last initial and city only."
              checked={value.showRecentSigners}
              onChange={(e) => update({ showRecentSigners: e.target.checked })}
            />
            <Checkbox
              label="Include signer emails in deliveries"
              description="Off by default: officials get names and places only."
              checked={value.includeEmailsInDeliveries}
              onChange={(e) => update({ includeEmailsInDeliveries: e.target.checked })}
            />
          </fieldset>
        </div>
      </section>

      <section aria-labelledby="text-heading">
        <h2 id="text-heading" className="mb-3 text-sm font-semibold text-slate-900">
          Text <span className="font-normal text-slate-500">— English and Spanish side by side. Leave a language empty to not offer it.</span>
        </h2>
        <div className="grid gap-6 lg:grid-cols-2">
          {LOCALES.map(({ id, label }) => {
            const t = value.translations[id];
            const err = (f: string) => errors[`translations.${id}.${f}`];
            return (
              <div key={id} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm" lang={id}>
                <div className="flex items-center justify-between">
                  <h3 className="text-sm font-semibold text-slate-900">{label}</h3>
                  {value.defaultLocale === id ? <span className="text-xs text-slate-500">Default</span> : null}
                </div>
                <Field label="Title" htmlFor={`${id}-title`} error={err('title')}>
                  <Input
                    id={`${id}-title`}
                    value={t.title}
                    invalid={Boolean(err('title'))}
                    onChange={(e) => updateText(id, 'title', e.target.value)}
                  />
                </Field>
                <Field label="Summary (share cards)" htmlFor={`${id}-summary`} error={err('summary')}>
                  <Textarea id={`${id}-summary`} rows={2} value={t.summary ?? ''} onChange={(e) => updateText(id, 'summary', e.target.value)} />
                </Field>
                <Field label="The ask (petition text to the targets)" htmlFor={`${id}-ask`} error={err('ask')}>
                  <Textarea
                    id={`${id}-ask`}
                    rows={3}
                    value={t.ask}
                    invalid={Boolean(err('ask'))}
                    onChange={(e) => updateText(id, 'ask', e.target.value)}
                  />
                </Field>
                <Field
                  label="Letter (Markdown)"
                  htmlFor={`${id}-body`}
                  error={err('body')}
                  hint="**bold**, _italic_, - lists, [links](https://…), and [^1] to cite source 1."
                >
                  <Textarea
                    id={`${id}-body`}
                    rows={14}
                    className="font-mono text-[13px]"
                    value={t.body}
                    invalid={Boolean(err('body'))}
                    onChange={(e) => updateText(id, 'body', e.target.value)}
                  />
                </Field>
              </div>
            );
          })}
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" aria-labelledby="sources-heading">
        <div className="flex items-center justify-between">
          <h2 id="sources-heading" className="text-sm font-semibold text-slate-900">
            Sources <span className="font-normal text-slate-500">— cited in the letter as [^1], [^2]…</span>
          </h2>
          <Button variant="secondary" size="sm" onClick={() => update({ sources: [...value.sources, { citation: '', url: '' }] })}>
            Add source
          </Button>
        </div>
        {value.sources.length === 0 ? (
          <p className="mt-3 text-sm text-slate-500">No sources yet.</p>
        ) : (
          <ol className="mt-4 space-y-3">
            {value.sources.map((s, i) => (
              <li key={i} className="grid items-start gap-2 sm:grid-cols-[2rem_1fr_1fr_auto]">
                <span className="pt-2 text-sm font-medium text-slate-500">[{i + 1}]</span>
                <Field label={`Citation ${i + 1}`} htmlFor={`source-${i}-citation`} error={errors[`sources.${i}.citation`]}>
                  <Input
                    id={`source-${i}-citation`}
                    value={s.citation}
                    onChange={(e) => update({ sources: value.sources.map((x, j) => (j === i ? { ...x, citation: e.target.value } : x)) })}
                  />
                </Field>
                <Field label="Link" htmlFor={`source-${i}-url`} error={errors[`sources.${i}.url`]}>
                  <Input
                    id={`source-${i}-url`}
                    type="url"
                    value={s.url ?? ''}
                    onChange={(e) => update({ sources: value.sources.map((x, j) => (j === i ? { ...x, url: e.target.value } : x)) })}
                  />
                </Field>
                <div className="flex gap-1 pt-6">
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move source ${i + 1} up`}
                    disabled={i === 0}
                    onClick={() => {
                      const next = [...value.sources];
                      [next[i - 1], next[i]] = [next[i]!, next[i - 1]!];
                      update({ sources: next });
                    }}
                  >
                    ↑
                  </Button>
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Remove source ${i + 1}`}
                    onClick={() => update({ sources: value.sources.filter((_, j) => j !== i) })}
                  >
                    Remove
                  </Button>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
        <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 id="preview-heading" className="text-sm font-semibold text-slate-900">
            Live preview <span className="font-normal text-slate-500">— rendered exactly as the public page renders it</span>
          </h2>
          <div role="tablist" aria-label="Preview language" className="flex gap-1 rounded-md bg-slate-100 p-0.5">
            {LOCALES.map(({ id, label }) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={previewLocale === id}
                onClick={() => setPreviewLocale(id)}
                className={`rounded px-2.5 py-1 text-xs font-medium ${previewLocale === id ? 'bg-white shadow-sm' : 'text-slate-600'}`}
              >
                {label}
              </button>
            ))}
          </div>
        </div>
        <LetterPreview locale={previewLocale} title={preview.title} ask={preview.ask} body={preview.body} targets={targetNames} sources={sources} />
      </section>

      <div className="sticky bottom-0 -mx-4 flex items-center justify-end gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6">
        {dirty ? (
          <span className="text-sm text-amber-700">Unsaved changes{autosave ? ' — autosaving…' : ''}</span>
        ) : (
          <span className="text-sm text-slate-500">{autosavedAt ? `Draft autosaved at ${autosavedAt}` : 'All changes saved'}</span>
        )}
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : campaignId === null ? 'Create draft' : 'Save changes'}
        </Button>
      </div>
    </form>
  );
}
