import { BodyTooLargeError, readBoundedText } from '@/server/http';
import { handleUnsubscribePost, MAX_UNSUBSCRIBE_BODY_BYTES } from '@/server/unsubscribe-endpoint';

export const dynamic = 'force-dynamic';

/**
 * The POST of /unsubscribe/{token} and /es/unsubscribe/{token}: src/proxy.ts rewrites those POSTs
 * here (the same path's GET is the page), `?locale=es` for Spanish. Form-encoded or multipart
 * bodies, as RFC 8058 allows; no cookie, CSRF token or Origin is looked at.
 */
export async function POST(request: Request, ctx: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await ctx.params;
  const locale = new URL(request.url).searchParams.get('locale') === 'es' ? 'es' : 'en';
  let fields: URLSearchParams | FormData;
  try {
    const body = await readBoundedText(request, MAX_UNSUBSCRIBE_BODY_BYTES);
    const type = request.headers.get('content-type') ?? '';
    fields = type.startsWith('multipart/form-data')
      ? await new Response(body, { headers: { 'content-type': type } }).formData()
      : new URLSearchParams(body);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return new Response('Request body too large.', { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    return new Response('Send a form-encoded body.', { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const answer = await handleUnsubscribePost({ token, locale, fields });
  return new Response(answer.body || null, { status: answer.status, headers: answer.headers });
}
