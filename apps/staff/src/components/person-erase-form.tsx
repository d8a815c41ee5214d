'use client';

import { useActionState } from 'react';
import { Button } from '@undersigned/ui';
import { erasePersonAction } from '@/app/(staff)/people/actions';
import type { ActionState } from '@/server/action-state';

export function PersonEraseForm({ personId, name }: { personId: number; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(erasePersonAction, {});
  return (
    <form
      action={action}
      className="flex items-center gap-2"
      onSubmit={(e) => {
        if (!window.confirm(`Erase ${name} and all their signatures? This cannot be undone.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="personId" value={personId} />
      <label htmlFor={`reason-${personId}`} className="sr-only">
        Reason
      </label>
      <input
        id={`reason-${personId}`}
        name="reason"
        placeholder="Reason (e.g. request of 26 Nov)"
        className="w-56 rounded-md px-2.5 py-1.5 text-xs ring-1 ring-slate-300 ring-inset"
      />
      <Button type="submit" size="sm" variant="danger" disabled={pending}>
        Erase person
      </Button>
      {state.message && !state.ok ? <span className="text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
