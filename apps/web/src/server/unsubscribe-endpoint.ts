import { isAppError, unsubscribeByToken, unsubscribeTokenSchema, verifyUnsubscribeToken } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { getDictionary, localePrefix, type Locale } from '@/i18n';
import { webEnv } from '@/server/env';
import { webLogger } from '@/server/log';

/** Largest unsubscribe body we read: RFC 8058's one field, or the page's one radio choice. */
export const MAX_UNSUBSCRIBE_BODY_BYTES = 4 * 1024;

export interface UnsubscribeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const text = (status: number, body: string, headers: Record<string, string> = {}): UnsubscribeAnswer => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', ...headers },
  body,
});

/**
 * POST /unsubscribe/{token} (and /es/…), framework-free like the sign endpoint. Two callers:
 * - a mail client's RFC 8058 one-click POST, body `List-Unsubscribe=One-Click`: no cookies, no
 *   CSRF token, from any origin — the token (a keyed MAC) is the only credential. Unsubscribes from
 *   the campaign's updates at once and answers 200 with a short text;
 * - the unsubscribe page's form, `choice=campaign|all`: then a 303 to the page, which says so.
 * A forged, damaged or other-secret token → 404 and nothing changes; a person erased since → 200
 * "nothing to unsubscribe" (the form: the page says the same).
 */
export async function handleUnsubscribePost(input: {
  token: string;
  locale: Locale;
  fields: URLSearchParams | FormData;
}): Promise<UnsubscribeAnswer> {
  const t = getDictionary(input.locale).unsubscribe;
  const token = unsubscribeTokenSchema.safeParse(input.token);
  const subject = token.success ? verifyUnsubscribeToken(token.data, webEnv().CONFIRM_TOKEN_SECRET) : null;
  if (!subject) return text(404, `${t.invalidTitle}. ${t.invalidBody}`);
  const oneClick = input.fields.get('List-Unsubscribe') === 'One-Click';
  const choice = input.fields.get('choice');
  if (!oneClick && choice !== 'campaign' && choice !== 'all') {
    return text(400, 'Send List-Unsubscribe=One-Click, or choice=campaign or choice=all.');
  }
  const scope = oneClick ? 'campaign' : (choice as 'campaign' | 'all');
  try {
    const { result } = await unsubscribeByToken(
      getDb(),
      { subject, scope, source: oneClick ? 'one-click' : 'unsubscribe-page' },
      webEnv().CONFIRM_TOKEN_SECRET,
    );
    if (!oneClick)
      return {
        status: 303,
        headers: { Location: `${localePrefix(input.locale)}/unsubscribe/${token.data}?done=${scope}`, 'Cache-Control': 'no-store' },
        body: '',
      };
    return text(200, result === 'nothing' ? `${t.nothingTitle}. ${t.nothingBody}` : t.oneClickDone);
  } catch (error) {
    if (!isAppError(error)) webLogger().error({ err: error }, 'unsubscribe failed');
    return text(503, t.unavailable, { 'Retry-After': '5' });
  }
}
