'use client';

import { useId, useState } from 'react';
import { Button } from '@undersigned/ui';

/**
 * A signing secret shown once (after creating an endpoint or rotating its secret): read-only, with
 * a Copy button whose result is announced ("Copied"). Never stored in the browser, never in a URL.
 */
export function SecretOnce({ secret, title = 'Signing secret' }: { secret: string; title?: string }) {
  const id = useId();
  const [copied, setCopied] = useState<'' | 'Copied' | 'Copy failed: select the text and copy it'>('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied');
    } catch {
      setCopied('Copy failed: select the text and copy it');
    }
  }
  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <label htmlFor={id} className="block text-sm font-semibold text-slate-900">
        {title}
      </label>
      <p className="text-sm text-amber-900">
        Copy it now and store it in your receiver’s settings: it is shown only this once. Receivers verify each request with it (Standard Webhooks).
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={id}
          readOnly
          value={secret}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.currentTarget.select()}
          className="block min-w-0 flex-1 rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-slate-300 ring-inset focus:ring-2 focus:ring-indigo-600"
        />
        <Button variant="secondary" onClick={copy} aria-describedby={`${id}-copied`}>
          Copy
        </Button>
        <span id={`${id}-copied`} aria-live="polite" className="text-sm font-medium text-emerald-800">
          {copied}
        </span>
      </div>
    </div>
  );
}
