import type { Db, DeliveryTrigger } from '@undersigned/db';
import { Prisma } from '@undersigned/db';
import { assignSignatureSequence } from './assign-signature-sequence';
import { claimDeliveryRange } from './claim-delivery-range';
import { CONSTITUENT_SQL_EXPRESSION, jurisdictionCodes } from './constituent-filter';
import { digestDueAt } from './digest-due-at';
import { nextMilestone } from './next-milestone';

interface PairRow {
  campaign_id: number;
  target_id: number;
  status: string;
  goal: number;
  constituents_only: boolean;
  milestones: number[];
  schedule_cadence: 'daily' | 'weekly' | null;
  schedule_time: string | null;
  schedule_weekday: number | null;
  postal_codes: string[];
  time_zone: string;
  last_to: bigint;
  last_milestone: number;
  last_digest: Date | null;
}

export interface PlannedDelivery {
  deliveryId: string;
  campaignId: number;
  targetId: number;
  trigger: DeliveryTrigger;
  milestone: number | null;
  status: string;
}

/**
 * The delivery planner, run every few seconds by the worker's repeatable job. It reads what is
 * due from Postgres alone (so nothing is lost with Redis) and creates deliveries:
 * - final: the campaign is closed or won and the pair has undelivered signatures;
 * - milestone: the pair's counted total (after the constituent filter) passed a milestone (or
 *   the goal) above every milestone already delivered — one delivery for the highest crossed;
 * - schedule: a daily/weekly digest time (target's time zone) has passed since the pair's last
 *   digest and some undelivered signature was counted before it.
 * Each creation is claimDeliveryRange (one transaction, per-campaign lock), so concurrent
 * planners in several workers cannot create overlapping or duplicate deliveries.
 */
export async function planDeliveries(db: Db, input: { now?: Date; campaignId?: number } = {}): Promise<PlannedDelivery[]> {
  const now = input.now ?? new Date();
  const pairs = await db.$queryRaw<PairRow[]>`
    SELECT ct.campaign_id, ct.target_id, c.status::text AS status, c.goal, ct.constituents_only, ct.milestones,
           ct.schedule_cadence::text AS schedule_cadence, ct.schedule_time, ct.schedule_weekday::int AS schedule_weekday,
           t.postal_codes, t.time_zone,
           (SELECT coalesce(max(d.to_seq), 0) FROM delivery d
             WHERE d.campaign_id = ct.campaign_id AND d.target_id = ct.target_id)::bigint AS last_to,
           (SELECT coalesce(max(d.milestone), 0) FROM delivery d
             WHERE d.campaign_id = ct.campaign_id AND d.target_id = ct.target_id AND d.trigger = 'milestone')::int AS last_milestone,
           (SELECT max(d.created_at) FROM delivery d
             WHERE d.campaign_id = ct.campaign_id AND d.target_id = ct.target_id AND d.trigger = 'schedule') AS last_digest
    FROM campaign_target ct
    JOIN campaign c ON c.id = ct.campaign_id
    JOIN target t ON t.id = ct.target_id
    WHERE c.status <> 'draft' ${input.campaignId ? Prisma.sql`AND c.id = ${input.campaignId}` : Prisma.empty}
    ORDER BY ct.campaign_id, ct.position, ct.target_id`;

  const assigned = new Set<number>();
  const planned: PlannedDelivery[] = [];
  for (const pair of pairs) {
    if (!assigned.has(pair.campaign_id)) {
      await assignSignatureSequence(db, { campaignId: pair.campaign_id });
      assigned.add(pair.campaign_id);
    }
    // The oldest undelivered counted signature: a range scan on (campaign_id, seq) from the
    // pair's last delivery, cheap when there is nothing new (the usual tick).
    const codes = jurisdictionCodes({ constituentsOnly: pair.constituents_only, postalCodes: pair.postal_codes });
    const filter = pair.constituents_only ? Prisma.sql`AND ${Prisma.raw(CONSTITUENT_SQL_EXPRESSION)} = ANY(${codes}::text[])` : Prisma.empty;
    const [pending] = await db.$queryRaw<{ oldest_undelivered: Date | null }[]>`
      SELECT min(coalesce(s.confirmed_at, s.created_at)) AS oldest_undelivered
      FROM signature s
      WHERE s.campaign_id = ${pair.campaign_id} AND s.seq > ${pair.last_to} AND s.status = 'confirmed' ${filter}`;
    const oldestUndelivered = pending?.oldest_undelivered ?? null;
    if (!oldestUndelivered) continue;
    // The counted total for this target: the public (sharded, reconciled) count, or the
    // constituents among the counted signatures.
    const [total] = pair.constituents_only
      ? await db.$queryRaw<{ counted: number }[]>`
          SELECT count(*)::int AS counted FROM signature s
          WHERE s.campaign_id = ${pair.campaign_id} AND s.status = 'confirmed' ${filter}`
      : await db.$queryRaw<{ counted: number }[]>`
          SELECT coalesce(sum(count), 0)::int AS counted FROM campaign_counter WHERE campaign_id = ${pair.campaign_id}`;
    const stats = { counted: total?.counted ?? 0, oldest_undelivered: oldestUndelivered };

    let trigger: DeliveryTrigger | null = null;
    let milestone: number | null = null;
    let dueAt: Date | undefined;
    if (pair.status === 'closed' || pair.status === 'victory') {
      trigger = 'final';
    } else {
      milestone = nextMilestone({
        milestones: pair.milestones,
        goal: pair.goal,
        counted: stats.counted,
        delivered: pair.last_milestone ? [pair.last_milestone] : [],
      });
      if (milestone !== null) trigger = 'milestone';
      else if (pair.schedule_cadence && pair.schedule_time && stats.oldest_undelivered) {
        const due = digestDueAt(now, {
          cadence: pair.schedule_cadence,
          time: pair.schedule_time,
          weekday: pair.schedule_weekday,
          timeZone: pair.time_zone,
        });
        const digestSinceDue = pair.last_digest !== null && pair.last_digest >= due;
        if (!digestSinceDue && stats.oldest_undelivered < due) {
          trigger = 'schedule';
          dueAt = due;
        }
      }
    }
    if (!trigger) continue;
    const delivery = await claimDeliveryRange(db, {
      campaignId: pair.campaign_id,
      targetId: pair.target_id,
      trigger,
      milestone,
      digestDueAt: dueAt,
    });
    if (delivery) {
      planned.push({
        deliveryId: delivery.id,
        campaignId: delivery.campaignId,
        targetId: delivery.targetId,
        trigger: delivery.trigger,
        milestone: delivery.milestone,
        status: delivery.status,
      });
    }
  }
  return planned;
}
