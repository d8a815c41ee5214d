'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@undersigned/ui';

/**
 * A new API key secret, shown this once: a Copy button (its result announced in a live region),
 * the warning that it will not be shown again, and how to send it. Focus moves to the heading when
 * it appears, so keyboard and screen-reader users land on it.
 */
export function SecretPanel({ secret, heading, exampleUrl, onDone }: { secret: string; heading: string; exampleUrl: string; onDone: () => void }) {
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
      // No clipboard (an insecure origin, a refused permission): select it for the keyboard instead.
      const selection = window.getSelection();
      if (secretRef.current && selection) selection.selectAllChildren(secretRef.current);
      setCopied('Copying is not available here: the key is selected, press Ctrl+C (⌘C on a Mac).');
    }
  }

  return (
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        {heading}
      </h3>
      <p className="text-sm text-amber-900">
        <strong>This is the only time the secret is shown.</strong> Undersigned keeps only a hash of it. Store it now in your CRM or a password
        manager; if it is lost, rotate the key to get a new one.
      </p>
      <div>
        <p className="text-sm font-medium text-slate-800">Secret</p>
        <div className="mt-1.5 flex flex-wrap items-start gap-2">
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
        <p role="status" className="mt-1.5 min-h-5 text-sm text-emerald-800">
          {copied}
        </p>
      </div>
      <div>
        <p className="text-sm text-slate-800">
          Send it with every request, in an <code className="font-mono">OSDI-API-Token</code> header (or{' '}
          <code className="font-mono">Authorization: Bearer …</code>):
        </p>
        <pre className="mt-1.5 rounded-md bg-slate-900 px-3 py-2 font-mono text-xs break-all whitespace-pre-wrap text-slate-100">
          {`curl -H "OSDI-API-Token: ${secret}" \\\n  ${exampleUrl}`}
        </pre>
      </div>
      <Button onClick={onDone}>I have stored it</Button>
    </section>
  );
}
