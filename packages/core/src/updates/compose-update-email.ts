import { listUnsubscribeHeaders, renderCampaignUpdateEmail } from '@undersigned/email';
import { unsubscribeUrl } from './unsubscribe-token';

type Locale = 'en' | 'es';

export interface ComposeUpdateEmailInput {
  campaign: { slug: string; defaultLocale: string; translations: readonly { locale: string; title: string }[] };
  update: { subjectEn: string | null; bodyEn: string | null; subjectEs: string | null; bodyEs: string | null };
  /** The recipient's language (their signature's). An update not written in it goes in its other language. */
  locale: Locale;
  /** The recipient's unsubscribe token (createUnsubscribeToken), for the footer link and the List-Unsubscribe headers. */
  unsubscribeToken: string;
  /** PUBLIC_WEB_URL */
  publicWebUrl: string;
  /** MAIL_FROM: its display name is the organisation the footer names ("Undersigned <…>" → Undersigned). */
  mailFrom: string;
}

export interface ComposedUpdateEmail {
  /** The language the email is written in. */
  locale: Locale;
  subject: string;
  html: string;
  text: string;
  /** List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: Record<string, string>;
  unsubscribeUrl: string;
}

/** The display name of a From address, else its local part's domain owner, else the address. */
function organizationOf(mailFrom: string): string {
  const named = /^\s*"?([^"<]+?)"?\s*</.exec(mailFrom);
  if (named?.[1]) return named[1].trim();
  return mailFrom.trim();
}

/**
 * One recipient's copy of an update, exactly as sent: the language (theirs if the update is
 * written in it, else the other), the campaign's title in that language, the rendered template
 * (renderCampaignUpdateEmail) with the footer saying why they get it, the unsubscribe link and
 * the one-click headers. The worker sends this; staff's preview and "send a test to me" show it.
 * Null when the update has no complete language.
 */
export function composeUpdateEmail(input: ComposeUpdateEmailInput): ComposedUpdateEmail | null {
  const u = input.update;
  const content = {
    en: u.subjectEn && u.bodyEn ? { subject: u.subjectEn, body: u.bodyEn } : null,
    es: u.subjectEs && u.bodyEs ? { subject: u.subjectEs, body: u.bodyEs } : null,
  };
  const locale: Locale = content[input.locale] ? input.locale : input.locale === 'en' ? 'es' : 'en';
  const chosen = content[locale];
  if (!chosen) return null;
  const t = input.campaign.translations;
  const title =
    (t.find((x) => x.locale === locale) ?? t.find((x) => x.locale === input.campaign.defaultLocale) ?? t[0])?.title ?? input.campaign.slug;
  const web = input.publicWebUrl.replace(/\/+$/, '');
  const unsubscribe = unsubscribeUrl(web, locale, input.unsubscribeToken);
  const email = renderCampaignUpdateEmail({
    locale,
    subject: chosen.subject,
    bodyMarkdown: chosen.body,
    campaignTitle: title,
    campaignUrl: `${web}${locale === 'es' ? '/es' : ''}/petitions/${input.campaign.slug}`,
    unsubscribeUrl: unsubscribe,
    organization: organizationOf(input.mailFrom),
  });
  return { locale, ...email, headers: listUnsubscribeHeaders(unsubscribe), unsubscribeUrl: unsubscribe };
}
