import type { Db } from '@undersigned/db';
import { toOsdiPerson, type OsdiPerson } from '../osdi/to-osdi-person';
import { toOsdiSignatureResource, type OsdiSignatureResource } from '../osdi/to-osdi-signature-resource';
import { WEBHOOK_TEST_EVENT } from './event-types';

/** A signature that no longer exists (erased): only what the event row knew. */
export interface RemovedSignatureStub {
  identifiers: string[];
  status: 'removed';
  _links: Record<string, { href: string }>;
}

export interface WebhookPetitionSummary {
  identifiers: string[];
  title: string | null;
  _links: { self: { href: string } };
}

/** One element of the JSON array POSTed to an endpoint (apps/web/README.md, "Webhooks"). */
export interface WebhookEventPayload {
  /** `evt_<outbox id>`: the same in every delivery that carries it, so receivers can dedupe by event too. */
  id: string;
  type: string;
  created_date: string;
  'osdi:signature'?: OsdiSignatureResource | RemovedSignatureStub;
  'osdi:person'?: OsdiPerson | { identifiers: string[] };
  'osdi:petition'?: WebhookPetitionSummary;
  /** signature.removed: why. */
  reason?: string;
  /** campaign.status_changed. */
  status_change?: { from: string | null; to: string | null };
  /** delivery.sent: the batch of signatures delivered to a target. */
  delivery?: {
    identifiers: string[];
    trigger: string;
    milestone: number | null;
    signature_count: number;
    total_count: number;
    sent_date: string | null;
    target: { title: string; given_name: string | null; family_name: string | null; organization: string | null };
  } | null;
  /** update.sent: an update to signers finished sending. */
  update?: {
    identifiers: string[];
    subject: { en: string | null; es: string | null };
    recipient_count: number;
    sent_count: number;
    sent_date: string | null;
  } | null;
  /** webhook.test */
  message?: string;
}

export interface WebhookPayloadDelivery {
  id: string;
  eventIds: readonly bigint[];
  test: boolean;
  createdAt: Date;
}

const str = (data: unknown, key: string): string | null => {
  if (data === null || typeof data !== 'object') return null;
  const v = (data as Record<string, unknown>)[key];
  return typeof v === 'string' ? v : null;
};

/**
 * The body of one delivery, built when it is sent (not when the event happened): signatures and
 * people are read as they are now. Something deleted meanwhile (an erasure) is described only by
 * the ids the event row kept — never by stale personal data. The person is embedded only for
 * endpoints that asked for it (includePerson) and only while the person exists. Events come out
 * in outbox order. A test delivery carries one `webhook.test` event.
 */
export async function buildWebhookPayload(
  db: Db,
  delivery: WebhookPayloadDelivery,
  endpoint: { includePerson: boolean },
  baseUrl: string,
): Promise<WebhookEventPayload[]> {
  const base = baseUrl.replace(/\/+$/, '');
  if (delivery.test) {
    return [
      {
        id: `evt_test_${delivery.id}`,
        type: WEBHOOK_TEST_EVENT,
        created_date: delivery.createdAt.toISOString(),
        message: 'A test event from Undersigned: this endpoint is reachable and verifies our signatures.',
      },
    ];
  }
  const events = await db.webhookEvent.findMany({ where: { id: { in: [...delivery.eventIds] } }, orderBy: { id: 'asc' } });
  const signatureIds = [...new Set(events.flatMap((e) => (e.signatureId === null ? [] : [e.signatureId])))];
  const personIds = [...new Set(events.flatMap((e) => (e.personId === null || e.type === 'person.erased' ? [] : [e.personId])))];
  const campaignIds = [...new Set(events.flatMap((e) => (e.campaignId === null ? [] : [e.campaignId])))];
  const deliveryIds = events.flatMap((e) => (e.type === 'delivery.sent' && str(e.data, 'delivery_id') ? [str(e.data, 'delivery_id')!] : []));
  const updateIds = events.flatMap((e) => (e.type === 'update.sent' && str(e.data, 'update_id') ? [str(e.data, 'update_id')!] : []));

  const [signatures, people, campaigns, deliveries, updates] = await Promise.all([
    signatureIds.length ? db.signature.findMany({ where: { id: { in: signatureIds } } }) : [],
    endpoint.includePerson && personIds.length ? db.person.findMany({ where: { id: { in: personIds } } }) : [],
    campaignIds.length
      ? db.campaign.findMany({ where: { id: { in: campaignIds } }, select: { id: true, slug: true, defaultLocale: true, translations: true } })
      : [],
    deliveryIds.length ? db.delivery.findMany({ where: { id: { in: deliveryIds } }, include: { target: true } }) : [],
    updateIds.length ? db.campaignUpdate.findMany({ where: { id: { in: updateIds } } }) : [],
  ]);
  const signatureById = new Map(signatures.map((s) => [s.id, s]));
  const personById = new Map(people.map((p) => [p.id, p]));
  const campaignById = new Map(campaigns.map((c) => [c.id, c]));
  const deliveryById = new Map(deliveries.map((d) => [d.id, d]));
  const updateById = new Map(updates.map((u) => [u.id, u]));

  return events.map((e): WebhookEventPayload => {
    const out: WebhookEventPayload = { id: `evt_${e.id}`, type: e.type, created_date: e.createdAt.toISOString() };
    const campaign = e.campaignId === null ? undefined : campaignById.get(e.campaignId);
    if (campaign) {
      const text = campaign.translations.find((t) => t.locale === campaign.defaultLocale) ?? campaign.translations[0];
      out['osdi:petition'] = {
        identifiers: [`undersigned:${campaign.id}`, `undersigned_slug:${campaign.slug}`],
        title: text?.title ?? null,
        _links: { self: { href: `${base}/api/v1/petitions/${campaign.slug}` } },
      };
    } else if (e.campaignId !== null) {
      out['osdi:petition'] = { identifiers: [`undersigned:${e.campaignId}`], title: null, _links: { self: { href: `${base}/api/v1/petitions` } } };
    }
    if (e.signatureId !== null) {
      const s = signatureById.get(e.signatureId);
      out['osdi:signature'] =
        s && campaign
          ? toOsdiSignatureResource(
              {
                id: s.id,
                campaignSlug: campaign.slug,
                personId: s.personId,
                status: s.status,
                comment: s.comment,
                source: s.source,
                referrerCode: s.referrerCode,
                shareCode: s.shareCode,
                locale: s.locale,
                createdAt: s.createdAt,
                modifiedAt: s.statusChangedAt ?? s.createdAt,
              },
              base,
            )
          : {
              identifiers: [`undersigned:${e.signatureId}`],
              status: 'removed',
              _links: {
                ...(campaign ? { 'osdi:petition': { href: `${base}/api/v1/petitions/${campaign.slug}` } } : {}),
                ...(e.personId !== null ? { 'osdi:person': { href: `${base}/api/v1/people/${e.personId}` } } : {}),
              },
            };
    }
    if (e.type === 'person.erased' && e.personId !== null) {
      out['osdi:person'] = { identifiers: [`undersigned:${e.personId}`] };
    } else if (e.personId !== null && endpoint.includePerson) {
      const p = personById.get(e.personId);
      if (p) out['osdi:person'] = toOsdiPerson(p, base);
    }
    if (e.type === 'signature.removed') out.reason = str(e.data, 'reason') ?? 'removed';
    if (e.type === 'campaign.status_changed') out.status_change = { from: str(e.data, 'from'), to: str(e.data, 'to') };
    if (e.type === 'delivery.sent') {
      const id = str(e.data, 'delivery_id');
      const d = id ? deliveryById.get(id) : undefined;
      out.delivery = d
        ? {
            identifiers: [`undersigned_delivery:${d.id}`],
            trigger: d.trigger,
            milestone: d.milestone,
            signature_count: d.signatureCount,
            total_count: d.totalCount,
            sent_date: d.sentAt?.toISOString() ?? null,
            target: { title: d.target.title, given_name: d.target.givenName, family_name: d.target.familyName, organization: d.target.organization },
          }
        : null;
    }
    if (e.type === 'update.sent') {
      const id = str(e.data, 'update_id');
      const u = id ? updateById.get(id) : undefined;
      out.update = u
        ? {
            identifiers: [`undersigned_update:${u.id}`],
            subject: { en: u.subjectEn, es: u.subjectEs },
            recipient_count: u.recipientCount,
            sent_count: u.sentCount,
            sent_date: u.finishedAt?.toISOString() ?? null,
          }
        : null;
    }
    return out;
  });
}
