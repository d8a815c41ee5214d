'use client';

import { useActionState } from 'react';
import { Button, Field, Input } from '@undersigned/ui';
import { campaignImageAction } from '@/app/(staff)/campaigns/actions';
import type { ActionState } from '@/server/action-state';

export function ImageForm({ campaignId, imageId, alt }: { campaignId: number; imageId: string | null; alt: string | null }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(campaignImageAction, {});
  return (
    <div className="flex flex-wrap items-start gap-6">
      <div className="flex h-28 w-48 items-center justify-center overflow-hidden rounded-md border border-slate-200 bg-slate-50">
        {imageId ? (
          <img src={`/images/${imageId}`} alt={alt ?? ''} className="h-full w-full object-cover" />
        ) : (
          <span className="text-xs text-slate-500">No image</span>
        )}
      </div>
      <form action={action} className="min-w-64 flex-1 space-y-3">
        <input type="hidden" name="campaignId" value={campaignId} />
        <Field
          label="Picture (PNG, JPEG or WebP, up to 5 MB)"
          htmlFor="image"
          error={state.ok ? undefined : (state.fields?.image ?? (state.message && !state.ok ? state.message : undefined))}
        >
          <input
            id="image"
            name="image"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
        </Field>
        <Field label="Description for screen readers" htmlFor="alt">
          <Input id="alt" name="alt" defaultValue={alt ?? ''} maxLength={300} />
        </Field>
        <div className="flex items-center gap-2">
          <Button type="submit" size="sm" variant="secondary" disabled={pending}>
            {pending ? 'Uploading…' : 'Upload image'}
          </Button>
          {imageId ? (
            <Button type="submit" size="sm" variant="ghost" name="remove" value="1" disabled={pending}>
              Remove
            </Button>
          ) : null}
          {state.ok && state.message ? (
            <span role="status" className="text-sm text-emerald-700">
              {state.message}
            </span>
          ) : null}
        </div>
      </form>
    </div>
  );
}
