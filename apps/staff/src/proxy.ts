import { NextResponse, type NextRequest } from 'next/server';
import { ACTION_BODY_LIMIT_BYTES } from '@/server/action-limits';
import { isSameOrigin } from '@/server/check-origin';
import { createNonce, staffContentSecurityPolicy } from '@/server/content-security-policy';

// Per-request CSP nonce (Next 16 "Proxy", formerly middleware). The policy goes on the request
// too, because that is where Next reads the nonce it stamps on its own scripts while rendering;
// the response carries it to the browser. The other security headers stay in next.config.ts.
// Sessions are checked by the pages themselves (currentStaff), not here.
export function proxy(request: NextRequest) {
  const refusal = refuseBadActionCall(request);
  if (refusal) return refusal;
  const csp = staffContentSecurityPolicy({ nonce: createNonce(), dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

/**
 * Server-action calls that Next itself would answer with a 500 (its origin check throws) or cut off
 * (past the body limit) get a clear 4xx here instead, before any rendering. Everything else about
 * an action — session, role, input — is checked by the action.
 */
function refuseBadActionCall(request: NextRequest): NextResponse | null {
  if (request.method !== 'POST' || !request.headers.has('next-action')) return null;
  if (request.headers.has('origin') && !isSameOrigin(request)) {
    return new NextResponse('Cross-origin request refused.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  if (Number(request.headers.get('content-length') ?? 0) > ACTION_BODY_LIMIT_BYTES) {
    return new NextResponse('Request body too large.', {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' },
    });
  }
  return null;
}

export const config = {
  // Everything but the build's static files (hashed JS/CSS, optimised images), which run no
  // policy of their own. Prefetches and route handlers are included on purpose: a document the
  // browser prefetched, or one an auth route answers, must not arrive without a CSP.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
