'use client';

import { useActionState } from 'react';
import { Alert, Button, Field, Input, Textarea } from '@undersigned/ui';
import { saveTargetAction } from '@/app/(staff)/targets/actions';
import type { ActionState } from '@/server/action-state';

export interface TargetFormValue {
  id?: number;
  title: string;
  givenName: string;
  familyName: string;
  organization: string;
  email: string;
  ocdDivisionId: string;
  postalCodes: string;
  timeZone: string;
}

export function TargetForm({ initial, returnTo, submitLabel }: { initial: TargetFormValue; returnTo?: string; submitLabel: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveTargetAction, {});
  const e = state.fields ?? {};
  return (
    <form action={action} className="space-y-5">
      {initial.id ? <input type="hidden" name="id" value={initial.id} /> : null}
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Title or office" htmlFor="title" error={e.title} hint="e.g. Mayor, Councilmember, Board of Supervisors">
          <Input id="title" name="title" defaultValue={initial.title} required invalid={Boolean(e.title)} />
        </Field>
        <Field label="Organization" htmlFor="organization" error={e.organization} hint="e.g. City of San José">
          <Input id="organization" name="organization" defaultValue={initial.organization} />
        </Field>
        <Field label="Given name" htmlFor="givenName" error={e.givenName}>
          <Input id="givenName" name="givenName" defaultValue={initial.givenName} />
        </Field>
        <Field label="Family name" htmlFor="familyName" error={e.familyName}>
          <Input id="familyName" name="familyName" defaultValue={initial.familyName} />
        </Field>
        <Field label="Email (deliveries go here)" htmlFor="email" error={e.email}>
          <Input id="email" name="email" type="email" defaultValue={initial.email} invalid={Boolean(e.email)} />
        </Field>
        <Field label="Time zone" htmlFor="timeZone" error={e.timeZone} hint="For scheduled digests, e.g. America/Los_Angeles">
          <Input id="timeZone" name="timeZone" defaultValue={initial.timeZone} />
        </Field>
        <Field
          label="OCD division id"
          htmlFor="ocdDivisionId"
          error={e.ocdDivisionId}
          className="sm:col-span-2"
          hint="ocd-division/country:us/state:ca/place:san_jose"
        >
          <Input id="ocdDivisionId" name="ocdDivisionId" defaultValue={initial.ocdDivisionId} className="font-mono text-[13px]" spellCheck={false} />
        </Field>
        <Field
          label="Jurisdiction postal codes"
          htmlFor="postalCodes"
          error={e.postalCodes}
          className="sm:col-span-2"
          hint="Separated by commas or spaces. Used by the constituents-only delivery filter."
        >
          <Textarea id="postalCodes" name="postalCodes" rows={3} defaultValue={initial.postalCodes} className="font-mono text-[13px]" />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
