'use client';

import { startTransition, useActionState, useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Field, Input } from '@undersigned/ui';
import { createCampaignEventAction } from '@/app/(staff)/campaigns/[id]/events/actions';
import type { ActionState } from '@/server/action-state';

/**
 * Create an event sign-up link: name, start and end (datetime-local, read in the organisation's
 * time zone by the server) and the expected number of signers. A field error keeps what was
 * typed; success clears the form and says so in a live region.
 */
export function CreateEventForm({
  campaignId,
  timeZone,
  defaults,
}: {
  campaignId: number;
  timeZone: string;
  defaults: { startsAt: string; endsAt: string };
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createCampaignEventAction, {});
  const [formKey, setFormKey] = useState(0);
  useEffect(() => {
    if (state.ok) setFormKey((k) => k + 1);
  }, [state]);

  // Submitting through a transition keeps what was typed when the answer is a field error.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  const e = state.fields ?? {};
  const described = (name: string) => (e[name] ? `event-${name}-error` : undefined);
  return (
    <div className="space-y-4">
      <div aria-live="polite">{state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}</div>
      <form key={formKey} action={action} onSubmit={submit} className="space-y-5" noValidate>
        <input type="hidden" name="campaignId" value={campaignId} />
        <div className="grid gap-5 sm:grid-cols-[minmax(0,1fr)_12rem]">
          <Field label="Event name" htmlFor="event-name" error={e.name} hint="Staff see it; signers do not. E.g. “St. Mary’s, Sunday after mass”.">
            <Input id="event-name" name="name" maxLength={120} required invalid={Boolean(e.name)} aria-describedby={described('name')} />
          </Field>
          <Field label="Expected signers" htmlFor="event-expectedSize" error={e.expectedSize} hint="About how many people will sign.">
            <Input
              id="event-expectedSize"
              name="expectedSize"
              type="number"
              inputMode="numeric"
              min={1}
              max={100_000}
              required
              invalid={Boolean(e.expectedSize)}
              aria-describedby={described('expectedSize')}
            />
          </Field>
        </div>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field label={`Starts (${timeZone})`} htmlFor="event-startsAt" error={e.startsAt}>
            <Input
              id="event-startsAt"
              name="startsAt"
              type="datetime-local"
              required
              defaultValue={defaults.startsAt}
              invalid={Boolean(e.startsAt)}
              aria-describedby={described('startsAt')}
            />
          </Field>
          <Field label={`Ends (${timeZone})`} htmlFor="event-endsAt" error={e.endsAt} hint="At most 14 days after the start.">
            <Input
              id="event-endsAt"
              name="endsAt"
              type="datetime-local"
              required
              defaultValue={defaults.endsAt}
              invalid={Boolean(e.endsAt)}
              aria-describedby={described('endsAt')}
            />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create event link'}
        </Button>
      </form>
    </div>
  );
}
