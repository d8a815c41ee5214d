import type { StaffCampaign } from '@undersigned/core';
import type { CampaignPayload } from './campaign-payload';

const emptyText = { title: '', ask: '', body: '', summary: '' };

export const NEW_CAMPAIGN: CampaignPayload = {
  slug: '',
  defaultLocale: 'en',
  goal: 1000,
  contactEmail: '',
  requireConfirmation: false,
  showRecentSigners: true,
  includeEmailsInDeliveries: false,
  translations: { en: emptyText, es: emptyText },
  sources: [],
};

/** A stored campaign as the editor's initial value. */
export function editorPayload(c: StaffCampaign): CampaignPayload {
  const text = (t: StaffCampaign['en']) => (t ? { title: t.title, ask: t.ask, body: t.body, summary: t.summary ?? '' } : emptyText);
  return {
    slug: c.slug,
    defaultLocale: c.defaultLocale,
    goal: c.goal,
    contactEmail: c.contactEmail ?? '',
    requireConfirmation: c.requireConfirmation,
    showRecentSigners: c.showRecentSigners,
    includeEmailsInDeliveries: c.includeEmailsInDeliveries,
    translations: { en: text(c.en), es: text(c.es) },
    sources: c.sources.map((s) => ({ citation: s.citation, url: s.url ?? '' })),
  };
}
