'use client';

import { useEffect, useState } from 'react';
import { REF_PATTERN } from './attribution-patterns';
import { ShareLinks, type ShareStrings } from './share-links';

/**
 * The thanks page is cached like the campaign page (the same HTML for every signer), so the
 * signer's share code (`?code=`) reaches the share links here, from location.search. Without
 * JavaScript the links are the petition's plain URL (no referral code).
 */
export function ThanksShareLinks({ url, title, message, t }: { url: string; title: string; message: string; t: ShareStrings }) {
  const [shareUrl, setShareUrl] = useState(url);
  useEffect(() => {
    const code = new URLSearchParams(window.location.search).get('code') ?? '';
    if (!REF_PATTERN.test(code)) return;
    const withRef = new URL(url);
    withRef.searchParams.set('ref', code);
    setShareUrl(withRef.toString());
  }, [url]);
  return <ShareLinks url={shareUrl} title={title} message={message} t={t} />;
}

/** When to read the count again after the page opens: the count endpoint is memoised for 2 s per process. */
const REFRESH_MS = [0, 2_500, 6_000];

/**
 * "8,432 people have signed so far": the cached page's count (up to a few seconds old), brought up
 * to date from GET /api/v1/petitions/{slug}/count right after the page opens, so it includes the
 * signature just made. `before`/`after` are the sentence around the number, in the page's language.
 */
export function ThanksCount({
  slug,
  count,
  numberLocale,
  before,
  after,
}: {
  slug: string;
  count: number;
  numberLocale: string;
  before: string;
  after: string;
}) {
  const [current, setCurrent] = useState(count);
  useEffect(() => {
    let stopped = false;
    const timers = REFRESH_MS.map((delay) =>
      setTimeout(() => {
        fetch(`/api/v1/petitions/${encodeURIComponent(slug)}/count`, { headers: { Accept: 'application/json' }, cache: 'no-store' })
          .then((res) => (res.ok ? res.json() : null))
          .then((body: unknown) => {
            const total = (body as { total_signatures?: unknown } | null)?.total_signatures;
            if (!stopped && typeof total === 'number' && Number.isSafeInteger(total)) setCurrent((shown) => Math.max(shown, total));
          })
          .catch(() => undefined);
      }, delay),
    );
    return () => {
      stopped = true;
      timers.forEach(clearTimeout);
    };
  }, [slug]);
  return (
    <>
      {before}
      {new Intl.NumberFormat(numberLocale).format(current)}
      {after}
    </>
  );
}
