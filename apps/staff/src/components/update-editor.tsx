'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { Alert, Button, Field, Input, Textarea } from '@undersigned/ui';
import { previewUpdateAction, saveUpdateAction, type PreviewAnswer } from '@/app/(staff)/campaigns/[id]/updates/actions';
import type { ActionState } from '@/server/action-state';

export interface UpdateEditorValue {
  subjectEn: string;
  bodyEn: string;
  subjectEs: string;
  bodyEs: string;
}

const LANGS = [
  { id: 'en', suffix: 'En', label: 'English' },
  { id: 'es', suffix: 'Es', label: 'Español' },
] as const;

/**
 * Writes an update: subject and body (Markdown) in English and Spanish side by side, each with a
 * live preview of the email exactly as recipients get it (rendered on the server by the worker's
 * own function, a moment after typing stops). Save draft creates or saves the draft; nothing is
 * sent from here.
 */
export function UpdateEditor({
  campaignId,
  updateId,
  responseId,
  initial,
  initialPreview = {},
  languages,
}: {
  campaignId: number;
  updateId: string | null;
  responseId: number | null;
  initial: UpdateEditorValue;
  /** The saved text's previews (server-rendered), shown until the live preview answers. */
  initialPreview?: PreviewAnswer['previews'];
  /** The languages the campaign is written in (its signers' languages). */
  languages: ('en' | 'es')[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveUpdateAction, {});
  const [value, setValue] = useState(initial);
  const [dirty, setDirty] = useState(false);
  const [preview, setPreview] = useState<PreviewAnswer['previews']>(initialPreview);
  const [previewState, setPreviewState] = useState<'idle' | 'loading' | 'error'>('idle');
  const submitting = useRef(false);

  useEffect(() => {
    if (state.ok) setDirty(false);
  }, [state]);

  // Warn before leaving with unsaved text.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (submitting.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  // The live preview, 400 ms after the last keystroke.
  useEffect(() => {
    let stale = false;
    const handle = setTimeout(() => {
      setPreviewState('loading');
      previewUpdateAction(campaignId, value)
        .then((answer) => {
          if (stale) return;
          if (answer.ok) {
            setPreview(answer.previews ?? {});
            setPreviewState('idle');
          } else setPreviewState('error');
        })
        .catch(() => {
          if (!stale) setPreviewState('error');
        });
    }, 400);
    return () => {
      stale = true;
      clearTimeout(handle);
    };
  }, [campaignId, value]);

  const err = (f: string) => state.fields?.[f];
  return (
    <form
      action={action}
      onSubmit={() => {
        submitting.current = true;
      }}
      className="space-y-5"
      noValidate
    >
      <input type="hidden" name="campaignId" value={campaignId} />
      {updateId ? <input type="hidden" name="updateId" value={updateId} /> : null}
      {responseId ? <input type="hidden" name="responseId" value={responseId} /> : null}
      {state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        {LANGS.map(({ id, suffix, label }) => {
          const subject = `subject${suffix}` as const;
          const body = `body${suffix}` as const;
          const email = preview?.[id];
          const offered = languages.includes(id);
          return (
            <section
              key={id}
              aria-labelledby={`update-${id}-heading`}
              className="min-w-0 space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`update-${id}-heading`} className="text-sm font-semibold text-slate-900">
                  {label}
                </h2>
                <span className="text-xs text-slate-500">
                  {offered ? 'Leave empty to send the other language to these signers.' : 'The campaign has no text in this language.'}
                </span>
              </div>
              <div lang={id} className="space-y-4">
                <Field label="Subject" htmlFor={`update-${subject}`} error={err(subject)}>
                  <Input
                    id={`update-${subject}`}
                    name={subject}
                    value={value[subject]}
                    maxLength={200}
                    invalid={Boolean(err(subject))}
                    onChange={(e) => {
                      setValue((v) => ({ ...v, [subject]: e.target.value }));
                      setDirty(true);
                    }}
                  />
                </Field>
                <Field
                  label="Body (Markdown)"
                  htmlFor={`update-${body}`}
                  error={err(body)}
                  hint="**bold**, _italic_, - lists, [links](https://…), > quotes."
                >
                  <Textarea
                    id={`update-${body}`}
                    name={body}
                    rows={12}
                    className="font-mono text-[13px]"
                    value={value[body]}
                    invalid={Boolean(err(body))}
                    onChange={(e) => {
                      setValue((v) => ({ ...v, [body]: e.target.value }));
                      setDirty(true);
                    }}
                  />
                </Field>
              </div>
              <div>
                <p className="text-xs font-medium text-slate-600">
                  Preview — exactly as sent{previewState === 'loading' ? <span className="text-slate-600"> · updating…</span> : null}
                  {previewState === 'error' ? <span className="text-red-700"> · could not render the preview</span> : null}
                </p>
                {email ? (
                  <>
                    <p className="mt-1 truncate text-sm">
                      <span className="text-slate-500">Subject:</span> <span className="font-medium">{email.subject}</span>
                    </p>
                    <iframe
                      title={`Email preview, ${label}`}
                      sandbox=""
                      srcDoc={email.html}
                      className="mt-2 h-[600px] w-full rounded-md border border-slate-200 bg-white"
                    />
                  </>
                ) : (
                  <p className="mt-2 rounded-md border border-dashed border-slate-300 px-3 py-6 text-center text-sm text-slate-500">
                    Write a subject and a body to see this language’s email.
                  </p>
                )}
              </div>
            </section>
          );
        })}
      </div>
      <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:-mx-6 sm:px-6">
        <span className={`text-sm ${dirty ? 'text-amber-800' : 'text-slate-600'}`} role="status">
          {dirty ? 'Unsaved changes' : updateId ? 'All changes saved' : 'Not saved yet'}
        </span>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save draft'}
        </Button>
      </div>
    </form>
  );
}
