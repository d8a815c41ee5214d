import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getCampaignEvent } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { formatDateTimeRange } from '@/components/format';
import { PrintButton } from '@/components/events/print-button';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { eventLink, qrCodeSvg } from '@/server/event-links';
import { loadCampaign } from '@/server/load-campaign';
import { recordIdSchema } from '@/server/record-id';

export const metadata: Metadata = { title: 'Printable sign' };

/** A sign for the table: the campaign's title, a large QR code and the link, in English and Spanish. Staff chrome is hidden when printed. */
export default async function PrintEventPage({ params }: { params: Promise<{ id: string; eventId: string }> }) {
  await requireStaff('event.manage');
  const raw = await params;
  const campaign = await loadCampaign(raw.id);
  const eventId = recordIdSchema.safeParse(raw.eventId);
  if (!eventId.success) notFound();
  const event = await getCampaignEvent(getDb(), campaign.id, eventId.data);
  if (!event) notFound();
  const tz = staffEnv().STAFF_TIME_ZONE;
  const en = eventLink(campaign.slug, event.code, 'en');
  const es = eventLink(campaign.slug, event.code, 'es');
  const [qrEn, qrEs] = await Promise.all([qrCodeSvg(en), qrCodeSvg(es)]);
  const titleEs = campaign.es?.title;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <p className="text-sm text-slate-600">
          {event.name} · {formatDateTimeRange(event.startsAt, event.endsAt, tz)}
          {event.revokedAt ? ' · revoked: this link no longer exempts signatures' : ''}
        </p>
        <div className="flex gap-2">
          <Link href={`/campaigns/${campaign.id}/events`} className="text-sm text-indigo-600 hover:text-indigo-500">
            Back to events
          </Link>
          <PrintButton />
        </div>
      </div>
      <article className="mx-auto grid max-w-4xl gap-10 rounded-lg border border-slate-200 bg-white p-8 sm:grid-cols-2 print:border-0 print:p-0">
        <Sign
          lang="en"
          heading="Sign the petition"
          title={campaign.en?.title ?? campaign.title}
          hint="Scan with your phone’s camera"
          url={en}
          qr={qrEn}
        />
        <Sign
          lang="es"
          heading="Firma la petición"
          title={titleEs ?? campaign.en?.title ?? campaign.title}
          hint="Escanea con la cámara de tu teléfono"
          url={es}
          qr={qrEs}
        />
      </article>
    </div>
  );
}

function Sign({ lang, heading, title, hint, url, qr }: { lang: 'en' | 'es'; heading: string; title: string; hint: string; url: string; qr: string }) {
  return (
    <section lang={lang} className="flex flex-col items-center text-center">
      <h2 className="text-2xl font-bold text-slate-900">{heading}</h2>
      <p className="mt-2 text-lg text-slate-800">{title}</p>
      <div
        role="img"
        aria-label={lang === 'en' ? 'QR code of the sign-up link' : 'Código QR del enlace para firmar'}
        className="mt-6 w-full max-w-72 [&>svg]:h-auto [&>svg]:w-full"
        // qrcode's SVG: paths generated from the URL, no text of ours inside.
        dangerouslySetInnerHTML={{ __html: qr }}
      />
      <p className="mt-3 text-base font-medium text-slate-800">{hint}</p>
      <p className="mt-2 font-mono text-xs break-all text-slate-700">{url}</p>
    </section>
  );
}
