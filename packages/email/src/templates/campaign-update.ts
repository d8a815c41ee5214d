import { Hr, Link, Section, Text } from '@react-email/components';
import { createElement as h } from 'react';
import { renderCampaignMarkdown } from '@undersigned/ui/markdown';
import { Layout, styles } from './layout';
import { renderEmail } from './render-email';
import type { EmailLocale, RenderedEmail } from './confirm-signature';

export interface CampaignUpdateEmailProps {
  locale: EmailLocale;
  subject: string;
  /** Markdown, rendered like the campaign letter (raw HTML escaped). */
  bodyMarkdown: string;
  campaignTitle: string;
  /** Absolute URL of the campaign page in the recipient's language. */
  campaignUrl: string;
  /** Absolute URL of the unsubscribe page (GET shows one button; POST is the RFC 8058 one-click). */
  unsubscribeUrl: string;
  /** Name of the organisation sending (the From name). */
  organization: string;
}

const copy = {
  en: {
    why: (title: string, org: string) =>
      `You are receiving this because you signed “${title}” and asked ${org} to send you updates about it and related campaigns.`,
    campaign: 'Read the petition',
    unsubscribe: 'Unsubscribe',
    unsubscribeText: 'Stop these emails (this campaign or all updates):',
  },
  es: {
    why: (title: string, org: string) =>
      `Recibes este correo porque firmaste «${title}» y pediste a ${org} que te enviara novedades sobre esta campaña y otras relacionadas.`,
    campaign: 'Ver la petición',
    unsubscribe: 'Darte de baja',
    unsubscribeText: 'Dejar de recibir estos correos (de esta campaña o de todas):',
  },
} as const;

export function CampaignUpdateEmail(props: CampaignUpdateEmailProps) {
  const t = copy[props.locale];
  const html = renderCampaignMarkdown(props.bodyMarkdown, props.locale === 'es' ? 'fuente' : 'source');
  return h(
    Layout,
    { lang: props.locale, preview: props.subject },
    h(Text, { style: styles.h1 }, props.subject),
    h('div', { style: styles.p, dangerouslySetInnerHTML: { __html: html } }),
    h(Section, { style: { margin: '20px 0' } }, h(Link, { href: props.campaignUrl, style: styles.button }, t.campaign)),
    h(Hr),
    h(Text, { style: styles.small }, t.why(props.campaignTitle, props.organization)),
    h(Text, { style: styles.small }, h(Link, { href: props.unsubscribeUrl }, t.unsubscribe)),
  );
}

/** Subject, HTML and plain text of an update as one recipient receives it. */
export function renderCampaignUpdateEmail(props: CampaignUpdateEmailProps): RenderedEmail {
  const { html } = renderEmail(h(CampaignUpdateEmail, props));
  const t = copy[props.locale];
  // The plain-text part is the Markdown itself (written to be read), not a conversion of the HTML.
  const text = [
    props.subject,
    '',
    props.bodyMarkdown.trim(),
    '',
    `${t.campaign}: ${props.campaignUrl}`,
    '',
    '--',
    t.why(props.campaignTitle, props.organization),
    `${t.unsubscribeText} ${props.unsubscribeUrl}`,
  ].join('\n');
  return { subject: props.subject, html, text };
}

/**
 * The headers every update carries (RFC 2369 and RFC 8058): mailbox providers show their own
 * unsubscribe button and POST `List-Unsubscribe=One-Click` to the HTTPS URL, with no cookies.
 */
export function listUnsubscribeHeaders(unsubscribeUrl: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
