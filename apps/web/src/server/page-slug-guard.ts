import { webLogger } from './log';

/**
 * Which campaign pages exist, for the production server (server.ts) to check before handing a
 * page request to Next. Campaign pages are ISR: Next caches whatever it renders for a path — a
 * 404 included — as files under .next/server/route-cache, one set per path, never removed. Without
 * this check every made-up `/petitions/<anything>` would add files to the disk for good.
 *
 * The set of slugs is reloaded when older than `maxAgeMs`, and at once (at most every
 * `minRefreshMs`) when a slug is missing from it, so a campaign published a moment ago is found on
 * its first visit while a flood of unknown slugs costs at most one query per `minRefreshMs`.
 * If the slugs cannot be loaded, every slug counts as known (Next answers as before).
 */
export interface PageSlugGuard {
  isKnown(slug: string): Promise<boolean>;
}

export interface PageSlugGuardOptions {
  maxAgeMs?: number;
  minRefreshMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

export function createPageSlugGuard(load: () => Promise<string[]>, options: PageSlugGuardOptions = {}): PageSlugGuard {
  const maxAgeMs = options.maxAgeMs ?? 5_000;
  const minRefreshMs = options.minRefreshMs ?? 1_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((m: string) => webLogger().warn(m));
  let slugs: Set<string> | null = null;
  let loadedAt = -Infinity;
  let attemptedAt = -Infinity;
  let loading: Promise<void> | null = null;

  function refresh(): Promise<void> {
    loading ??= (async () => {
      attemptedAt = now();
      try {
        slugs = new Set(await load());
        loadedAt = now();
      } catch (error) {
        slugs = null;
        log(`[web] campaign slugs unavailable, letting Next answer: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        loading = null;
      }
    })();
    return loading;
  }

  return {
    async isKnown(slug) {
      if (now() - loadedAt > maxAgeMs && now() - attemptedAt > minRefreshMs) await refresh();
      if (!slugs) return true;
      if (slugs.has(slug)) return true;
      if (now() - attemptedAt > minRefreshMs) {
        await refresh();
        return slugs === null || slugs.has(slug);
      }
      return false;
    },
  };
}
