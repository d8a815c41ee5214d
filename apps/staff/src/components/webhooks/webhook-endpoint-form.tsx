'use client';

import Link from 'next/link';
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { Alert, Button, buttonClass, Field, Input } from '@undersigned/ui';
import { saveWebhookEndpointAction } from '@/app/(staff)/integrations/webhooks/actions';
import { SecretOnce } from './secret-once';
import type { WebhookSecretState } from './webhook-secret-state';

export interface WebhookFormValue {
  endpointId: string | null;
  name: string;
  url: string;
  events: string[];
  campaignIds: number[];
  includePerson: boolean;
}

const EVENT_HINTS: Record<string, string> = {
  'signature.created': 'Every new signature, as it is recorded (before any email confirmation).',
  'signature.confirmed': 'When a signer confirms by email (campaigns that require it).',
  'signature.removed': 'A signature moderated away or erased: remove it from your CRM too.',
  'person.erased': 'A person erased on request: delete them from your CRM. Sent whatever the campaign filter.',
  'delivery.sent': 'Signatures delivered to a target by email.',
  'update.sent': 'An update sent to a campaign’s signers.',
  'campaign.status_changed': 'Published, closed, victory.',
};

/**
 * Add or edit a webhook endpoint: name, URL, events (a fieldset of checkboxes), campaigns (all, or
 * some), whether person data may travel. Controlled, so a refused submission keeps what was typed.
 * After adding, the signing secret replaces the form, once.
 */
export function WebhookEndpointForm({
  initial,
  eventTypes,
  campaigns,
  cancelHref,
}: {
  initial: WebhookFormValue;
  /** WEBHOOK_EVENT_TYPES with their labels (from core, passed by the page: core stays out of the browser bundle). */
  eventTypes: { type: string; label: string }[];
  campaigns: { id: number; title: string; slug: string }[];
  cancelHref: string;
}) {
  const [state, action, pending] = useActionState<WebhookSecretState, FormData>(saveWebhookEndpointAction, {});
  const [v, setV] = useState(initial);
  const [scope, setScope] = useState<'all' | 'some'>(initial.campaignIds.length ? 'some' : 'all');
  const err = (f: string) => state.fields?.[f];
  // Submitted by hand, not through <form action>: React resets a form after its action, which
  // would untick the checkboxes someone just chose when the answer is "fix these fields".
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  const toggle = <T,>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

  if (state.ok && state.secret && state.endpointId) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title={state.message} />
        <SecretOnce secret={state.secret} />
        <div className="flex flex-wrap gap-3">
          <Link href={`/integrations/webhooks/${state.endpointId}`} className={buttonClass('primary')}>
            I have copied it — open the endpoint
          </Link>
          <Link href="/integrations/webhooks" className={buttonClass('secondary')}>
            Back to webhooks
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form action={action} onSubmit={submit} className="space-y-6" noValidate>
      {initial.endpointId ? <input type="hidden" name="endpointId" value={initial.endpointId} /> : null}
      {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Field label="Name" htmlFor="webhook-name" error={err('name')} hint="For you: “Action Network”, “CiviCRM sync”.">
          <Input
            id="webhook-name"
            name="name"
            value={v.name}
            maxLength={100}
            required
            invalid={Boolean(err('name'))}
            aria-describedby={err('name') ? 'webhook-name-error' : undefined}
            onChange={(e) => setV({ ...v, name: e.target.value })}
          />
        </Field>
        <Field label="URL" htmlFor="webhook-url" error={err('url')} hint="Where we POST the events: a public https:// address of your receiver.">
          <Input
            id="webhook-url"
            name="url"
            type="url"
            inputMode="url"
            placeholder="https://"
            value={v.url}
            maxLength={2000}
            required
            invalid={Boolean(err('url'))}
            aria-describedby={err('url') ? 'webhook-url-error' : undefined}
            onChange={(e) => setV({ ...v, url: e.target.value })}
          />
        </Field>
      </div>

      <fieldset aria-describedby={err('events') ? 'webhook-events-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <p className="mt-0.5 text-xs text-slate-500">At least one. Events are batched: one POST can carry many.</p>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {eventTypes.map(({ type, label }) => (
            <label key={type} className="flex items-start gap-3 text-sm">
              <input
                type="checkbox"
                name="events"
                value={type}
                checked={v.events.includes(type)}
                onChange={(e) => setV({ ...v, events: toggle(v.events, type, e.target.checked) })}
                className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
              />
              <span>
                <span className="font-medium text-slate-800">{label}</span> <code className="text-xs text-slate-600">{type}</code>
                <span className="block text-slate-600">{EVENT_HINTS[type]}</span>
              </span>
            </label>
          ))}
        </div>
        {err('events') ? (
          <p id="webhook-events-error" role="alert" className="mt-1.5 text-sm text-red-600">
            {err('events')}
          </p>
        ) : null}
      </fieldset>

      <fieldset aria-describedby={err('campaignIds') ? 'webhook-campaigns-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Campaigns</legend>
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex items-center gap-3">
            <input
              type="radio"
              name="campaignScope"
              value="all"
              checked={scope === 'all'}
              onChange={() => setScope('all')}
              className="size-4 accent-indigo-600"
            />
            <span>
              <span className="font-medium text-slate-800">All campaigns</span>
              <span className="text-slate-600"> — including ones created later</span>
            </span>
          </label>
          <label className="flex items-center gap-3">
            <input
              type="radio"
              name="campaignScope"
              value="some"
              checked={scope === 'some'}
              onChange={() => setScope('some')}
              className="size-4 accent-indigo-600"
            />
            <span className="font-medium text-slate-800">Only these campaigns</span>
          </label>
          {scope === 'some' ? (
            campaigns.length === 0 ? (
              <p className="ml-7 text-slate-600">There are no campaigns yet.</p>
            ) : (
              <ul className="ml-7 max-h-60 space-y-1.5 overflow-y-auto rounded-md border border-slate-200 p-3" aria-label="Campaigns to include">
                {campaigns.map((c) => (
                  <li key={c.id}>
                    <label className="flex items-start gap-3">
                      <input
                        type="checkbox"
                        name="campaignIds"
                        value={c.id}
                        checked={v.campaignIds.includes(c.id)}
                        onChange={(e) => setV({ ...v, campaignIds: toggle(v.campaignIds, c.id, e.target.checked) })}
                        className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
                      />
                      <span>
                        {c.title} <span className="text-xs text-slate-600">/{c.slug}</span>
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </div>
        {err('campaignIds') ? (
          <p id="webhook-campaigns-error" role="alert" className="mt-1.5 text-sm text-red-600">
            {err('campaignIds')}
          </p>
        ) : null}
      </fieldset>

      <div className="space-y-2">
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            name="includePerson"
            checked={v.includePerson}
            onChange={(e) => setV({ ...v, includePerson: e.target.checked })}
            aria-describedby="webhook-person-warning"
            className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
          />
          <span className="font-medium text-slate-800">Include person data (name, email, address) in signature events</span>
        </label>
        <p id="webhook-person-warning" className="ml-7 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Privacy: signers’ personal data will leave Undersigned and be stored by this receiver. Turn it on only for a receiver your organisation
          controls and that keeps it safe (HTTPS, access control), and honour erasures (the <code>person.erased</code> event). Without it, events
          carry identifiers and links; your CRM can fetch the person with an API key.
        </p>
      </div>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : initial.endpointId ? 'Save changes' : 'Add endpoint'}
        </Button>
        <Link href={cancelHref} className="text-sm text-slate-600 hover:text-slate-900">
          Cancel
        </Link>
      </div>
    </form>
  );
}
