import type { Db } from '@undersigned/db';
import { targetDisplayName } from '../campaigns/get-published-campaign';
import type { UpdateContent } from './update-input';

const STANCE = {
  en: { supports: 'supports our call', opposes: 'does not support our call', no_commitment: 'did not commit either way' },
  es: { supports: 'apoya nuestra petición', opposes: 'no apoya nuestra petición', no_commitment: 'no se comprometió' },
} as const;

function quote(markdown: string): string {
  return markdown
    .trim()
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function longDate(isoDate: string, locale: 'en' | 'es'): string {
  return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/**
 * A draft update announcing a response ("Mayor Sam Liccardo responded: …"), in each language the
 * campaign is written in: subject, who responded and when, their stance, the response quoted
 * (the other language's text when it has none in this one), the link, and thanks. Null when the
 * response is not this campaign's. Nothing is saved: staff edit it, then Save draft.
 */
export async function prefillUpdateFromResponse(
  db: Db,
  input: { campaignId: number; responseId: number },
): Promise<(UpdateContent & { responseId: number }) | null> {
  const r = await db.targetResponse.findFirst({
    where: { id: input.responseId, campaignId: input.campaignId },
    include: { campaignTarget: { include: { target: true } }, campaign: { include: { translations: true } } },
  });
  if (!r) return null;
  const name = targetDisplayName(r.campaignTarget.target);
  const date = r.respondedOn.toISOString().slice(0, 10);
  const has = (l: 'en' | 'es') => r.campaign.translations.some((t) => t.locale === l);
  const title = (l: 'en' | 'es') => r.campaign.translations.find((t) => t.locale === l)?.title ?? r.campaign.slug;
  const text = (l: 'en' | 'es') => (l === 'en' ? (r.textEn ?? r.textEs) : (r.textEs ?? r.textEn)) ?? '';
  const en = has('en')
    ? {
        subjectEn: `${name} responded: ${title('en')}`.slice(0, 200),
        bodyEn: [
          `${name} responded to our petition on ${longDate(date, 'en')}, and ${STANCE.en[r.stance]}. Here is what they said:`,
          quote(text('en')),
          ...(r.url ? [`[Read the full response](${r.url})`] : []),
          'Thank you for adding your name: this answer is because of you. We will keep you posted on what comes next.',
        ].join('\n\n'),
      }
    : { subjectEn: null, bodyEn: null };
  const es = has('es')
    ? {
        subjectEs: `${name} respondió: ${title('es')}`.slice(0, 200),
        bodyEs: [
          `${name} respondió a nuestra petición el ${longDate(date, 'es')} y ${STANCE.es[r.stance]}. Esto es lo que dijo:`,
          quote(text('es')),
          ...(r.url ? [`[Lee la respuesta completa](${r.url})`] : []),
          'Gracias por firmar: esta respuesta es gracias a ti. Te seguiremos informando.',
        ].join('\n\n'),
      }
    : { subjectEs: null, bodyEs: null };
  return { ...en, ...es, responseId: r.id };
}
