'use client';

import { useActionState } from 'react';
import { Button, Field, Input } from '@undersigned/ui';
import { setUpdateCapAction } from '@/app/(staff)/campaigns/[id]/updates/actions';
import type { ActionState } from '@/server/action-state';

/** Admins: the campaign's cap on updates (sends started per number of days). */
export function UpdateCapForm({ campaignId, count, days }: { campaignId: number; count: number; days: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setUpdateCapAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" noValidate>
      <input type="hidden" name="campaignId" value={campaignId} />
      <Field label="Updates" htmlFor="cap-count" error={state.fields?.count} className="w-24">
        <Input id="cap-count" name="count" type="number" min={0} max={100} defaultValue={count} required />
      </Field>
      <Field label="per days" htmlFor="cap-days" error={state.fields?.days} className="w-24">
        <Input id="cap-days" name="days" type="number" min={1} max={365} defaultValue={days} required />
      </Field>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Saving…' : 'Save cap'}
      </Button>
      {state.message ? (
        <p role="status" className={`basis-full text-xs ${state.ok ? 'text-emerald-700' : 'text-red-700'}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
