'use client';

import { useActionState, useState } from 'react';
import { Alert, Button, Field, Input, Select, Textarea, renderCampaignMarkdown } from '@undersigned/ui';
import { saveResponseAction } from '@/app/(staff)/campaigns/[id]/responses/actions';
import type { ActionState } from '@/server/action-state';

export interface ResponseFormValue {
  responseId: number | null;
  targetId: string;
  respondedOn: string;
  stance: string;
  textEn: string;
  textEs: string;
  url: string;
}

const LANGS = [
  { id: 'en', field: 'textEn', label: 'English', source: 'source' },
  { id: 'es', field: 'textEs', label: 'Español', source: 'fuente' },
] as const;

/**
 * Record (or edit) a target's response: date, target (one of the campaign's), stance, the text in
 * English and Spanish side by side with a live preview rendered as the public page renders it,
 * and an optional link. Validation happens in core; its field errors show here.
 */
export function ResponseForm({
  campaignId,
  targets,
  initial,
  cancelHref,
}: {
  campaignId: number;
  targets: { id: number; name: string }[];
  initial: ResponseFormValue;
  cancelHref?: string;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveResponseAction, {});
  const [text, setText] = useState({ textEn: initial.textEn, textEs: initial.textEs });
  const err = (f: string) => state.fields?.[f];
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="campaignId" value={campaignId} />
      {initial.responseId ? <input type="hidden" name="responseId" value={initial.responseId} /> : null}
      {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Target" htmlFor="response-target" error={err('targetId')}>
          <Select id="response-target" name="targetId" defaultValue={initial.targetId} required aria-invalid={Boolean(err('targetId')) || undefined}>
            {targets.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Date of the response" htmlFor="response-date" error={err('respondedOn')}>
          <Input
            id="response-date"
            name="respondedOn"
            type="date"
            defaultValue={initial.respondedOn}
            required
            invalid={Boolean(err('respondedOn'))}
          />
        </Field>
        <Field label="Stance" htmlFor="response-stance" error={err('stance')}>
          <Select id="response-stance" name="stance" defaultValue={initial.stance} required>
            <option value="supports">Supports the ask</option>
            <option value="opposes">Opposes the ask</option>
            <option value="no_commitment">No commitment</option>
          </Select>
        </Field>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        {LANGS.map((l) => (
          <div key={l.id} className="space-y-3 rounded-lg border border-slate-200 p-4" lang={l.id}>
            <Field
              label={`Response in ${l.label} (Markdown)`}
              htmlFor={`response-${l.id}`}
              error={err(l.field)}
              hint="What they said, quoted or summarised. At least one language."
            >
              <Textarea
                id={`response-${l.id}`}
                name={l.field}
                rows={6}
                className="font-mono text-[13px]"
                value={text[l.field]}
                invalid={Boolean(err(l.field))}
                onChange={(e) => setText((t) => ({ ...t, [l.field]: e.target.value }))}
              />
            </Field>
            <div>
              <p className="text-xs font-medium text-slate-500" id={`response-${l.id}-preview-label`}>
                Preview ({l.label}), as on the public page
              </p>
              <div
                aria-labelledby={`response-${l.id}-preview-label`}
                role="region"
                className="prose-letter mt-1 min-h-12 rounded-md bg-stone-50 px-3 py-2 text-sm"
                dangerouslySetInnerHTML={{
                  __html: text[l.field].trim() ? renderCampaignMarkdown(text[l.field], l.source) : '<p class="text-slate-600">Nothing yet.</p>',
                }}
              />
            </div>
          </div>
        ))}
      </div>
      <Field
        label="Link to the response (optional)"
        htmlFor="response-url"
        error={err('url')}
        hint="A letter, a statement, a video: a full https:// link."
      >
        <Input id="response-url" name="url" type="url" defaultValue={initial.url} invalid={Boolean(err('url'))} placeholder="https://" />
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : initial.responseId ? 'Save changes' : 'Record response'}
        </Button>
        {cancelHref ? (
          <a href={cancelHref} className="text-sm text-slate-600 hover:text-slate-900">
            Cancel
          </a>
        ) : null}
      </div>
    </form>
  );
}
