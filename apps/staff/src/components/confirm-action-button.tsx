'use client';

import { useActionState, useEffect, useId, useRef } from 'react';
import { Button } from '@undersigned/ui';
import type { ActionState } from '@/server/action-state';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

/**
 * A button whose server action runs only after a confirmation dialog (a native <dialog>: focus
 * moves into it, Escape closes it), or at once without `confirm`. The answer shows beside the
 * button in a live region.
 */
export function ConfirmActionButton({
  action,
  fields,
  label,
  pendingLabel,
  variant = 'secondary',
  size = 'sm',
  confirm,
  confirmVariant,
  onDone,
}: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel?: string;
  variant?: Variant;
  size?: 'sm' | 'md';
  confirm?: { title: string; body: string; yes: string };
  /** The dialog's confirming button (default: danger for a danger button, else primary): a quiet button can still confirm in red. */
  confirmVariant?: 'primary' | 'danger';
  onDone?: (state: ActionState) => void;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, {});
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    if (state.message) {
      dialog.current?.close();
      onDone?.(state);
    }
  }, [state, onDone]);
  const hidden = Object.entries(fields).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />);
  const message = state.message ? (
    <p role="status" className={`text-xs ${state.ok ? 'text-emerald-700' : 'text-red-700'}`}>
      {state.message}
    </p>
  ) : null;
  if (!confirm) {
    return (
      <form action={formAction} className="flex flex-col items-start gap-1">
        {hidden}
        <Button type="submit" variant={variant} size={size} disabled={pending}>
          {pending ? (pendingLabel ?? 'Working…') : label}
        </Button>
        {message}
      </form>
    );
  }
  return (
    <div className="flex flex-col items-start gap-1">
      <Button variant={variant} size={size} onClick={() => dialog.current?.showModal()}>
        {label}
      </Button>
      {message}
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <form action={formAction} className="space-y-4 p-6">
          {hidden}
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {confirm.title}
          </h2>
          <p className="text-sm text-slate-600">{confirm.body}</p>
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Go back
            </Button>
            <Button type="submit" variant={confirmVariant ?? (variant === 'danger' ? 'danger' : 'primary')} disabled={pending}>
              {pending ? (pendingLabel ?? 'Working…') : confirm.yes}
            </Button>
          </div>
        </form>
      </dialog>
    </div>
  );
}
