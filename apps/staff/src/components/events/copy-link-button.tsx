'use client';

import { useState } from 'react';
import { Button } from '@undersigned/ui';

/**
 * Copies a link to the clipboard and says so in a live region; without a clipboard (an insecure
 * origin, a refused permission) it selects the link's text for Ctrl+C instead.
 */
export function CopyLinkButton({ text, targetId, label = 'Copy', name }: { text: string; targetId: string; label?: string; name?: string }) {
  const [said, setSaid] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setSaid('Copied');
    } catch {
      const node = document.getElementById(targetId);
      const selection = window.getSelection();
      if (node && selection) selection.selectAllChildren(node);
      setSaid('Selected: press Ctrl+C (⌘C on a Mac)');
    }
  }
  return (
    <span className="inline-flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={copy} aria-label={name}>
        {label}
      </Button>
      <span id={`${targetId}-copied`} role="status" className="text-xs text-emerald-800">
        {said}
      </span>
    </span>
  );
}
