import { Button, Section, Text } from '@react-email/components';
import { createElement as h } from 'react';
import { Layout, styles } from './layout';
import { renderEmail } from './render-email';

export type EmailLocale = 'en' | 'es';

export interface ConfirmSignatureProps {
  locale: EmailLocale;
  givenName: string;
  campaignTitle: string;
  /** Absolute URL of the confirmation page (its button POSTs the confirmation). */
  confirmUrl: string;
}

const copy = {
  en: {
    subject: (title: string) => `Please confirm your signature: ${title}`,
    greeting: (name: string) => `Hi ${name},`,
    intro: (title: string) => `Thank you for signing “${title}”. One more step: confirm your email address so your name counts.`,
    button: 'Confirm my signature',
    fallback: 'If the button does not work, open this link:',
    ignore: 'If you did not sign this petition, ignore this email and nothing will be counted.',
  },
  es: {
    subject: (title: string) => `Confirma tu firma: ${title}`,
    greeting: (name: string) => `Hola, ${name}:`,
    intro: (title: string) => `Gracias por firmar «${title}». Falta un paso: confirma tu correo electrónico para que tu nombre cuente.`,
    button: 'Confirmar mi firma',
    fallback: 'Si el botón no funciona, abre este enlace:',
    ignore: 'Si no firmaste esta petición, ignora este correo y no se contará nada.',
  },
} as const;

export function ConfirmSignatureEmail(props: ConfirmSignatureProps) {
  const t = copy[props.locale];
  return h(
    Layout,
    { lang: props.locale, preview: t.intro(props.campaignTitle) },
    h(Text, { style: styles.p }, t.greeting(props.givenName)),
    h(Text, { style: styles.p }, t.intro(props.campaignTitle)),
    h(Section, { style: { margin: '24px 0' } }, h(Button, { href: props.confirmUrl, style: styles.button }, t.button)),
    h(Text, { style: styles.small }, `${t.fallback} ${props.confirmUrl}`),
    h(Text, { style: styles.small }, t.ignore),
  );
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderConfirmSignatureEmail(props: ConfirmSignatureProps): Promise<RenderedEmail> {
  const { html, text } = renderEmail(h(ConfirmSignatureEmail, props));
  return { subject: copy[props.locale].subject(props.campaignTitle), html, text };
}

/** The confirmation page URL: English at /petitions/{slug}/confirm, Spanish under /es. */
export function confirmUrl(publicWebUrl: string, locale: EmailLocale, slug: string, token: string): string {
  const base = publicWebUrl.replace(/\/+$/, '');
  const prefix = locale === 'es' ? '/es' : '';
  return `${base}${prefix}/petitions/${encodeURIComponent(slug)}/confirm?token=${encodeURIComponent(token)}`;
}
