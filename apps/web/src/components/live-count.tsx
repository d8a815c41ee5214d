'use client';

import { useEffect, useState } from 'react';
import type { Locale } from '@/i18n';
import { Thermometer } from './thermometer';

/** How often an open page asks for the count: every 10 s, ±2 s so pages opened together spread out. */
const POLL_MS = 10_000;
const JITTER_MS = 2_000;
/** A page rendered longer ago than this (a cached page) asks for the count right away. */
const STALE_MS = 5_000;

const countSchema = (body: unknown): number | null => {
  const total = (body as { total_signatures?: unknown } | null)?.total_signatures;
  return typeof total === 'number' && Number.isSafeInteger(total) && total >= 0 ? total : null;
};

/**
 * The goal thermometer of a campaign page, kept current without a reload: it polls the cacheable
 * GET /api/v1/petitions/{slug}/count (Cache-Control max-age 5; at most one database read per
 * process per 2 s however many pages poll), pauses while the tab is hidden, and announces changes
 * politely to screen readers. Without JavaScript it is the count the page was rendered with.
 */
export function LiveCount({
  slug,
  count,
  goal,
  locale,
  renderedAt,
}: {
  slug: string;
  count: number;
  goal: number;
  locale: Locale;
  renderedAt: number;
}) {
  const [current, setCurrent] = useState(count);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let lastFetch = 0;

    const schedule = (delay: number) => {
      clearTimeout(timer);
      // poll() catches its own failures, so its promise never rejects: nothing to await here.
      if (!stopped && !document.hidden) timer = setTimeout(() => void poll(), delay);
    };
    const nextDelay = () => POLL_MS - JITTER_MS + Math.random() * 2 * JITTER_MS;

    async function poll() {
      lastFetch = Date.now();
      try {
        const res = await fetch(`/api/v1/petitions/${encodeURIComponent(slug)}/count`, { headers: { Accept: 'application/json' } });
        if (res.status === 404) {
          stopped = true;
          return;
        }
        const total = res.ok ? countSchema(await res.json()) : null;
        // The count only grows in public view; never step back to an older cached answer.
        if (total !== null) setCurrent((shown) => Math.max(shown, total));
      } catch {
        // Offline or the server is busy: keep the number shown, try again later.
      }
      schedule(nextDelay());
    }

    const onVisibility = () => {
      if (document.hidden) clearTimeout(timer);
      else schedule(Date.now() - lastFetch >= POLL_MS ? Math.random() * 1_000 : nextDelay());
    };
    document.addEventListener('visibilitychange', onVisibility);
    schedule(Date.now() - renderedAt > STALE_MS ? Math.random() * 500 : nextDelay());
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [slug, renderedAt]);

  return <Thermometer count={current} goal={goal} locale={locale} live />;
}
