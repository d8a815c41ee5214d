import type { CampaignModel, CampaignTranslationModel, CampaignUpdateModel } from '@undersigned/db';
import { renderCampaignUpdateEmail, type RenderedEmail } from '@undersigned/email';
import { pickTranslation } from '../campaigns/pick-translation';
import { unsubscribeUrl } from './unsubscribe-token';

export type UpdateLocale = 'en' | 'es';

export interface UpdateEmailSource {
  update: Pick<CampaignUpdateModel, 'subjectEn' | 'bodyEn' | 'subjectEs' | 'bodyEs'>;
  campaign: Pick<CampaignModel, 'slug' | 'defaultLocale'> & { translations: Pick<CampaignTranslationModel, 'locale' | 'title'>[] };
  /** PUBLIC_WEB_URL. */
  publicWebUrl: string;
  /** MAIL_FROM: its display name is the organisation named in the footer. */
  mailFrom: string;
}

export interface PersonalizedUpdateEmail extends RenderedEmail {
  /** The language the email is written in (the signature's, or the update's only language). */
  locale: UpdateLocale;
  /** This recipient's unsubscribe page (also the RFC 8058 one-click POST target). */
  unsubscribeUrl: string;
}

export interface UpdateEmails {
  /** The email for one recipient: their language's rendering with their own unsubscribe link. */
  forRecipient(signatureLocale: UpdateLocale, unsubscribeToken: string): PersonalizedUpdateEmail;
}

/** Stands for the token while rendering once per language; letters and digits only, so no template escapes it. */
const TOKEN_PLACEHOLDER = 'UNSUBSCRIBETOKENPLACEHOLDER7f3a9c';

/** The display name of an address like `"Undersigned" <updates@example.org>` (else its domain). */
export function organizationOf(mailFrom: string): string {
  const name = /^\s*"?([^"<]+?)"?\s*</.exec(mailFrom)?.[1]?.trim();
  return name || (/@([^>\s]+)/.exec(mailFrom)?.[1] ?? mailFrom);
}

/** The language an update is sent in to a signer of `locale`: theirs if the update has it, else the one it has. */
export function updateLocaleFor(update: UpdateEmailSource['update'], locale: UpdateLocale): UpdateLocale {
  const has = (l: UpdateLocale) => (l === 'en' ? Boolean(update.subjectEn && update.bodyEn) : Boolean(update.subjectEs && update.bodyEs));
  if (has(locale)) return locale;
  return locale === 'en' ? 'es' : 'en';
}

/**
 * The update's email as each recipient gets it, rendered ONCE per language (React rendering costs
 * milliseconds; a million recipients must not pay it each): the template is rendered with a
 * placeholder token in the unsubscribe URL, and each recipient's copy replaces that exact URL with
 * their own in the HTML and the text (the List-Unsubscribe header is built from the same URL).
 * Also what staff preview and test-send, so the preview is the email.
 */
export function prepareUpdateEmails(source: UpdateEmailSource): UpdateEmails {
  const web = source.publicWebUrl.replace(/\/+$/, '');
  const organization = organizationOf(source.mailFrom);
  const rendered = new Map<UpdateLocale, { email: RenderedEmail; placeholderUrl: string }>();

  const renderLocale = (locale: UpdateLocale) => {
    let entry = rendered.get(locale);
    if (entry) return entry;
    const subject = locale === 'en' ? source.update.subjectEn : source.update.subjectEs;
    const body = locale === 'en' ? source.update.bodyEn : source.update.bodyEs;
    if (!subject || !body) throw new Error(`The update has no ${locale === 'en' ? 'English' : 'Spanish'} text.`);
    const placeholderUrl = unsubscribeUrl(web, locale, TOKEN_PLACEHOLDER);
    const email = renderCampaignUpdateEmail({
      locale,
      subject,
      bodyMarkdown: body,
      campaignTitle: pickTranslation(source.campaign, locale)?.title ?? source.campaign.slug,
      campaignUrl: `${web}${locale === 'es' ? '/es' : ''}/petitions/${source.campaign.slug}`,
      unsubscribeUrl: placeholderUrl,
      organization,
    });
    if (!email.html.includes(placeholderUrl) || !email.text.includes(placeholderUrl)) {
      throw new Error('The update template lost the unsubscribe link: refusing to send without one.');
    }
    entry = { email, placeholderUrl };
    rendered.set(locale, entry);
    return entry;
  };

  return {
    forRecipient(signatureLocale, token) {
      const locale = updateLocaleFor(source.update, signatureLocale);
      const { email, placeholderUrl } = renderLocale(locale);
      const url = unsubscribeUrl(web, locale, token);
      return {
        locale,
        unsubscribeUrl: url,
        subject: email.subject,
        html: email.html.split(placeholderUrl).join(url),
        text: email.text.split(placeholderUrl).join(url),
      };
    },
  };
}
