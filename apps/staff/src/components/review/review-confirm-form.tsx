'use client';

import { useActionState } from 'react';
import { Alert, Button } from '@undersigned/ui';
import { applyReviewAction } from '@/app/(staff)/review/actions';
import type { ActionState } from '@/server/action-state';

/** The Confirm step of a previewed review decision: the selection and the previewed count go back to the server. */
export function ReviewConfirmForm({
  fields,
  decision,
  expected,
  label,
}: {
  fields: [string, string][];
  decision: 'approve' | 'reject';
  expected: number;
  label: string;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(applyReviewAction, {});
  return (
    <form action={action} className="space-y-3">
      {fields.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name="decision" value={decision} />
      <input type="hidden" name="expected" value={expected} />
      {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <Button type="submit" variant={decision === 'approve' ? 'primary' : 'danger'} disabled={pending || expected === 0}>
        {pending ? 'Working…' : label}
      </Button>
    </form>
  );
}
