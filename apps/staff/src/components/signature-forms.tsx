'use client';

import { useActionState } from 'react';
import { Alert, Button, Select } from '@undersigned/ui';
import { eraseAction, moderateAction } from '@/app/(staff)/campaigns/[id]/signatures/actions';
import type { ActionState } from '@/server/action-state';

export const SELECTED_ROWS_FORM = 'selected-rows';

/** Marks the ticked rows (checkboxes name="ids" form="selected-rows") with the chosen status. */
export function SelectedRowsForm({ campaignId }: { campaignId: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(moderateAction, {});
  return (
    <form
      id={SELECTED_ROWS_FORM}
      action={action}
      onSubmit={(e) => {
        const n = new FormData(e.currentTarget).getAll('ids').length;
        if (n === 0) {
          e.preventDefault();
          window.alert('Tick the signatures to mark first.');
          return;
        }
        if (!window.confirm(`Mark ${n} signature${n === 1 ? '' : 's'}? Counted ones leave the total.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="campaignId" value={campaignId} />
      {state.message && !state.ok ? (
        <div className="mb-3">
          <Alert tone="error">{state.message}</Alert>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <label htmlFor="selected-status" className="text-sm text-slate-600">
          Mark ticked rows as
        </label>
        <div className="w-40">
          <Select id="selected-status" name="status" defaultValue="invalidated">
            <option value="invalidated">Invalid</option>
            <option value="fraudulent">Fraudulent</option>
          </Select>
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          Apply
        </Button>
      </div>
    </form>
  );
}

/** Applies a previewed bulk selection, guarded by the previewed count. */
export function ApplyBulkForm({ hidden, matching }: { hidden: Record<string, string>; matching: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(moderateAction, {});
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name="expected" value={matching} />
      <Button type="submit" name="status" value="fraudulent" variant="danger" disabled={pending || matching === 0}>
        Mark {matching} fraudulent
      </Button>
      <Button type="submit" name="status" value="invalidated" variant="secondary" disabled={pending || matching === 0}>
        Mark {matching} invalid
      </Button>
      {state.message && !state.ok ? (
        <p role="alert" className="w-full text-sm text-red-600">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

export function EraseButton({ campaignId, personId, name }: { campaignId: number; personId: number; name: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(eraseAction, {});
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (!window.confirm(`Erase ${name}? This deletes the person and ALL their signatures on every campaign. It cannot be undone.`))
          e.preventDefault();
      }}
    >
      <input type="hidden" name="campaignId" value={campaignId} />
      <input type="hidden" name="personId" value={personId} />
      <button type="submit" disabled={pending} className="text-xs font-medium text-red-600 hover:text-red-500 disabled:opacity-50">
        Erase
      </button>
      {state.message && !state.ok ? <span className="block text-xs text-red-600">{state.message}</span> : null}
    </form>
  );
}
