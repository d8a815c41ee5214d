import type { Db } from '@undersigned/db';
import type { UpdateContent } from './update-input';

/**
 * A draft update announcing a win, in each language the campaign is written in: "We won: …"
 * with the campaign's victory message (what staff wrote when marking victory). Null for an
 * unknown campaign. Nothing is saved: staff edit it, then Save draft.
 */
export async function prefillUpdateFromVictory(db: Db, campaignId: number): Promise<UpdateContent | null> {
  const c = await db.campaign.findUnique({ where: { id: campaignId }, include: { translations: true } });
  if (!c) return null;
  const t = (l: 'en' | 'es') => c.translations.find((x) => x.locale === l);
  const en = t('en');
  const es = t('es');
  return {
    subjectEn: en ? `We won: ${en.title}`.slice(0, 200) : null,
    bodyEn: en
      ? [
          en.victoryMessage?.trim() || `We won! “${en.title}” has succeeded.`,
          'Thank you for signing and sharing: this victory belongs to everyone who added their name.',
        ].join('\n\n')
      : null,
    subjectEs: es ? `¡Ganamos!: ${es.title}`.slice(0, 200) : null,
    bodyEs: es
      ? [
          es.victoryMessage?.trim() || `¡Ganamos! «${es.title}» lo logró.`,
          'Gracias por firmar y compartir: esta victoria es de todas las personas que sumaron su nombre.',
        ].join('\n\n')
      : null,
  };
}
