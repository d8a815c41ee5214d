import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { createCampaignEvent } from './create-campaign-event';
import { listCampaignEvents } from './list-campaign-events';
import { localDateTimeToInstant } from './local-date-time';
import { revokeCampaignEvent } from './revoke-campaign-event';

const t = useTestDatabase('campaign_events');
let actor: StaffActor;
beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'organiser@org.example', role: 'campaigner' });
});

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR);

describe('createCampaignEvent', () => {
  it('creates an event with a 12-character base64url code, audited', async () => {
    const campaign = await createCampaign(t.db);
    const event = await createCampaignEvent(t.db, actor, {
      campaignId: campaign.id,
      name: '  Sunday mass, St. Mary’s  ',
      startsAt: inHours(-1),
      endsAt: inHours(3),
      expectedSize: '150',
    });
    expect(event.code).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const row = await t.db.campaignEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row).toMatchObject({
      campaignId: campaign.id,
      name: 'Sunday mass, St. Mary’s',
      expectedSize: 150,
      createdById: actor.id,
      revokedAt: null,
    });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'event.create', entityId: String(event.id) } });
    expect(audit).toMatchObject({ actorId: actor.id, entityType: 'campaign_event' });
  });

  it('reads datetime-local values in the organisation’s time zone', async () => {
    const campaign = await createCampaign(t.db);
    const event = await createCampaignEvent(t.db, actor, {
      campaignId: campaign.id,
      name: 'Campus fair',
      startsAt: '2030-07-04T10:00',
      endsAt: '2030-07-04T16:30',
      expectedSize: 40,
      timeZone: 'America/Los_Angeles',
    });
    expect(event.startsAt.toISOString()).toBe('2030-07-04T17:00:00.000Z');
    expect(event.endsAt.toISOString()).toBe('2030-07-04T23:30:00.000Z');
    // Winter: UTC−8; across the spring-forward night the offset changes.
    expect(localDateTimeToInstant('2030-01-15T09:00', 'America/Los_Angeles')?.toISOString()).toBe('2030-01-15T17:00:00.000Z');
    expect(localDateTimeToInstant('2030-03-10T03:30', 'America/Los_Angeles')?.toISOString()).toBe('2030-03-10T10:30:00.000Z');
    expect(localDateTimeToInstant('2030-02-30T09:00', 'UTC')).toBeNull();
    expect(localDateTimeToInstant('tomorrow', 'UTC')).toBeNull();
  });

  it.each([
    ['an empty name', { name: '   ' }, { name: 'required' }],
    ['a name over 120 characters', { name: 'x'.repeat(121) }, { name: 'too_long' }],
    ['a control character in the name', { name: 'Fair\u0000' }, { name: 'invalid_characters' }],
    ['an end before the start', { startsAt: inHours(5), endsAt: inHours(4) }, { endsAt: 'end_before_start' }],
    ['an end equal to the start', { startsAt: inHours(5), endsAt: inHours(5) }, { endsAt: 'end_before_start' }],
    ['a window over 14 days', { startsAt: inHours(1), endsAt: inHours(1 + 14 * 24 + 1) }, { endsAt: 'window_too_long' }],
    ['a window already over', { startsAt: inHours(-5), endsAt: inHours(-1) }, { endsAt: 'end_in_past' }],
    ['a date that is not one', { startsAt: 'soon' }, { startsAt: 'invalid_date_time' }],
    ['an expected size of 0', { expectedSize: 0 }, { expectedSize: 'invalid_expected_size' }],
    ['an expected size over 100,000', { expectedSize: 100_001 }, { expectedSize: 'invalid_expected_size' }],
    ['a fractional expected size', { expectedSize: 2.5 }, { expectedSize: 'invalid_expected_size' }],
    ['a non-numeric expected size', { expectedSize: 'lots' }, { expectedSize: 'invalid_expected_size' }],
  ])('refuses %s with a field error and writes nothing', async (_label, change, fields) => {
    const campaign = await createCampaign(t.db);
    const before = await t.db.campaignEvent.count();
    const input = { campaignId: campaign.id, name: 'Fair', startsAt: inHours(0), endsAt: inHours(4), expectedSize: 50, ...change };
    await expect(createCampaignEvent(t.db, actor, input)).rejects.toMatchObject({ code: 'validation', httpStatus: 400, fields });
    expect(await t.db.campaignEvent.count()).toBe(before);
  });

  it('accepts exactly 14 days, and a past window when told the time (for tests)', async () => {
    const campaign = await createCampaign(t.db);
    const start = inHours(1);
    await expect(
      createCampaignEvent(t.db, actor, {
        campaignId: campaign.id,
        name: 'Fortnight',
        startsAt: start,
        endsAt: new Date(start.getTime() + 14 * 24 * HOUR),
        expectedSize: 1,
      }),
    ).resolves.toMatchObject({ code: expect.any(String) });
    await expect(
      createCampaignEvent(
        t.db,
        actor,
        { campaignId: campaign.id, name: 'Yesterday', startsAt: inHours(-30), endsAt: inHours(-26), expectedSize: 1 },
        { now: inHours(-29) },
      ),
    ).resolves.toMatchObject({ code: expect.any(String) });
  });

  it('refuses an unknown campaign (404) and a closed one (409)', async () => {
    const input = { name: 'Fair', startsAt: inHours(0), endsAt: inHours(4), expectedSize: 50 };
    await expect(createCampaignEvent(t.db, actor, { ...input, campaignId: 2_000_000_000 })).rejects.toMatchObject({
      code: 'not_found',
      httpStatus: 404,
    });
    const closed = await createCampaign(t.db, { status: 'closed' });
    await expect(createCampaignEvent(t.db, actor, { ...input, campaignId: closed.id })).rejects.toMatchObject({ code: 'conflict', httpStatus: 409 });
  });
});

describe('revokeCampaignEvent', () => {
  it('revokes once, audited; a second revoke is a conflict; another campaign’s event is not found', async () => {
    const campaign = await createCampaign(t.db);
    const other = await createCampaign(t.db);
    const event = await createCampaignEvent(t.db, actor, {
      campaignId: campaign.id,
      name: 'Fair',
      startsAt: inHours(0),
      endsAt: inHours(4),
      expectedSize: 50,
    });
    await expect(revokeCampaignEvent(t.db, actor, { campaignId: other.id, eventId: event.id })).rejects.toMatchObject({ code: 'not_found' });
    await revokeCampaignEvent(t.db, actor, { campaignId: campaign.id, eventId: event.id });
    const row = await t.db.campaignEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(row.revokedAt).toBeInstanceOf(Date);
    await expect(revokeCampaignEvent(t.db, actor, { campaignId: campaign.id, eventId: event.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await t.db.auditLog.count({ where: { action: 'event.revoke', entityId: String(event.id) } })).toBe(1);
    const [listed] = await listCampaignEvents(t.db, campaign.id);
    expect(listed?.status).toBe('revoked');
  });
});

describe('listCampaignEvents', () => {
  it('gives each event its status and the counted, pending and held signatures made through it', async () => {
    const campaign = await createCampaign(t.db);
    const now = new Date();
    const make = (name: string, startsAt: Date, endsAt: Date) =>
      createCampaignEvent(
        t.db,
        actor,
        { campaignId: campaign.id, name, startsAt, endsAt, expectedSize: 20 },
        { now: new Date(startsAt.getTime() - 1) },
      );
    const active = await make('Active', inHours(-1), inHours(2));
    const upcoming = await make('Upcoming', inHours(24), inHours(26));
    const ended = await make('Ended', inHours(-48), inHours(-46));

    // Signatures through the events: 3 counted + 2 pending + 4 held through "active", 1 counted through "ended",
    // and rows that count for no event (no event, or fraudulent).
    const rows: { eventId: number | null; status: 'confirmed' | 'pending' | 'held' | 'fraudulent' }[] = [
      ...Array.from({ length: 3 }, () => ({ eventId: active.id, status: 'confirmed' as const })),
      ...Array.from({ length: 2 }, () => ({ eventId: active.id, status: 'pending' as const })),
      ...Array.from({ length: 4 }, () => ({ eventId: active.id, status: 'held' as const })),
      { eventId: active.id, status: 'fraudulent' },
      { eventId: ended.id, status: 'confirmed' },
      { eventId: null, status: 'confirmed' },
    ];
    for (const [i, r] of rows.entries()) {
      const person = await t.db.person.create({
        data: {
          canonicalEmail: `ev${campaign.id}-${i}@example.org`,
          email: `ev${campaign.id}-${i}@example.org`,
          givenName: 'Ana',
          familyName: 'García',
        },
      });
      await t.db.signature.create({
        data: {
          campaignId: campaign.id,
          personId: person.id,
          status: r.status,
          heldReason: r.status === 'held' ? 'ip_rate' : null,
          eventId: r.eventId,
          givenName: 'Ana',
          familyName: 'García',
          shareCode: `ev${campaign.id}x${i}`,
          confirmedAt: r.status === 'confirmed' ? now : null,
          confirmTokenHash: r.status === 'pending' ? `hash-${campaign.id}-${i}` : null,
        },
      });
    }

    const list = await listCampaignEvents(t.db, campaign.id, { now });
    expect(list.map((e) => [e.name, e.status])).toEqual([
      ['Upcoming', 'upcoming'],
      ['Active', 'active'],
      ['Ended', 'ended'],
    ]);
    const byName = Object.fromEntries(list.map((e) => [e.name, e]));
    expect(byName.Active).toMatchObject({
      code: expect.stringMatching(/^[A-Za-z0-9_-]{12}$/),
      expectedSize: 20,
      counts: { counted: 3, pending: 2, held: 4 },
    });
    expect(byName.Ended?.counts).toEqual({ counted: 1, pending: 0, held: 0 });
    expect(byName.Upcoming?.counts).toEqual({ counted: 0, pending: 0, held: 0 });
    expect(byName.Upcoming?.id).toBe(upcoming.id);
    expect(await listCampaignEvents(t.db, (await createCampaign(t.db)).id)).toEqual([]);
  });
});
