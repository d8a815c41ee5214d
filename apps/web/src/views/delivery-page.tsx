import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@undersigned/db';
import type { Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';
import { getPublicDelivery, type PublicDelivery } from '@undersigned/core';
import { petitionPath } from '@/server/urls';

/**
 * `/deliveries/{id}`: the public record of one delivery to an official, linked from the email.
 * Anyone (the official, a journalist) can check the count and the manifest hash against the CSV
 * they received. It shows figures only, never a signer (docs/DESIGN.md invariant 6).
 */
const text = {
  en: {
    title: 'Delivery record',
    intro: 'This page records a delivery of petition signatures to an official. It shows no signer’s data.',
    petition: 'Petition',
    target: 'Delivered to',
    status: 'Status',
    statuses: { pending: 'Queued', sending: 'Sending', sent: 'Delivered', failed: 'Not delivered' },
    trigger: 'Why it was sent',
    triggers: {
      milestone: 'Milestone reached',
      schedule: 'Scheduled digest',
      manual: 'Sent by the organizers',
      final: 'Final delivery at the close of the petition',
    },
    created: 'Prepared',
    sent: 'Sent',
    count: 'Signatures in this delivery',
    total: 'Total signatures at the time',
    constituents: 'Of them, in the official’s jurisdiction',
    range: 'Signature range (sequence numbers)',
    manifest: 'Manifest (SHA-256 of the CSV rows)',
    verify: 'To verify the attached CSV, hash every line after the header, exactly as received:',
    integrity: 'Integrity',
    confirmed: 'Share of signatures confirmed',
    inJurisdiction: 'Share in the official’s jurisdiction',
    removed: 'Signatures removed as fraudulent or invalid',
    none: 'not applicable',
    back: 'Read the petition',
  },
  es: {
    title: 'Registro de entrega',
    intro: 'Esta página registra una entrega de firmas de una petición a un funcionario. No muestra datos de quienes firmaron.',
    petition: 'Petición',
    target: 'Entregada a',
    status: 'Estado',
    statuses: { pending: 'En cola', sending: 'Enviándose', sent: 'Entregada', failed: 'No entregada' },
    trigger: 'Motivo del envío',
    triggers: {
      milestone: 'Se alcanzó una meta',
      schedule: 'Resumen programado',
      manual: 'Enviada por los organizadores',
      final: 'Entrega final al cerrar la petición',
    },
    created: 'Preparada',
    sent: 'Enviada',
    count: 'Firmas en esta entrega',
    total: 'Total de firmas en ese momento',
    constituents: 'De ellas, en la jurisdicción del funcionario',
    range: 'Rango de firmas (números de secuencia)',
    manifest: 'Manifiesto (SHA-256 de las filas del CSV)',
    verify: 'Para verificar el CSV adjunto, calcule el hash de todas las líneas después del encabezado, tal como se recibieron:',
    integrity: 'Integridad',
    confirmed: 'Porcentaje de firmas confirmadas',
    inJurisdiction: 'Porcentaje en la jurisdicción del funcionario',
    removed: 'Firmas eliminadas por fraudulentas o inválidas',
    none: 'no aplica',
    back: 'Leer la petición',
  },
} as const;

export interface DeliveryPageProps {
  params: Promise<{ id: string }>;
}

export function deliveryMetadata(locale: Locale): Metadata {
  return { title: text[locale].title, robots: { index: false } };
}

async function load(id: string): Promise<PublicDelivery> {
  const delivery = await getPublicDelivery(getDb(), id);
  if (!delivery) notFound();
  return delivery;
}

export async function DeliveryPage({ locale, params }: DeliveryPageProps & { locale: Locale }) {
  const { id } = await params;
  const d = await load(id);
  const t = text[locale];
  const number = new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US');
  const percent = new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { style: 'percent', maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
  const rows: [string, string][] = [
    [t.petition, d.campaign.title],
    [
      t.target,
      d.target.organization && !d.target.name.includes(d.target.organization) ? `${d.target.name}, ${d.target.organization}` : d.target.name,
    ],
    [t.status, t.statuses[d.status]],
    [t.trigger, d.trigger === 'milestone' && d.milestone ? `${t.triggers.milestone}: ${number.format(d.milestone)}` : t.triggers[d.trigger]],
    [t.created, `${date.format(d.createdAt)} UTC`],
    ...(d.sentAt ? ([[t.sent, `${date.format(d.sentAt)} UTC`]] as [string, string][]) : []),
    [t.count, number.format(d.signatureCount)],
    [t.total, number.format(d.totalCount)],
    ...(d.constituentCount !== null ? ([[t.constituents, number.format(d.constituentCount)]] as [string, string][]) : []),
    [t.range, `(${d.range.fromSeq}, ${d.range.toSeq}]`],
  ];
  const integrity: [string, string][] = [
    [t.confirmed, d.integrity.shareConfirmed === null ? t.none : percent.format(d.integrity.shareConfirmed)],
    [t.inJurisdiction, d.integrity.shareInJurisdiction === null ? t.none : percent.format(d.integrity.shareInJurisdiction)],
    [t.removed, number.format(d.integrity.removedAsFraudulent)],
  ];
  const altHref = `${locale === 'en' ? '/es' : ''}/deliveries/${d.id}`;
  return (
    <PageFrame locale={locale} altHref={altHref}>
      <div className="mx-auto max-w-3xl px-4 py-10">
        <h1 className="text-3xl font-extrabold tracking-tight">{t.title}</h1>
        <p className="mt-3 text-lg text-gray-700">{t.intro}</p>
        <dl className="mt-8 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
          {rows.map(([label, value]) => (
            <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="font-semibold text-gray-700">{label}</dt>
              <dd className="sm:col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
        <h2 className="mt-8 text-xl font-bold">{t.manifest}</h2>
        <p className="mt-2 break-all rounded bg-gray-100 px-3 py-2 font-mono text-sm" data-testid="manifest-hash">
          {d.manifestSha256 ?? '—'}
        </p>
        <p className="mt-3 text-gray-700">{t.verify}</p>
        <pre className="mt-2 overflow-x-auto rounded bg-gray-900 px-3 py-2 text-sm text-white">
          <code>tail -n +2 signatures.csv | sha256sum</code>
        </pre>
        <h2 className="mt-8 text-xl font-bold">{t.integrity}</h2>
        <dl className="mt-3 divide-y divide-gray-200 rounded-lg border border-gray-200 bg-white">
          {integrity.map(([label, value]) => (
            <div key={label} className="grid gap-1 px-4 py-3 sm:grid-cols-3">
              <dt className="font-semibold text-gray-700">{label}</dt>
              <dd className="sm:col-span-2">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-8">
          <a href={petitionPath(d.campaign.slug, locale)} className="font-semibold text-brand-700 underline underline-offset-2">
            {t.back}
          </a>
        </p>
      </div>
    </PageFrame>
  );
}
