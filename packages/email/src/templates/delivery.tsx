import { Hr, Link, Section, Text } from '@react-email/components';
import { renderEmail } from './render-email';
import { Layout, styles } from './layout';
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
  /** ISO date of the delivery, shown in the target's time zone by the caller. */
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
  return (
    <Layout lang="en" preview={deliverySubject(p)}>
      <Text style={styles.p}>Dear {p.targetName},</Text>
      <Text style={styles.p}>
        {reason(p)}{' '}
        {p.constituentCount !== null
          ? `${n(p.constituentCount)} people in your jurisdiction have signed (${n(p.totalCount)} signers in all).`
          : `${n(p.totalCount)} people have signed.`}{' '}
        This delivery brings you {n(p.newCount)} new {p.newCount === 1 ? 'signature' : 'signatures'} since the last one,
        listed in the attached file {p.attachmentName}.
      </Text>
      <Text style={styles.h2}>The petition: {p.campaignTitle}</Text>
      <Text style={styles.quote}>{p.ask}</Text>
      {p.breakdown.length > 0 && (
        <Section>
          <Text style={styles.h2}>New signatures by place</Text>
          <table cellPadding={0} cellSpacing={0} role="presentation">
            <tbody>
              {p.breakdown.map((row, i) => (
                <tr key={i}>
                  <td style={styles.td}>{row.locality ?? 'Unknown'}</td>
                  <td style={styles.td}>{row.postalCode ?? '—'}</td>
                  <td style={{ ...styles.td, textAlign: 'right' }}>{n(row.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      {p.comments.length > 0 && (
        <Section>
          <Text style={styles.h2}>What signers say</Text>
          {p.comments.map((c, i) => (
            <Text key={i} style={styles.p}>
              “{c.comment}” — {c.name}
              {c.locality ? `, ${c.locality}` : ''}
            </Text>
          ))}
        </Section>
      )}
      <Text style={styles.p}>
        Read the petition: <Link href={p.campaignUrl}>{p.campaignUrl}</Link>
      </Text>
      <Hr />
      <Text style={styles.h2}>Manifest</Text>
      <Text style={styles.small}>
        Delivered {p.dateLabel}. Rows in the attached CSV: {n(p.manifest.count)}. Signature range ({p.range.fromSeq},{' '}
        {p.range.toSeq}].
      </Text>
      <Text style={styles.small}>SHA-256 of the CSV rows (every byte after the header line):</Text>
      <Text style={styles.mono}>{p.manifest.sha256}</Text>
      <Text style={styles.small}>
        Check it yourself with <code>tail -n +2 signatures.csv | sha256sum</code>, and compare with the public record of
        this delivery: <Link href={p.deliveryUrl}>{p.deliveryUrl}</Link>
      </Text>
    </Layout>
  );
}

export async function renderDeliveryEmail(props: DeliveryEmailProps): Promise<RenderedEmail> {
  const element = <DeliveryEmail {...props} />;
  const { html, text } = renderEmail(element);
  return { subject: deliverySubject(props), html, text };
}
