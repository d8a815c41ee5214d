// Content negotiation for answers server.ts compresses once and keeps (issue 14): /_next/static
// files precompressed at build time, cached campaign pages compressed once per refresh.

export type Encoding = 'br' | 'gzip' | 'identity';

/** Our order of preference when the client likes several equally: smallest first. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip', 'identity'];

/**
 * The encoding to answer with, among `available` (identity is always available), for an
 * Accept-Encoding header (RFC 9110 §12.5.3): the highest q wins, ties go to br, then gzip, then
 * identity; `q=0` refuses a coding, `*` stands for every coding not named. No header → identity.
 * When everything is refused (`identity;q=0` with nothing else we have), identity is still sent
 * (§12.5.3 allows it, and an answer beats a 406 for a page or a script).
 */
export function negotiateEncoding(acceptEncoding: string | string[] | undefined, available: ReadonlySet<Encoding>): Encoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  if (!header) return 'identity';
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const [k, v] = param.split('=');
      if (k?.trim().toLowerCase() === 'q') {
        const parsed = Number(v?.trim());
        weight = Number.isFinite(parsed) ? Math.min(Math.max(parsed, 0), 1) : 0;
      }
    }
    // A coding named twice: the lower weight (a refusal stands).
    q.set(name, Math.min(q.get(name) ?? weight, weight));
  }
  const star = q.get('*');
  const weightOf = (encoding: Encoding): number => {
    const named = q.get(encoding) ?? (encoding === 'gzip' ? q.get('x-gzip') : undefined);
    if (named !== undefined) return named;
    if (star !== undefined) return star;
    // Identity is acceptable unless refused, at the lowest weight (RFC 9110 §12.5.3).
    return encoding === 'identity' ? Number.MIN_VALUE : 0;
  };
  let best: Encoding = 'identity';
  let bestWeight = 0;
  for (const encoding of PREFERENCE) {
    if (encoding !== 'identity' && !available.has(encoding)) continue;
    const weight = weightOf(encoding);
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}
