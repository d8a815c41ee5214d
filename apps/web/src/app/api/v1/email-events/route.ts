import { BodyTooLargeError, readBoundedText } from '@/server/http';
import { authorizeEmailEvents, handleEmailEvents, MAX_EMAIL_EVENTS_BODY_BYTES } from '@/server/email-events-endpoint';

export const dynamic = 'force-dynamic';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });

/** Bounce and complaint notifications from the mail provider's webhook (apps/web/README.md). No CORS: servers only. */
export async function POST(request: Request): Promise<Response> {
  const refused = authorizeEmailEvents(request.headers.get('authorization'));
  if (refused) return answer(refused.status, refused.body, refused.headers);
  let body: string;
  try {
    body = await readBoundedText(request, MAX_EMAIL_EVENTS_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return answer(413, { error: 'payload_too_large', message: 'At most 100 events, 64 KiB, per request.' });
    throw error;
  }
  const result = await handleEmailEvents(body);
  return answer(result.status, result.body, result.headers);
}
