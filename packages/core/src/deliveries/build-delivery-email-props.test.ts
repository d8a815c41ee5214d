import { buildDeliveryEmailProps, type DeliveryEmailPropsInput } from './build-delivery-email-props';

const input: DeliveryEmailPropsInput = {
  campaign: {
    slug: 'safe-streets',
    defaultLocale: 'es',
    translations: [
      { locale: 'en', title: 'Safe streets', ask: 'Fix the crossing.' },
      { locale: 'es', title: 'Calles seguras', ask: 'Arreglen el cruce.' },
    ],
  },
  target: { title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo', organization: null },
  delivery: { trigger: 'milestone', milestone: 1000, fromSeq: 40n, toSeq: 1_200n, totalCount: 1_150, constituentCount: 900 },
  deliveryId: '3f2a9c4e-0000-4000-8000-000000000000',
  csv: {
    manifest: { count: 7, sha256: 'ab'.repeat(32) },
    breakdown: [{ locality: 'San Jose', postalCode: '95112', count: 7 }],
    comments: [{ name: 'José N.', locality: 'San Jose', comment: 'Now.' }],
    fileName: 'signatures-safe-streets-2026-11-30-3f2a9c4e.csv',
  },
  publicWebUrl: 'https://petitions.example//',
  dateLabel: '2026-11-30',
};

describe('buildDeliveryEmailProps', () => {
  it('takes the text in the campaign’s default locale, the delivery’s figures and links without a doubled slash', () => {
    expect(buildDeliveryEmailProps(input)).toEqual({
      campaignTitle: 'Calles seguras',
      ask: 'Arreglen el cruce.',
      campaignUrl: 'https://petitions.example/petitions/safe-streets',
      targetName: 'Mayor Sam Liccardo',
      trigger: 'milestone',
      milestone: 1000,
      totalCount: 1_150,
      constituentCount: 900,
      newCount: 7,
      breakdown: input.csv.breakdown,
      comments: input.csv.comments,
      manifest: input.csv.manifest,
      range: { fromSeq: '40', toSeq: '1200' },
      deliveryUrl: 'https://petitions.example/deliveries/3f2a9c4e-0000-4000-8000-000000000000',
      attachmentName: 'signatures-safe-streets-2026-11-30-3f2a9c4e.csv',
      dateLabel: '2026-11-30',
    });
  });

  it('links a preview to the preview page, as nothing has been claimed', () => {
    expect(buildDeliveryEmailProps({ ...input, deliveryId: null }).deliveryUrl).toBe('https://petitions.example/deliveries/preview');
  });

  it('falls back to the first translation, then to the slug, when the default locale has no text', () => {
    const englishOnly = { ...input, campaign: { ...input.campaign, translations: [input.campaign.translations[0]!] } };
    expect(buildDeliveryEmailProps(englishOnly)).toMatchObject({ campaignTitle: 'Safe streets', ask: 'Fix the crossing.' });
    const bare = { ...input, campaign: { ...input.campaign, translations: [] } };
    expect(buildDeliveryEmailProps(bare)).toMatchObject({ campaignTitle: 'safe-streets', ask: '' });
  });
});
