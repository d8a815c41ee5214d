'use client';

import { useActionState, useId, useRef, useState } from 'react';
import { Button } from '@undersigned/ui';
import { rotateApiKeyAction } from '@/app/(staff)/integrations/api-keys/actions';
import type { ActionState } from '@/server/action-state';
import { SecretPanel } from './secret-panel';

const radio = 'mt-0.5 size-4 border-slate-300 accent-indigo-600';

/**
 * Rotate a key: a dialog asks when the current secret stops working (now, or in 24 hours), then
 * shows the new secret once, in the same dialog.
 */
export function RotateApiKeyButton({ keyId, name, exampleUrl }: { keyId: string; name: string; exampleUrl: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(rotateApiKeyAction, {});
  const [dismissed, setDismissed] = useState<string | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const secret = state.secret && state.secret !== dismissed ? state.secret : null;
  const close = () => dialog.current?.close();
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => dialog.current?.showModal()}>
        Rotate
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={secret ? undefined : titleId}
        aria-label={secret ? `New secret for ${name}` : undefined}
        onClose={() => {
          // Once closed, the secret is gone for good.
          if (state.secret) setDismissed(state.secret);
        }}
        className="m-auto w-full max-w-lg rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        {secret ? (
          <div className="p-4 sm:p-6">
            <SecretPanel secret={secret} heading={`New secret for “${name}”`} exampleUrl={exampleUrl} onDone={close} />
            <p className="mt-3 text-sm text-slate-600">{state.message}</p>
          </div>
        ) : (
          <form action={action} className="space-y-4 p-6">
            <input type="hidden" name="keyId" value={keyId} />
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              Rotate “{name}”
            </h2>
            <p className="text-sm text-slate-600">A new secret replaces the current one. The key keeps its name, scope and campaigns.</p>
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">When should the current secret stop working?</legend>
              <div className="mt-2 space-y-2">
                <label className="flex items-start gap-3 text-sm">
                  <input type="radio" name="keepPreviousHours" value="24" defaultChecked className={radio} />
                  <span>
                    <span className="font-medium text-slate-800">In 24 hours</span>
                    <span className="block text-slate-600">Both secrets work meanwhile: time to put the new one in your CRM.</span>
                  </span>
                </label>
                <label className="flex items-start gap-3 text-sm">
                  <input type="radio" name="keepPreviousHours" value="0" className={radio} />
                  <span>
                    <span className="font-medium text-slate-800">Now</span>
                    <span className="block text-slate-600">If the secret may have leaked: requests with it are refused from the next one.</span>
                  </span>
                </label>
              </div>
            </fieldset>
            {state.message && !state.ok ? (
              <p role="alert" className="text-sm text-red-700">
                {state.message}
              </p>
            ) : null}
            <div className="flex justify-end gap-2 pt-2">
              <Button variant="secondary" onClick={close}>
                Go back
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? 'Rotating…' : 'Rotate key'}
              </Button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
