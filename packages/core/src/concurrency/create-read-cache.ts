export type ReadCache<T> = (key: string, load: () => Promise<T>, now?: number) => Promise<T>;

/**
 * A small per-process cache for reads that may be a little old (the signing campaign, the public
 * count, the home listing). Whatever the request rate, each key costs at most one read per `ttlMs`
 * per process; concurrent misses share the one in-flight read; a failed read is not kept (the next
 * caller reads again). To keep an answer that is an error (e.g. "no such campaign"), `load` must
 * resolve to it rather than reject.
 */
export function createReadCache<T>(ttlMs: number, maxEntries = 1_000): ReadCache<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return function cached(key, load, now = Date.now()) {
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = load();
    entries.set(key, { at: now, value });
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    if (entries.size > maxEntries) {
      for (const [k, entry] of entries) if (now - entry.at >= ttlMs) entries.delete(k);
      // Still full of fresh entries (a flood of distinct keys): drop the oldest.
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return value;
  };
}
