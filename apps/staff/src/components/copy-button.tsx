'use client';

import { useState } from 'react';

/**
 * A small Copy button for a value shown shortened (an IP hash): copies the full value, says so in
 * a live region; where the clipboard is not available (an insecure origin) it shows the full value
 * there to select by hand.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [said, setSaid] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setSaid('Copied');
    } catch {
      setSaid(value);
      return;
    }
    setTimeout(() => setSaid(''), 4000);
  }
  return (
    <span className="inline-flex items-center gap-1">
      <button
        type="button"
        onClick={copy}
        className="rounded px-1.5 py-0.5 text-xs font-medium text-indigo-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        Copy<span className="sr-only"> {label}</span>
      </button>
      <span role="status" className="font-mono text-xs break-all text-emerald-800 select-all">
        {said}
      </span>
    </span>
  );
}
