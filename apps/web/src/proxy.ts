import { NextResponse, type NextRequest } from 'next/server';

// Next 16 "Proxy" (formerly middleware), for one job: /unsubscribe/{token} is a page for a GET and
// RFC 8058's one-click endpoint for a POST at the same URL (List-Unsubscribe carries one URL),
// which a Next page cannot be. POSTs there are rewritten to the route handler; everything else
// passes. The matcher keeps every other request (campaign pages, the sign API) out of it.
export function proxy(request: NextRequest) {
  if (request.method !== 'POST') return NextResponse.next();
  const match = /^\/(es\/)?unsubscribe\/([^/]+)\/?$/.exec(request.nextUrl.pathname);
  if (!match) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `/api/v1/unsubscribe/${match[2]}`;
  url.search = match[1] ? '?locale=es' : '';
  return NextResponse.rewrite(url);
}

export const config = {
  matcher: ['/unsubscribe/:token', '/es/unsubscribe/:token'],
};
