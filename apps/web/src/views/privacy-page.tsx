import type { Metadata } from 'next';
import { localePrefix, type Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';

/** What a signer's data becomes: plain words, both languages. A static page (no data read). */
const text = {
  en: {
    title: 'Your data when you sign',
    intro: 'Signing a petition here means giving us a few details. This page says what we keep, who sees it, and how to have it removed.',
    sections: [
      {
        heading: 'What we keep',
        items: [
          'Your first and last name, email address, ZIP/postal code and the city we derive from it, your optional comment, and the language you signed in.',
          'Whether you asked for updates: the box is unchecked unless you check it, and we only email you about the campaign otherwise (for example, to confirm your signature when a campaign requires it).',
          'Where the link you followed came from (a "source" such as a newsletter, and the referral code of the person who shared it), so organizers know which shares work.',
          'A keyed fingerprint (HMAC) of your IP address, used only to stop automated abuse. Your IP address itself is never stored.',
        ],
      },
      {
        heading: 'Who sees it',
        items: [
          'The public sees at most your first name, the initial of your last name and your city — and only if the campaign shows recent signers. Never your email.',
          'The officials the petition is addressed to receive your name, city and ZIP code (and your comment), so they know you are a constituent. They receive your email address only if the campaign’s organizers chose to include it.',
          'The organizers running this site can see what you submitted, in order to deliver the petition and keep the count honest.',
        ],
      },
      {
        heading: 'What we do not do',
        items: [
          'No trackers, no advertising, no third-party scripts or fonts: every file of these pages comes from this site.',
          'We do not sell or rent your data.',
        ],
      },
      {
        heading: 'Removing your data',
        items: [
          'Write to the organizers of the campaign and ask for your data to be erased: they can remove your person record and every signature you made, and the public count goes down accordingly. Deliveries already sent to officials cannot be recalled.',
        ],
      },
    ],
    back: 'Back to all petitions',
  },
  es: {
    title: 'Tus datos cuando firmas',
    intro: 'Firmar una petición aquí significa darnos algunos datos. Esta página explica qué guardamos, quién lo ve y cómo pedir que se borre.',
    sections: [
      {
        heading: 'Qué guardamos',
        items: [
          'Tu nombre y apellido, tu correo electrónico, tu código postal y la ciudad que deducimos de él, tu comentario opcional y el idioma en que firmaste.',
          'Si pediste recibir novedades: la casilla está sin marcar salvo que la marques; si no, solo te escribimos sobre la campaña cuando hace falta (por ejemplo, para confirmar tu firma si la campaña lo pide).',
          'De dónde venía el enlace que seguiste (una «fuente», como un boletín, y el código de referencia de quien lo compartió), para que los organizadores sepan qué funciona.',
          'Una huella con clave (HMAC) de tu dirección IP, que solo sirve para frenar abusos automatizados. Tu dirección IP en sí nunca se guarda.',
        ],
      },
      {
        heading: 'Quién lo ve',
        items: [
          'El público ve como mucho tu nombre, la inicial de tu apellido y tu ciudad, y solo si la campaña muestra las firmas recientes. Nunca tu correo.',
          'Las autoridades a quienes se dirige la petición reciben tu nombre, ciudad y código postal (y tu comentario), para saber que eres de su comunidad. Solo reciben tu correo si los organizadores de la campaña decidieron incluirlo.',
          'Los organizadores que gestionan este sitio pueden ver lo que enviaste, para entregar la petición y mantener el conteo honesto.',
        ],
      },
      {
        heading: 'Lo que no hacemos',
        items: [
          'Sin rastreadores, sin publicidad, sin scripts ni fuentes de terceros: cada archivo de estas páginas viene de este sitio.',
          'No vendemos ni alquilamos tus datos.',
        ],
      },
      {
        heading: 'Borrar tus datos',
        items: [
          'Escribe a los organizadores de la campaña y pide que borren tus datos: pueden eliminar tu registro y todas tus firmas, y el conteo público baja en consecuencia. Las entregas ya enviadas a las autoridades no se pueden retirar.',
        ],
      },
    ],
    back: 'Volver a todas las peticiones',
  },
} as const;

export function privacyPath(locale: Locale): string {
  return `${localePrefix(locale)}/privacy`;
}

export function privacyMetadata(locale: Locale): Metadata {
  const t = text[locale];
  return {
    title: t.title,
    description: t.intro,
    alternates: { canonical: privacyPath(locale), languages: { en: privacyPath('en'), es: privacyPath('es') } },
  };
}

export function PrivacyPage({ locale }: { locale: Locale }) {
  const t = text[locale];
  return (
    <PageFrame locale={locale} altHref={privacyPath(locale === 'en' ? 'es' : 'en')}>
      <article className="mx-auto max-w-3xl px-4 pt-6 lg:pt-10">
        <h1 className="text-3xl font-extrabold leading-tight tracking-tight">{t.title}</h1>
        <p className="mt-4 text-lg">{t.intro}</p>
        {t.sections.map((section) => (
          <section key={section.heading} className="mt-8">
            <h2 className="text-xl font-bold">{section.heading}</h2>
            <ul className="mt-3 list-disc space-y-2 pl-6">
              {section.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          </section>
        ))}
        <p className="mt-10">
          <a href={localePrefix(locale) || '/'} className="font-semibold text-brand-700 underline underline-offset-2">
            {t.back}
          </a>
        </p>
      </article>
    </PageFrame>
  );
}
