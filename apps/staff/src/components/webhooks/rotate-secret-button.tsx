'use client';

import { useActionState, useEffect, useId, useRef } from 'react';
import { Alert, Button } from '@undersigned/ui';
import { rotateWebhookSecretAction } from '@/app/(staff)/integrations/webhooks/actions';
import { SecretOnce } from './secret-once';
import type { WebhookSecretState } from './webhook-secret-state';

/**
 * "Rotate secret": a dialog asks whether the old secret keeps signing for 24 hours (switch the
 * receiver without losing events) or stops now (it leaked); the new secret then shows once here.
 */
export function RotateSecretButton({ endpointId }: { endpointId: string }) {
  const [state, action, pending] = useActionState<WebhookSecretState, FormData>(rotateWebhookSecretAction, {});
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (state.message) dialog.current?.close();
  }, [state]);
  // Two flex items of the actions row: the button stays in place, the new secret takes a row of its own at the end.
  return (
    <>
      <div className="flex flex-col items-start gap-1">
        <Button variant="secondary" size="sm" onClick={() => dialog.current?.showModal()}>
          Rotate secret
        </Button>
        <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
          <form action={action} className="space-y-4 p-6">
            <input type="hidden" name="endpointId" value={endpointId} />
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              Rotate the signing secret?
            </h2>
            <p className="text-sm text-slate-600">A new secret is created and shown once. What happens to the old one?</p>
            <fieldset className="space-y-2 text-sm">
              <legend className="sr-only">The old secret</legend>
              <label className="flex items-start gap-3">
                <input type="radio" name="keep" value="24" defaultChecked className="mt-0.5 size-4 accent-indigo-600" />
                <span>
                  <span className="font-medium text-slate-800">Keep it working for 24 hours</span>
                  <span className="block text-slate-600">
                    Requests carry both signatures meanwhile, so the receiver can switch without losing events.
                  </span>
                </span>
              </label>
              <label className="flex items-start gap-3">
                <input type="radio" name="keep" value="0" className="mt-0.5 size-4 accent-indigo-600" />
                <span>
                  <span className="font-medium text-slate-800">Stop it now</span>
                  <span className="block text-slate-600">If it leaked. Requests fail verification until the receiver has the new one.</span>
                </span>
              </label>
            </fieldset>
            <div className="flex justify-end gap-2 pt-2">
              <Button variant="secondary" onClick={() => dialog.current?.close()}>
                Go back
              </Button>
              <Button type="submit" disabled={pending}>
                {pending ? 'Rotating…' : 'Create new secret'}
              </Button>
            </div>
          </form>
        </dialog>
        {state.message && !state.ok ? (
          <p role="status" className="text-xs text-red-700">
            {state.message}
          </p>
        ) : null}
      </div>
      {state.ok && state.secret ? (
        <div className="order-last basis-full space-y-2">
          <Alert tone="success">{state.message}</Alert>
          <SecretOnce secret={state.secret} title="New signing secret" />
        </div>
      ) : null}
    </>
  );
}
