'use client';

import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { Alert, Button, Field, Input } from '@undersigned/ui';
import { createApiKeyAction } from '@/app/(staff)/integrations/api-keys/actions';
import type { ActionState } from '@/server/action-state';
import { SecretPanel } from './secret-panel';

export interface CampaignOption {
  id: number;
  slug: string;
  title: string;
  status: string;
}

const radio = 'mt-0.5 size-4 border-slate-300 accent-indigo-600';

/**
 * Create an API key: name, scope, campaigns (all, or a searchable checklist), rate limit. The new
 * secret comes back in the action's answer and shows once in a SecretPanel; "I have stored it"
 * clears it and brings back an empty form.
 */
export function CreateApiKeyForm({
  campaigns,
  exampleUrl,
  defaultRateLimit,
}: {
  campaigns: CampaignOption[];
  exampleUrl: string;
  defaultRateLimit: number;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createApiKeyAction, {});
  const [dismissed, setDismissed] = useState<string | undefined>();
  const [formKey, setFormKey] = useState(0);
  const secret = state.secret && state.secret !== dismissed ? state.secret : null;

  // Submitting through a transition keeps what was typed when the answer is a field error
  // (a form `action` alone resets the form after every answer).
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  return (
    <div>
      {/* Present from the start, so the outcome is announced when it changes. */}
      <div aria-live="polite" className="sr-only">
        {state.ok && secret ? state.message : ''}
      </div>
      {secret ? (
        <SecretPanel
          secret={secret}
          heading={state.message ?? 'API key created'}
          exampleUrl={exampleUrl}
          onDone={() => {
            setDismissed(secret);
            setFormKey((k) => k + 1);
          }}
        />
      ) : (
        <form key={formKey} action={action} onSubmit={submit} className="space-y-5" noValidate>
          {state.message && !state.ok ? <Alert tone="error">{state.message}</Alert> : null}
          <div className="grid gap-5 sm:grid-cols-[minmax(0,1fr)_12rem]">
            <Field
              label="Name"
              htmlFor="apikey-name"
              error={state.fields?.name}
              hint="Who uses it, e.g. “Action Network sync”. Up to 100 characters."
            >
              <Input
                id="apikey-name"
                name="name"
                maxLength={100}
                required
                invalid={Boolean(state.fields?.name)}
                aria-describedby={state.fields?.name ? 'apikey-name-error' : undefined}
              />
            </Field>
            <Field
              label="Requests per minute"
              htmlFor="apikey-rate"
              error={state.fields?.rateLimitPerMinute}
              hint="Past it the API answers 429 with Retry-After."
            >
              <Input
                id="apikey-rate"
                name="rateLimitPerMinute"
                type="number"
                inputMode="numeric"
                min={1}
                max={100_000}
                defaultValue={defaultRateLimit}
                invalid={Boolean(state.fields?.rateLimitPerMinute)}
                aria-describedby={state.fields?.rateLimitPerMinute ? 'apikey-rate-error' : undefined}
              />
            </Field>
          </div>
          <ScopeFieldset error={state.fields?.scope} />
          <CampaignsFieldset campaigns={campaigns} error={state.fields?.campaignIds} />
          <Button type="submit" disabled={pending}>
            {pending ? 'Creating…' : 'Create key'}
          </Button>
        </form>
      )}
    </div>
  );
}

function ScopeFieldset({ error }: { error?: string }) {
  return (
    <fieldset aria-describedby={error ? 'apikey-scope-error' : undefined}>
      <legend className="text-sm font-medium text-slate-800">Scope</legend>
      <div className="mt-2 space-y-2">
        <label className="flex items-start gap-3 text-sm">
          <input type="radio" name="scope" value="read" defaultChecked className={radio} />
          <span>
            <span className="font-medium text-slate-800">Read</span>
            <span className="block text-slate-600">List and fetch people, their signatures and petitions. For a CRM that pulls new supporters.</span>
          </span>
        </label>
        <label className="flex items-start gap-3 text-sm">
          <input type="radio" name="scope" value="write" className={radio} />
          <span>
            <span className="font-medium text-slate-800">Read and write</span>
            <span className="block text-slate-600">
              Also record signatures through the API (e.g. from your own sign-up forms); the answer includes the created signature.
            </span>
          </span>
        </label>
      </div>
      {error ? (
        <p id="apikey-scope-error" role="alert" className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function CampaignsFieldset({ campaigns, error }: { campaigns: CampaignOption[]; error?: string }) {
  const [mode, setMode] = useState<'all' | 'some'>('all');
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const q = query.trim().toLowerCase();
  const matches = (c: CampaignOption) => !q || c.title.toLowerCase().includes(q) || c.slug.includes(q);
  const shown = campaigns.filter(matches).length;
  return (
    <fieldset aria-describedby={error ? 'apikey-campaigns-error' : undefined}>
      <legend className="text-sm font-medium text-slate-800">Campaigns</legend>
      <div className="mt-2 space-y-2">
        <label className="flex items-start gap-3 text-sm">
          <input type="radio" name="campaigns" value="all" checked={mode === 'all'} onChange={() => setMode('all')} className={radio} />
          <span>
            <span className="font-medium text-slate-800">All campaigns</span>
            <span className="block text-slate-600">Including campaigns created later.</span>
          </span>
        </label>
        <label className="flex items-start gap-3 text-sm">
          <input type="radio" name="campaigns" value="some" checked={mode === 'some'} onChange={() => setMode('some')} className={radio} />
          <span>
            <span className="font-medium text-slate-800">Only the campaigns I choose</span>
            <span className="block text-slate-600">The key sees signatures on these campaigns only, and their signers.</span>
          </span>
        </label>
      </div>
      {error ? (
        <p id="apikey-campaigns-error" role="alert" className="mt-1.5 text-sm text-red-600">
          {error}
        </p>
      ) : null}
      <div hidden={mode === 'all'} className="mt-3 rounded-md border border-slate-200 p-3 sm:ml-7">
        {campaigns.length === 0 ? (
          <p className="text-sm text-slate-600">There are no campaigns yet.</p>
        ) : (
          <>
            <div className="flex flex-wrap items-end justify-between gap-2">
              <div className="min-w-0 flex-1">
                <label htmlFor="apikey-campaign-filter" className="block text-sm font-medium text-slate-800">
                  Find a campaign
                </label>
                <Input id="apikey-campaign-filter" type="search" value={query} onChange={(e) => setQuery(e.target.value)} className="mt-1.5" />
              </div>
              <p className="text-sm text-slate-600" aria-live="polite">
                {chosen.size} chosen{q ? ` · ${shown} of ${campaigns.length} shown` : ''}
              </p>
            </div>
            <ul className="mt-3 max-h-64 space-y-2 overflow-y-auto">
              {campaigns.map((c) => (
                <li key={c.id} hidden={!matches(c)}>
                  <label className="flex items-start gap-3 text-sm">
                    <input
                      type="checkbox"
                      name="campaignIds"
                      value={c.id}
                      checked={chosen.has(c.id)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        setChosen(next);
                      }}
                      className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
                    />
                    <span>
                      <span className="font-medium text-slate-800">{c.title}</span>
                      <span className="block text-slate-600">
                        {c.slug} · {c.status}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </fieldset>
  );
}
