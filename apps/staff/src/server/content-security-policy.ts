// The staff app's Content-Security-Policy, built per request by src/proxy.ts (issue 7: "CSP
// without unsafe-inline where possible"). Every staff page is rendered per request, so scripts
// are allowed by a fresh nonce instead of 'unsafe-inline': Next reads the nonce from the request's
// CSP header and puts it on its own inline bootstrap scripts and on the chunk <script> tags, and
// 'strict-dynamic' lets those nonced scripts load the rest of the client runtime. An injected
// <script> (or on* attribute) cannot guess the nonce and does not run.
//
// style-src keeps 'unsafe-inline': React style={{…}} attributes (the dashboard's bar widths) are
// inline styles a nonce cannot cover, and a nonce in style-src would switch 'unsafe-inline' off.
// Styles cannot run code, so this is the part of the old policy worth keeping.
//
// Everything else is same-origin only, and the staff app may be framed by nobody. Only `next dev`
// (React refresh, error overlays) gets 'unsafe-eval'.

export type CspOptions = { nonce: string; dev: boolean };

/** A fresh, unguessable nonce: 16 random bytes, base64 (the form CSP and Next's parser accept). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

export function staffContentSecurityPolicy({ nonce, dev }: CspOptions): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(nonce)) throw new Error('CSP nonce must be base64');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
