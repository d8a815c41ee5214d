import { Hr, Link, Section, Text } from '@react-email/components';
import { createElement as h } from 'react';
import { Layout, styles } from './layout';
import { renderEmail } from './render-email';
import type { RenderedEmail } from './confirm-signature';

export interface DeliveryEmailProps {
  campaignTitle: string;
  /** The petition text addressed to the targets. */
  ask: string;
  campaignUrl: string;
  /** e.g. "Mayor Sam Liccardo". */
  targetName: string;
  trigger: 'milestone' | 'schedule' | 'manual' | 'final';
  milestone: number | null;
  /** Counted signatures for the campaign (all signers). */
  totalCount: number;
  /** Counted signatures in the target's jurisdiction, when the target counts only constituents. */
  constituentCount: number | null;
  /** Signatures in this delivery (the attached CSV). */
  newCount: number;
  breakdown: { locality: string | null; postalCode: string | null; count: number }[];
  comments: { name: string; locality: string | null; comment: string }[];
  manifest: { count: number; sha256: string };
  range: { fromSeq: string; toSeq: string };
  deliveryUrl: string;
  attachmentName: string;
  /** Date of the delivery, already formatted for the target. */
  dateLabel: string;
}

const n = (value: number) => value.toLocaleString('en-US');

export function deliverySubject(p: Pick<DeliveryEmailProps, 'campaignTitle' | 'totalCount' | 'constituentCount'>): string {
  if (p.constituentCount !== null) {
    return `${n(p.constituentCount)} of your constituents (${n(p.totalCount)} people in all) ask you: ${p.campaignTitle}`;
  }
  return `${n(p.totalCount)} ${p.totalCount === 1 ? 'person asks' : 'people ask'} you: ${p.campaignTitle}`;
}

function reason(p: DeliveryEmailProps): string {
  switch (p.trigger) {
    case 'milestone':
      return p.milestone ? `The petition passed ${n(p.milestone)} signatures.` : 'The petition passed a milestone.';
    case 'schedule':
      return 'This is the regular digest of new signatures.';
    case 'manual':
      return 'The organizers are delivering the signatures gathered so far.';
    case 'final':
      return 'The petition has closed; this is the final delivery.';
  }
}

export function DeliveryEmail(p: DeliveryEmailProps) {
  const totals =
    p.constituentCount !== null
      ? `${n(p.constituentCount)} people in your jurisdiction have signed (${n(p.totalCount)} signers in all).`
      : `${n(p.totalCount)} ${p.totalCount === 1 ? 'person has' : 'people have'} signed.`;
  const news = `This delivery brings you ${n(p.newCount)} new ${p.newCount === 1 ? 'signature' : 'signatures'} since the last one, listed in the attached file ${p.attachmentName}.`;
  return h(
    Layout,
    { lang: 'en', preview: deliverySubject(p) },
    h(Text, { style: styles.p }, `Dear ${p.targetName},`),
    h(Text, { style: styles.p }, `${reason(p)} ${totals} ${news}`),
    h(Text, { style: styles.h2 }, `The petition: ${p.campaignTitle}`),
    h(Text, { style: styles.quote }, p.ask),
    p.breakdown.length > 0 &&
      h(
        Section,
        null,
        h(Text, { style: styles.h2 }, 'New signatures by place'),
        ...p.breakdown.map((row, i) =>
          h(
            Text,
            { key: i, style: styles.row },
            `${row.locality ?? 'Unknown place'}${row.postalCode ? ` (${row.postalCode})` : ''}: ${n(row.count)}`,
          ),
        ),
      ),
    p.comments.length > 0 &&
      h(
        Section,
        null,
        h(Text, { style: styles.h2 }, 'What signers say'),
        ...p.comments.map((c, i) => h(Text, { key: i, style: styles.p }, `“${c.comment}” — ${c.name}${c.locality ? `, ${c.locality}` : ''}`)),
      ),
    h(Text, { style: styles.p }, 'Read the petition: ', h(Link, { href: p.campaignUrl }, p.campaignUrl)),
    h(Hr),
    h(Text, { style: styles.h2 }, 'Manifest'),
    h(
      Text,
      { style: styles.small },
      `Delivered ${p.dateLabel}. Rows in the attached CSV: ${n(p.manifest.count)}. Signature range (${p.range.fromSeq}, ${p.range.toSeq}].`,
    ),
    h(Text, { style: styles.small }, 'SHA-256 of the CSV rows (every byte after the header line):'),
    h(Text, { style: styles.mono }, p.manifest.sha256),
    h(
      Text,
      { style: styles.small },
      'Check it yourself with “tail -n +2 signatures.csv | sha256sum” (on the unzipped file), and compare with the public record of this delivery: ',
      h(Link, { href: p.deliveryUrl }, p.deliveryUrl),
    ),
  );
}

export async function renderDeliveryEmail(props: DeliveryEmailProps): Promise<RenderedEmail> {
  const { html, text } = renderEmail(h(DeliveryEmail, props));
  return { subject: deliverySubject(props), html, text };
}
