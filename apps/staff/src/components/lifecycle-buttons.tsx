'use client';

import { useActionState, useRef } from 'react';
import { Alert, Button, Field, Textarea } from '@undersigned/ui';
import { lifecycleAction } from '@/app/(staff)/campaigns/actions';
import type { ActionState } from '@/server/action-state';

type Action = 'publish' | 'close' | 'victory' | 'reopen';

const COPY: Record<Action, { label: string; title: string; body: string; variant: 'primary' | 'secondary' | 'danger' }> = {
  publish: {
    label: 'Publish',
    title: 'Publish this campaign?',
    body: 'It goes live on the public site and starts taking signatures. Its slug is then locked.',
    variant: 'primary',
  },
  close: {
    label: 'Close',
    title: 'Close this campaign?',
    body: 'The page stays up but stops taking signatures.',
    variant: 'secondary',
  },
  victory: {
    label: 'Mark victory',
    title: 'Mark this campaign as won?',
    body: 'The page celebrates the win and stops taking signatures. Tell supporters what happened.',
    variant: 'secondary',
  },
  reopen: {
    label: 'Reopen',
    title: 'Reopen this campaign?',
    body: 'It starts taking signatures again.',
    variant: 'secondary',
  },
};

function LifecycleButton({ campaignId, action, locales }: { campaignId: number; action: Action; locales: ('en' | 'es')[] }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState<ActionState, FormData>(lifecycleAction, {});
  const copy = COPY[action];
  return (
    <>
      <Button variant={copy.variant} onClick={() => dialog.current?.showModal()}>
        {copy.label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`dialog-${action}-title`}
        className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form action={formAction} className="space-y-4 p-6">
          <input type="hidden" name="campaignId" value={campaignId} />
          <input type="hidden" name="action" value={action} />
          <h2 id={`dialog-${action}-title`} className="text-base font-semibold text-slate-900">
            {copy.title}
          </h2>
          <p className="text-sm text-slate-600">{copy.body}</p>
          {action === 'victory'
            ? locales.map((l) => (
                <Field key={l} label={l === 'en' ? 'Victory message (English)' : 'Mensaje de victoria (español)'} htmlFor={`victory-${l}`}>
                  <Textarea id={`victory-${l}`} name={l === 'en' ? 'victoryEn' : 'victoryEs'} rows={3} />
                </Field>
              ))
            : null}
          {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant={action === 'publish' ? 'primary' : 'primary'} disabled={pending}>
              {pending ? 'Working…' : `Yes, ${copy.label.toLowerCase()}`}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}

export function LifecycleButtons({ campaignId, actions, locales }: { campaignId: number; actions: Action[]; locales: ('en' | 'es')[] }) {
  return (
    <>
      {actions.map((a) => (
        <LifecycleButton key={a} campaignId={campaignId} action={a} locales={locales} />
      ))}
    </>
  );
}
