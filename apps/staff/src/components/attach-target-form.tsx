'use client';

import { useActionState } from 'react';
import { Button, Select } from '@undersigned/ui';
import { attachTargetAction } from '@/app/(staff)/targets/actions';
import type { ActionState } from '@/server/action-state';

export function AttachTargetForm({ campaignId, options }: { campaignId: number; options: { id: number; label: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(attachTargetAction, {});
  return (
    <form action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="campaignId" value={campaignId} />
      <div className="min-w-64 flex-1">
        <label htmlFor="attach-target" className="block text-sm font-medium text-slate-800">
          Attach a target from the directory
        </label>
        <Select id="attach-target" name="targetId" className="mt-1.5" required defaultValue="">
          <option value="" disabled>
            Choose a target…
          </option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending || options.length === 0}>
        Attach
      </Button>
      {state.message ? (
        <p role="status" className={`w-full text-sm ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
