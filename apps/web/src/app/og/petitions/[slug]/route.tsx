import { ImageResponse } from 'next/og';
import { getDb } from '@undersigned/db';
import { formatNumber, getDictionary } from '@/i18n';
import { getPublishedCampaign, SLUG_PATTERN } from '@undersigned/core';

export const dynamic = 'force-dynamic';

/** Open Graph / Twitter card: title, target and live count (no signer data). */
export async function GET(request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  const locale = new URL(request.url).searchParams.get('locale') === 'es' ? 'es' : 'en';
  const campaign = SLUG_PATTERN.test(slug) ? await getPublishedCampaign(getDb(), slug, locale) : null;
  if (!campaign) return new Response('Not found', { status: 404 });
  const t = getDictionary(locale);
  const count = formatNumber(campaign.count, locale);
  const goal = formatNumber(campaign.goal, locale);
  const percent = Math.min(100, Math.round((campaign.count / Math.max(campaign.goal, 1)) * 100));
  const targets = campaign.targets.map((x) => x.displayName).join(', ');
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        background: '#fafaf9',
        padding: 64,
        fontFamily: 'sans-serif',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 16, fontSize: 30, fontWeight: 700, color: '#1c1917' }}>
        <div style={{ width: 36, height: 36, background: '#a3281a', borderRadius: 4 }} />
        {t.siteName}
      </div>
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        <div style={{ fontSize: 30, color: '#a3281a', fontWeight: 700, textTransform: 'uppercase' }}>{`${t.campaign.petitionTo} ${targets}`}</div>
        <div style={{ fontSize: campaign.title.length > 70 ? 52 : 64, fontWeight: 800, color: '#1c1917', lineHeight: 1.1, marginTop: 12 }}>
          {campaign.title}
        </div>
      </div>
      <div style={{ display: 'flex', flexDirection: 'column' }}>
        <div style={{ fontSize: 40, fontWeight: 800, color: '#1c1917' }}>{`${t.campaign.ofGoal(count, goal)} ${t.campaign.signatures}`}</div>
        <div style={{ display: 'flex', marginTop: 16, width: '100%', height: 24, background: '#e7e5e4', borderRadius: 12 }}>
          <div style={{ width: `${Math.max(percent, 2)}%`, height: 24, background: '#a3281a', borderRadius: 12 }} />
        </div>
      </div>
    </div>,
    { width: 1200, height: 630, headers: { 'Cache-Control': 'public, max-age=60, s-maxage=60' } },
  );
}
