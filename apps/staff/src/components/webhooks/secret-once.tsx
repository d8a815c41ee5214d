'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@undersigned/ui';

/**
 * A signing secret shown once (after adding an endpoint or rotating its secret), as the API keys
 * page shows a key: focus moves to its heading when it appears, a Copy button announces its result
 * in a live region ("Copied"), and without a clipboard the secret is selected for the keyboard.
 * Never stored in the browser, never put in a URL.
 */
export function SecretOnce({ secret, title = 'Signing secret' }: { secret: string; title?: string }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const secretRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState('');
  useEffect(() => {
    headingRef.current?.focus();
    setCopied('');
  }, [secret]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied');
    } catch {
      const selection = window.getSelection();
      if (secretRef.current && selection) selection.selectAllChildren(secretRef.current);
      setCopied('Copying is not available here: the secret is selected, press Ctrl+C (⌘C on a Mac).');
    }
  }

  return (
    <section aria-labelledby={headingId} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        {title}
      </h3>
      <p className="text-sm text-amber-900">
        <strong>This is the only time it is shown.</strong> Store it in your receiver’s settings now: it verifies that each request comes from us
        (Standard Webhooks: any of its libraries accepts this secret as it is). If it is lost, rotate it.
      </p>
      <div className="flex flex-wrap items-start gap-2">
        <code
          ref={secretRef}
          className="min-w-0 flex-1 rounded-md bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 ring-1 ring-slate-300 ring-inset"
        >
          {secret}
        </code>
        <Button variant="secondary" onClick={copy}>
          Copy
        </Button>
      </div>
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-emerald-800">
        {copied}
      </p>
    </section>
  );
}
