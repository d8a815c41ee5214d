import type { Metadata } from 'next';
import Link from 'next/link';
import { can, instantToLocalDateTime, listCampaignEvents, type CampaignEventSummary } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, buttonClass, Card, CardBody, CardHeader, EmptyState } from '@undersigned/ui';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { CopyLinkButton } from '@/components/events/copy-link-button';
import { CreateEventForm } from '@/components/events/create-event-form';
import { EventStatusBadge } from '@/components/events/event-status-badge';
import { formatDateTimeRange, formatNumber } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { eventLink, qrCodeSvg } from '@/server/event-links';
import { loadCampaign } from '@/server/load-campaign';
import { revokeCampaignEventAction } from './actions';

export const metadata: Metadata = { title: 'Events' };

const HOUR = 3_600_000;

export default async function CampaignEventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireStaff('campaign.read');
  const campaign = await loadCampaign((await params).id);
  const { revoked } = await searchParams;
  const tz = staffEnv().STAFF_TIME_ZONE;
  const manage = can(actor, 'event.manage');
  const events = await listCampaignEvents(getDb(), campaign.id);
  const open = campaign.status === 'draft' || campaign.status === 'published';
  // From this minute, for four hours: a typical signing table, and an organiser making the link at
  // the table gets one that works at once (a start at the next whole hour left the first signers
  // under the per-IP limit).
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const defaults = { startsAt: instantToLocalDateTime(start, tz), endsAt: instantToLocalDateTime(new Date(start.getTime() + 4 * HOUR), tz) };
  const qrs = manage
    ? new Map(await Promise.all(events.filter(isLive).map(async (e) => [e.id, await qrCodeSvg(eventLink(campaign.slug, e.code))] as const)))
    : new Map<number, string>();

  const revokedEvent = typeof revoked === 'string' ? events.find((e) => String(e.id) === revoked && e.status === 'revoked') : undefined;

  return (
    <div className="space-y-8">
      {revokedEvent ? (
        <Alert tone="success">
          “{revokedEvent.name}” is revoked. Signatures through its link follow the normal limits from now on; those already made keep counting.
        </Alert>
      ) : null}
      {manage && open ? (
        <Card>
          <CardHeader
            title="Create an event sign-up link"
            description="For a signing table where many people share one Wi-Fi: signatures through the link during its window are not held by the per-address limit."
          />
          <CardBody>
            <CreateEventForm campaignId={campaign.id} timeZone={tz} defaults={defaults} />
          </CardBody>
        </Card>
      ) : null}
      {manage && !open ? (
        <p className="text-sm text-slate-600">This campaign no longer takes signatures, so it cannot have new event links.</p>
      ) : null}

      <section aria-labelledby="events-heading" className="space-y-4">
        <h2 id="events-heading" className="text-base font-semibold text-slate-900">
          Event links
        </h2>
        {events.length === 0 ? (
          <EmptyState
            title="No event links yet"
            description={
              <>
                At a signing table — after a service at a church, on a campus, at a community fair — everyone signs over the same Wi-Fi, so they share
                one internet address. Past 60 signatures an hour from one address, new signatures are held for review instead of counting. An event
                link (or its QR code on a poster) lets the people at your table sign for the hours of the event without being held. Duplicates are
                still refused.
              </>
            }
          />
        ) : (
          <ul className="space-y-4">
            {events.map((e) => (
              <li key={e.id}>
                <EventCard event={e} slug={campaign.slug} campaignId={campaign.id} tz={tz} manage={manage} qr={qrs.get(e.id)} />
              </li>
            ))}
          </ul>
        )}
        {!manage && events.length > 0 ? <p className="text-sm text-slate-600">Campaigners and admins see the links and QR codes.</p> : null}
      </section>
    </div>
  );
}

/** Upcoming or active: the link still exempts signatures (or will). */
function isLive(e: CampaignEventSummary): boolean {
  return e.status === 'upcoming' || e.status === 'active';
}

function EventCard({
  event: e,
  slug,
  campaignId,
  tz,
  manage,
  qr,
}: {
  event: CampaignEventSummary;
  slug: string;
  campaignId: number;
  tz: string;
  manage: boolean;
  qr: string | undefined;
}) {
  const base = `/campaigns/${campaignId}/events/${e.id}`;
  const total = e.counts.counted + e.counts.pending + e.counts.held;
  const overCapacity = total > 2 * e.expectedSize;
  return (
    <Card>
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h3 id={`event-${e.id}-name`} className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
            {e.name} <EventStatusBadge status={e.status} />
          </h3>
          <p className="mt-0.5 text-sm text-slate-600">
            {formatDateTimeRange(e.startsAt, e.endsAt, tz)} <span className="text-slate-500">({tz})</span>
          </p>
        </div>
        {manage && isLive(e) ? (
          <ConfirmActionButton
            action={revokeCampaignEventAction}
            fields={{ campaignId, eventId: e.id }}
            label="Revoke"
            pendingLabel="Revoking…"
            variant="danger"
            confirm={{
              title: `Revoke “${e.name}”?`,
              body: 'From now on, signatures through this link follow the normal rules: past the per-address limit they are held for review. Signatures already made keep counting. This cannot be undone; to sign up people again, create a new link.',
              yes: 'Revoke link',
            }}
          />
        ) : null}
      </div>
      <CardBody className="space-y-4">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <Count label="Counted" value={e.counts.counted} />
          <Count label="Awaiting email confirmation" value={e.counts.pending} />
          <Count label="Held for review" value={e.counts.held} />
          <Count label="Expected" value={e.expectedSize} />
        </dl>
        {overCapacity ? (
          <p className="text-sm text-amber-800">
            More than twice the expected number signed through this link: signatures beyond that are held for review (event capacity).
          </p>
        ) : null}
        {manage && isLive(e) ? <EventLinks event={e} slug={slug} qr={qr} base={base} /> : null}
        {!isLive(e) ? <p className="text-sm text-slate-600">Signatures through this link now follow the normal rules.</p> : null}
      </CardBody>
    </Card>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatNumber(value)}</dd>
    </div>
  );
}

function EventLinks({ event: e, slug, qr, base }: { event: CampaignEventSummary; slug: string; qr: string | undefined; base: string }) {
  const links = [
    { locale: 'en' as const, label: 'English', url: eventLink(slug, e.code, 'en') },
    { locale: 'es' as const, label: 'Spanish', url: eventLink(slug, e.code, 'es') },
  ];
  return (
    <div className="flex flex-col gap-5 sm:flex-row sm:items-start">
      {qr ? (
        <div
          role="img"
          aria-label={`QR code of the English sign-up link for ${e.name}`}
          className="size-40 shrink-0 rounded-md ring-1 ring-slate-200 [&>svg]:size-full"
          // qrcode's SVG: paths generated from the URL, no text of ours inside.
          dangerouslySetInnerHTML={{ __html: qr }}
        />
      ) : null}
      <div className="min-w-0 flex-1 space-y-3">
        {links.map((l) => (
          <div key={l.locale}>
            <p className="text-xs font-medium text-slate-600">{l.label} sign-up link</p>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <code
                id={`event-${e.id}-${l.locale}`}
                className="min-w-0 rounded bg-slate-50 px-2 py-1 font-mono text-xs break-all text-slate-900 ring-1 ring-slate-200"
              >
                {l.url}
              </code>
              <CopyLinkButton text={l.url} targetId={`event-${e.id}-${l.locale}`} name={`Copy the ${l.label} link for ${e.name}`} />
            </div>
          </div>
        ))}
        <div className="flex flex-wrap gap-2 pt-1">
          <a href={`${base}/qr`} download className={buttonClass('secondary', 'sm')}>
            Download QR (SVG)
          </a>
          <a href={`${base}/qr?lang=es`} download className={buttonClass('secondary', 'sm')}>
            Spanish QR (SVG)
          </a>
          <Link href={`${base}/print`} className={buttonClass('secondary', 'sm')}>
            Printable sign
          </Link>
        </div>
      </div>
    </div>
  );
}
