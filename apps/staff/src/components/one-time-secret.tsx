'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Button } from '@undersigned/ui';

/**
 * A secret shown this once (an API key, a webhook signing secret): focus moves to its heading when
 * it appears, so keyboard and screen-reader users land on it; a Copy button announces its result in
 * a live region, and without a clipboard (an insecure origin, a refused permission) the secret is
 * selected for the keyboard instead. Never stored in the browser, never put in a URL. `warning`
 * says why it will not be shown again; `children` follow the secret (how to use it, a done button).
 */
export function OneTimeSecret({ secret, heading, warning, children }: { secret: string; heading: string; warning: ReactNode; children?: ReactNode }) {
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
    <section aria-labelledby={headingId} className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4 sm:p-5">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900 focus:outline-none">
        {heading}
      </h3>
      <p className="text-sm text-amber-900">{warning}</p>
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
      {children}
    </section>
  );
}
