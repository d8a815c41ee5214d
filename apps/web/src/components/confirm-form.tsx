'use client';

import { useActionState, useEffect, useRef } from 'react';
import type { Dictionary } from '@/i18n/en';
import { confirmAction, type ConfirmFormState } from '@/server/confirm-action';

const initialState: ConfirmFormState = { result: 'idle' };

export function ConfirmForm({ token, t, unavailable }: { token: string; t: Dictionary['confirm']; unavailable: string }) {
  const [state, formAction, pending] = useActionState(confirmAction, initialState);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (state.result !== 'idle') headingRef.current?.focus();
  }, [state.result]);

  if (state.result === 'confirmed') {
    return (
      <div data-testid="confirm-done">
        <h1 ref={headingRef} tabIndex={-1} className="text-3xl font-extrabold tracking-tight outline-none">
          {t.doneTitle}
        </h1>
        <p className="mt-4 text-lg">{t.doneBody}</p>
      </div>
    );
  }
  if (state.result === 'invalid' || state.result === 'closed') {
    return (
      <div role="alert">
        <h1 ref={headingRef} tabIndex={-1} className="text-3xl font-extrabold tracking-tight outline-none">
          {t.invalidTitle}
        </h1>
        <p className="mt-4 text-lg">{state.result === 'closed' ? t.closedBody : t.invalidBody}</p>
      </div>
    );
  }
  return (
    <form action={formAction}>
      <h1 ref={headingRef} tabIndex={-1} className="text-3xl font-extrabold tracking-tight outline-none">
        {t.title}
      </h1>
      <p className="mt-4 text-lg">{t.body}</p>
      {state.result === 'unavailable' ? (
        <p role="alert" className="mt-4 font-semibold text-brand-700">
          {unavailable}
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <button
        type="submit"
        disabled={pending}
        className="mt-6 rounded-md bg-brand-700 px-6 py-3.5 text-lg font-bold text-white shadow hover:bg-brand-800 disabled:opacity-70"
      >
        {t.button}
      </button>
    </form>
  );
}
