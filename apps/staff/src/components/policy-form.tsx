'use client';

import { useActionState, useState } from 'react';
import { Button, Checkbox, Field, Input, Select } from '@undersigned/ui';
import { detachTargetAction, savePolicyAction } from '@/app/(staff)/targets/actions';
import type { ActionState } from '@/server/action-state';

export interface PolicyValue {
  milestones: number[];
  scheduleCadence: 'daily' | 'weekly' | null;
  scheduleTime: string | null;
  scheduleWeekday: number | null;
  constituentsOnly: boolean;
  manualEnabled: boolean;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function PolicyForm({
  campaignId,
  targetId,
  timeZone,
  initial,
  editable,
}: {
  campaignId: number;
  targetId: number;
  timeZone: string;
  initial: PolicyValue;
  editable: boolean;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(savePolicyAction, {});
  const [detachState, detach, detaching] = useActionState<ActionState, FormData>(detachTargetAction, {});
  const [cadence, setCadence] = useState<string>(initial.scheduleCadence ?? 'none');
  const e = state.fields ?? {};
  const p = `policy-${targetId}`;
  return (
    <div>
      <form action={action} className="space-y-4">
        <input type="hidden" name="campaignId" value={campaignId} />
        <input type="hidden" name="targetId" value={targetId} />
        <fieldset disabled={!editable} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field
            label="Milestones"
            htmlFor={`${p}-milestones`}
            error={e.milestones}
            className="sm:col-span-2"
            hint="Deliver when the total crosses each of these (the goal is added automatically)."
          >
            <Input id={`${p}-milestones`} name="milestones" defaultValue={initial.milestones.join(', ')} />
          </Field>
          <Field label="Digest" htmlFor={`${p}-cadence`}>
            <Select id={`${p}-cadence`} name="scheduleCadence" value={cadence} onChange={(ev) => setCadence(ev.target.value)}>
              <option value="none">No scheduled digest</option>
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
            </Select>
          </Field>
          <Field label={`Local time (${timeZone})`} htmlFor={`${p}-time`} error={e.scheduleTime}>
            <Input id={`${p}-time`} name="scheduleTime" type="time" defaultValue={initial.scheduleTime ?? '09:00'} disabled={cadence === 'none'} />
          </Field>
          {cadence === 'weekly' ? (
            <Field label="Weekday" htmlFor={`${p}-weekday`} error={e.scheduleWeekday}>
              <Select id={`${p}-weekday`} name="scheduleWeekday" defaultValue={String(initial.scheduleWeekday ?? 1)}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <div className="space-y-3 sm:col-span-2 lg:col-span-4">
            <Checkbox
              name="constituentsOnly"
              defaultChecked={initial.constituentsOnly}
              label="Constituents only"
              description="Count and deliver only signers whose postal code is in this target’s jurisdiction."
            />
            <Checkbox
              name="manualEnabled"
              defaultChecked={initial.manualEnabled}
              label="Allow “deliver now”"
              description="Staff can send a delivery by hand."
            />
          </div>
        </fieldset>
        {editable ? (
          <div className="flex flex-wrap items-center justify-end gap-3">
            {state.message ? (
              <span role="status" className={`text-sm ${state.ok ? 'text-emerald-700' : 'text-red-600'}`}>
                {state.message}
              </span>
            ) : null}
            <Button type="submit" size="sm" disabled={pending}>
              {pending ? 'Saving…' : 'Save policy'}
            </Button>
          </div>
        ) : null}
      </form>
      {editable ? (
        <form
          action={detach}
          className="mt-3 flex items-center justify-end gap-3 border-t border-slate-100 pt-3"
          onSubmit={(ev) => {
            if (!window.confirm('Detach this target from the campaign?')) ev.preventDefault();
          }}
        >
          <input type="hidden" name="campaignId" value={campaignId} />
          <input type="hidden" name="targetId" value={targetId} />
          {detachState.message && !detachState.ok ? <span className="text-sm text-red-600">{detachState.message}</span> : null}
          <Button type="submit" variant="ghost" size="sm" disabled={detaching}>
            Detach target
          </Button>
        </form>
      ) : null}
    </div>
  );
}
