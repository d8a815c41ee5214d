'use client';

import { useActionState } from 'react';
import { Alert, Button, Field, Input, Select } from '@undersigned/ui';
import { inviteStaffAction } from '@/app/(staff)/staff/actions';
import type { ActionState } from '@/server/action-state';

export function InviteForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(inviteStaffAction, {});
  return (
    <form action={action} className="space-y-4">
      {state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-[1fr_1fr_10rem_auto] sm:items-end">
        <Field label="Email" htmlFor="invite-email" error={state.fields?.email}>
          <Input id="invite-email" name="email" type="email" required />
        </Field>
        <Field label="Name (optional)" htmlFor="invite-name">
          <Input id="invite-name" name="name" />
        </Field>
        <Field label="Role" htmlFor="invite-role">
          <Select id="invite-role" name="role" defaultValue="campaigner">
            <option value="viewer">Viewer</option>
            <option value="campaigner">Campaigner</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? 'Inviting…' : 'Send invite'}
        </Button>
      </div>
    </form>
  );
}
