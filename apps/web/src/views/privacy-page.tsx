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
        heading: 'Stopping abuse, and how long we keep things',
        items: [
          'To stop automated abuse we keep, with each signature, a keyed fingerprint (HMAC) of the IP address it came from — never the address itself — and we look at the domain of your email address (the part after the @). Organizers see which fingerprints and domains are signing unusually often, and can put a fingerprint or a domain on a block list or an allow list. Those lists hold only the fingerprint or the domain, never a name or an address, and an entry stays until the organizers remove it.',
          'When a signature looks automated — many signatures from one network or one email domain in a short time, a throwaway email domain, or a blocked fingerprint or domain — it is held for review, with that reason. A held signature is not counted or delivered until an organizer approves it; if they reject it, it is kept, marked as not counted. You see the same thank-you page either way. If the campaign asks you to confirm your email, confirming releases a held signature automatically, unless it matched a block list.',
          'Held signatures are kept with their reason until an organizer approves or rejects them, and after that like any other signature. Once a campaign has been closed for a year (the default; the people running this site can choose another period), the names, comments and IP fingerprints of its signatures are removed — held and rejected ones included — and your own record (name and email) is anonymized once no campaign you signed is still within that period. You can ask for erasure sooner at any time (see below).',
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
        heading: 'Frenar abusos, y cuánto tiempo guardamos los datos',
        items: [
          'Para frenar abusos automatizados guardamos, con cada firma, una huella con clave (HMAC) de la dirección IP desde la que llegó —nunca la dirección en sí— y nos fijamos en el dominio de tu correo (lo que va después de la @). Los organizadores ven qué huellas y qué dominios están firmando con una frecuencia inusual, y pueden añadir una huella o un dominio a una lista de bloqueo o a una lista de permitidos. Esas listas solo contienen la huella o el dominio, nunca un nombre ni una dirección, y cada entrada se queda hasta que los organizadores la quitan.',
          'Si una firma parece automatizada —muchas firmas desde la misma red o el mismo dominio de correo en poco tiempo, un dominio de correo desechable, o una huella o un dominio bloqueados—, queda retenida para revisión, junto con el motivo. Una firma retenida no se cuenta ni se entrega hasta que un organizador la aprueba; si la rechaza, se guarda marcada como no contada. En cualquier caso ves la misma página de agradecimiento. Si la campaña te pide confirmar tu correo, al confirmarlo la firma retenida se libera sola, salvo que coincida con una lista de bloqueo.',
          'Las firmas retenidas se guardan con su motivo hasta que un organizador las aprueba o las rechaza, y a partir de entonces como cualquier otra firma. Cuando una campaña lleva un año cerrada (el plazo predeterminado; quienes gestionan este sitio pueden fijar otro), se borran los nombres, los comentarios y las huellas de IP de sus firmas —también las retenidas y las rechazadas—, y tu propio registro (nombre y correo) se anonimiza cuando ninguna de las campañas que firmaste sigue dentro de ese plazo. Puedes pedir que se borren antes en cualquier momento (ver más abajo).',
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
