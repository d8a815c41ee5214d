/**
 * The fields of one "request failed" line for an error Next caught while rendering or in a route
 * handler (an app's `onRequestError` instrumentation hook): the request id a proxy or server.ts
 * gave, the method, the path without its query (a search may be an email address), the route, and
 * the error with its digest. Typed structurally so this package needs nothing from Next.
 */
export function requestErrorFields(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[] | undefined> },
  context: { routePath: string; routeType: string },
): Record<string, unknown> {
  const reqId = request.headers['x-request-id'];
  return {
    reqId: typeof reqId === 'string' ? reqId : undefined,
    method: request.method,
    path: request.path.split('?', 1)[0],
    routePath: context.routePath,
    routeType: context.routeType,
    digest: (error as { digest?: unknown } | null)?.digest,
    err: error,
  };
}
