/** Small HTTP helpers for the route handlers: JSON/HAL answers, CORS, bounded bodies. */

export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  // OSDI-API-Token and Authorization carry the key of the authenticated API (issue 13).
  'Access-Control-Allow-Headers': 'Content-Type, Accept, OSDI-API-Token, Authorization',
  'Access-Control-Expose-Headers': 'Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset',
  'Access-Control-Max-Age': '86400',
} as const;

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/hal+json; charset=utf-8', ...CORS_HEADERS, ...init.headers },
  });
}

export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

/** Largest signature body we read (a full form with a 2,000-character comment is ~3 KB). */
export const MAX_SIGNATURE_BODY_BYTES = 16 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads at most `limit` bytes of the body; throws BodyTooLargeError beyond that. */
export async function readBoundedText(request: Request, limit = MAX_SIGNATURE_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > limit) throw new BodyTooLargeError();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
