'use client';

import { useActionState, useEffect, useState } from 'react';
import { Alert, Button, Field, Input, Select, Textarea } from '@undersigned/ui';
import { addAbuseListEntryAction } from '@/app/(staff)/review/lists/actions';
import type { ActionState } from '@/server/action-state';

/** Adds an IP hash or an email domain to the block or allow list; a value on the other list moves. */
export function AbuseListForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addAbuseListEntryAction, {});
  // Controlled fields: React resets a form after its action, and a refused value must stay to be corrected.
  const [kind, setKind] = useState<'ip_hash' | 'email_domain'>('email_domain');
  const [mode, setMode] = useState<'block' | 'allow'>('block');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    if (state.ok) {
      setValue('');
      setNote('');
    }
  }, [state]);
  const valueError = state.fields?.value;
  return (
    <form action={action} className="space-y-4">
      {state.message ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[12rem_10rem_1fr]">
        <Field label="Kind" htmlFor="list-kind">
          <Select id="list-kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as 'ip_hash' | 'email_domain')}>
            <option value="email_domain">Email domain</option>
            <option value="ip_hash">IP hash</option>
          </Select>
        </Field>
        <Field label="List" htmlFor="list-mode">
          <Select id="list-mode" name="mode" value={mode} onChange={(e) => setMode(e.target.value as 'block' | 'allow')}>
            <option value="block">Block</option>
            <option value="allow">Allow</option>
          </Select>
        </Field>
        <Field
          label={kind === 'ip_hash' ? 'IP hash' : 'Email domain'}
          htmlFor="list-value"
          error={valueError}
          hint={
            kind === 'ip_hash'
              ? 'The 64-character hash copied from the trends panel or the review queue. Addresses themselves are never stored.'
              : 'For example students.example.edu (without the part before the @).'
          }
          className="sm:col-span-2 lg:col-span-1"
        >
          <Input
            id="list-value"
            name="value"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            autoComplete="off"
            spellCheck={false}
            invalid={Boolean(valueError)}
            aria-describedby={valueError ? 'list-value-error' : undefined}
            className={kind === 'ip_hash' ? 'font-mono' : undefined}
          />
        </Field>
      </div>
      <Field label="Note (optional)" htmlFor="list-note" error={state.fields?.note} hint="Why, for whoever reads this list next.">
        <Textarea
          id="list-note"
          name="note"
          rows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          invalid={Boolean(state.fields?.note)}
        />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Add to the list'}
      </Button>
    </form>
  );
}
