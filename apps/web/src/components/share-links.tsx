'use client';

import { useState } from 'react';

export interface ShareStrings {
  copyLink: string;
  copied: string;
  emailShare: string;
  whatsapp: string;
  x: string;
  facebook: string;
  shareLinkLabel: string;
}

interface Props {
  /** The petition URL, already carrying the signer's referral code when there is one. */
  url: string;
  title: string;
  message: string;
  t: ShareStrings;
  compact?: boolean;
}

function withSource(url: string, source: string): string {
  const u = new URL(url);
  u.searchParams.set('source', source);
  return u.toString();
}

/**
 * Share links: plain anchors (nothing loads from the networks until the person clicks), each
 * tagged with its channel as `source`, plus a copy-link field that also works without JS.
 */
export function ShareLinks({ url, title, message, t, compact = false }: Props) {
  const [copied, setCopied] = useState(false);
  const links = [
    { name: t.whatsapp, href: `https://wa.me/?text=${encodeURIComponent(`${message} ${withSource(url, 'whatsapp')}`)}` },
    {
      name: t.emailShare,
      href: `mailto:?subject=${encodeURIComponent(title)}&body=${encodeURIComponent(`${message}\n\n${withSource(url, 'email')}`)}`,
    },
    {
      name: t.x,
      href: `https://x.com/intent/post?text=${encodeURIComponent(message)}&url=${encodeURIComponent(withSource(url, 'x'))}`,
    },
    { name: t.facebook, href: `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(withSource(url, 'facebook'))}` },
  ];
  const copyUrl = withSource(url, 'link');

  async function copy() {
    try {
      await navigator.clipboard.writeText(copyUrl);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="mt-3 space-y-3">
      <div>
        <label htmlFor={compact ? 'share-url-compact' : 'share-url'} className="block text-sm font-semibold">
          {t.shareLinkLabel}
        </label>
        <div className="mt-1 flex gap-2">
          <input
            id={compact ? 'share-url-compact' : 'share-url'}
            readOnly
            value={copyUrl}
            data-testid="share-url"
            className="min-w-0 flex-1 rounded-md border border-stone-400 bg-stone-50 px-3 py-2 text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button
            type="button"
            onClick={copy}
            className="shrink-0 rounded-md border border-brand-700 bg-white px-3 py-2 text-sm font-semibold text-brand-700 hover:bg-brand-50"
          >
            {copied ? t.copied : t.copyLink}
          </button>
        </div>
        <p aria-live="polite" className="sr-only">
          {copied ? t.copied : ''}
        </p>
      </div>
      <ul className={`grid gap-2 ${compact ? 'grid-cols-2' : 'grid-cols-2 sm:grid-cols-4'}`}>
        {links.map((l) => (
          <li key={l.name}>
            <a
              href={l.href}
              target="_blank"
              rel="noopener noreferrer"
              className="block rounded-md bg-stone-800 px-3 py-2.5 text-center text-sm font-semibold text-white hover:bg-stone-900"
            >
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
