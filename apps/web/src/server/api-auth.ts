import { authenticateApiKey, createApiKeyLimiter, isAppError, type ApiKeyLimiter, type ApiKeyPrincipal } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { apiKeyLimiterObserver, processMetrics } from '@undersigned/metrics';
import { webEnv } from '@/server/env';
import { CORS_HEADERS } from '@/server/http';
import { getRedis } from '@/server/redis';

/**
 * Authentication of the OSDI API (issue 13) for every authenticated route and for the write-key
 * path of the record-signature helper: the key from `OSDI-API-Token` (Action Network's header) or
 * `Authorization: Bearer`, checked by core's authenticateApiKey on every request (no cache: a
 * revoked key is refused at once), then the key's own per-minute limit. Framework-free like
 * handleSignPost: plain headers in, a plain answer out.
 */
export interface HeaderSource {
  get(name: string): string | null;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export type ApiAuthResult = { ok: true; principal: ApiKeyPrincipal; headers: Record<string, string> } | { ok: false; answer: ApiAnswer };

/** Authenticated answers are one organisation's data: never stored by a shared cache. */
export const PRIVATE_HEADERS = { 'Cache-Control': 'private, no-store', Vary: 'OSDI-API-Token, Authorization' } as const;

const JSON_HEADERS = { 'Content-Type': 'application/hal+json; charset=utf-8', ...CORS_HEADERS, ...PRIVATE_HEADERS };

export function apiError(status: number, error: string, message: string, headers: Record<string, string> = {}): ApiAnswer {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: { error, message } };
}

const UNAUTHORIZED_HEADERS = { 'WWW-Authenticate': 'Bearer realm="Undersigned OSDI API"' };

/**
 * The key a request presents: the `OSDI-API-Token` header, else an `Authorization: Bearer` token.
 * `undefined` when the request carries neither (a keyless caller); a string (perhaps empty or
 * malformed) when it carries one.
 */
export function presentedApiKey(headers: HeaderSource): string | undefined {
  const token = headers.get('osdi-api-token');
  if (token !== null) return token.trim();
  const authorization = headers.get('authorization');
  if (authorization === null) return undefined;
  const bearer = /^\s*bearer\s+(.*)$/i.exec(authorization);
  return bearer ? bearer[1]!.trim() : undefined;
}

const globalForLimiter = globalThis as unknown as { __undersignedApiKeyLimiter?: ApiKeyLimiter };

function apiKeyLimiter(): ApiKeyLimiter {
  const metrics = processMetrics(webEnv(), 'web');
  globalForLimiter.__undersignedApiKeyLimiter ??= createApiKeyLimiter(getRedis(), {
    keyPrefix: `${webEnv().RATE_LIMIT_PREFIX}:apikey`,
    observe: metrics ? apiKeyLimiterObserver(metrics) : undefined,
  });
  return globalForLimiter.__undersignedApiKeyLimiter;
}

/** Checks the key and counts the request against its limit: 401 (no, bad or revoked key) or 429, else the principal. */
export async function authenticateApiRequest(key: string | undefined): Promise<ApiAuthResult> {
  if (!key) {
    return {
      ok: false,
      answer: apiError(401, 'unauthorized', 'An API key is required: send it as OSDI-API-Token or Authorization: Bearer.', UNAUTHORIZED_HEADERS),
    };
  }
  const principal = await authenticateApiKey(getDb(), key);
  if (!principal)
    return { ok: false, answer: apiError(401, 'unauthorized', 'This API key is not valid (unknown, revoked or expired).', UNAUTHORIZED_HEADERS) };
  const limit = await apiKeyLimiter().consume(principal);
  const rate = {
    'RateLimit-Limit': String(limit.limit),
    'RateLimit-Remaining': String(limit.remaining),
    'RateLimit-Reset': String(limit.resetSeconds),
  };
  if (!limit.allowed) {
    return {
      ok: false,
      answer: apiError(429, 'rate_limited', `This API key is over its limit of ${limit.limit} requests per minute.`, {
        ...rate,
        'Retry-After': String(limit.resetSeconds),
      }),
    };
  }
  return { ok: true, principal, headers: rate };
}

/** A core error → the API's answer (403, 404, 400…); anything else is rethrown. */
export function appErrorAnswer(error: unknown): ApiAnswer {
  if (!isAppError(error)) throw error;
  if (error.code === 'validation') {
    if (error.fields.filter) return apiError(400, 'invalid_filter', error.message);
    if (error.fields.cursor) return apiError(400, 'invalid_cursor', error.message);
    return apiError(400, 'validation', error.message);
  }
  if (error.code === 'forbidden') return apiError(403, 'forbidden', error.message);
  if (error.code === 'not_found') return apiError(404, 'not_found', error.message);
  return apiError(error.httpStatus, error.code, error.message);
}

function toResponse(answer: ApiAnswer): Response {
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
}

/**
 * The prologue of every authenticated GET route: authenticate, rate-limit, run `fn` with the
 * key, answer its body as private HAL JSON, and map core errors (403/404/400). Never data on a
 * refusal.
 */
export async function withApiKey(request: Request, fn: (principal: ApiKeyPrincipal) => Promise<unknown>): Promise<Response> {
  const auth = await authenticateApiRequest(presentedApiKey(request.headers));
  if (!auth.ok) return toResponse(auth.answer);
  try {
    const body = await fn(auth.principal);
    return toResponse({ status: 200, headers: { ...JSON_HEADERS, ...auth.headers }, body });
  } catch (error) {
    const answer = appErrorAnswer(error);
    return toResponse({ ...answer, headers: { ...answer.headers, ...auth.headers } });
  }
}
