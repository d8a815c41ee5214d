import { randomBytes } from 'node:crypto';
import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { campaignEventSchema, EVENT_MAX_WINDOW_MS, type CampaignEventInput } from './campaign-event-input';

export interface CreatedCampaignEvent {
  id: number;
  code: string;
  startsAt: Date;
  endsAt: Date;
}

/** 12 characters of base64url from 72 random bits: the `?event=` of the link, unguessable. */
function newEventCode(): string {
  return randomBytes(9).toString('base64url');
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}

/**
 * Creates an event sign-up link for a campaign (a signing table at a church, a campus, a fair):
 * signatures through its link during its window are exempt from the per-IP limits (never from
 * dedupe), and past about twice `expectedSize` they are held for review (event_capacity). The
 * window must end after it starts, last at most 14 days and not be over already (`now`, for
 * tests). Closed campaigns take no new events. Audited as `event.create`.
 */
export async function createCampaignEvent(
  db: Db,
  actor: StaffActor,
  input: CampaignEventInput,
  options: { now?: Date } = {},
): Promise<CreatedCampaignEvent> {
  const parsed = campaignEventSchema(input.timeZone ?? 'UTC').safeParse(input);
  const fields: Record<string, string> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  } else {
    const { startsAt, endsAt } = parsed.data;
    const now = options.now ?? new Date();
    if (endsAt.getTime() <= startsAt.getTime()) fields.endsAt = 'end_before_start';
    else if (endsAt.getTime() - startsAt.getTime() > EVENT_MAX_WINDOW_MS) fields.endsAt = 'window_too_long';
    else if (endsAt.getTime() <= now.getTime()) fields.endsAt = 'end_in_past';
  }
  if (!parsed.success || Object.keys(fields).length > 0) throw new AppError('validation', 'Some fields need attention.', fields);
  const data = parsed.data;

  const campaign = await db.campaign.findUnique({ where: { id: input.campaignId }, select: { id: true, status: true } });
  if (!campaign) throw new AppError('not_found', 'No such campaign.');
  if (campaign.status === 'closed' || campaign.status === 'victory') {
    throw new AppError('conflict', 'This campaign no longer takes signatures, so it cannot have a new event link.');
  }

  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const event = await tx.campaignEvent.create({
          data: {
            campaignId: campaign.id,
            name: data.name,
            code: newEventCode(),
            startsAt: data.startsAt,
            endsAt: data.endsAt,
            expectedSize: data.expectedSize,
            createdById: actor.id,
          },
          select: { id: true, code: true, startsAt: true, endsAt: true },
        });
        await recordAudit(tx, {
          actorId: actor.id,
          action: 'event.create',
          entityType: 'campaign_event',
          entityId: event.id,
          data: {
            campaignId: campaign.id,
            name: data.name,
            startsAt: data.startsAt.toISOString(),
            endsAt: data.endsAt.toISOString(),
            expectedSize: data.expectedSize,
          },
        });
        return event;
      });
    } catch (error) {
      // 72 random bits: a clash is all but impossible, but a second draw costs nothing.
      if (isUniqueViolation(error) && attempt < 2) continue;
      throw error;
    }
  }
}
