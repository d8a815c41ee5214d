import { NextResponse, type NextRequest } from 'next/server';
import { createNonce, staffContentSecurityPolicy } from '@/server/content-security-policy';

// Per-request CSP nonce (Next 16 "Proxy", formerly middleware). The policy goes on the request
// too, because that is where Next reads the nonce it stamps on its own scripts while rendering;
// the response carries it to the browser. The other security headers stay in next.config.ts.
// Sessions are checked by the pages themselves (currentStaff), not here.
export function proxy(request: NextRequest) {
  const csp = staffContentSecurityPolicy({ nonce: createNonce(), dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  // Everything but the build's static files (hashed JS/CSS, optimised images), which run no
  // policy of their own. Prefetches and route handlers are included on purpose: a document the
  // browser prefetched, or one an auth route answers, must not arrive without a CSP.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
