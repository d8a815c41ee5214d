import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { addAbuseListEntry } from './add-abuse-list-entry';
import { ABUSE_TRENDS_TOP, getAbuseTrends } from './get-abuse-trends';

const t = useTestDatabase('abuse_trends');
let actor: StaffActor;
beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'trends@org.example', role: 'campaigner' });
});

const MIN = 60_000;
let nowCounter = 0;
/** A `now` of its own for each test, far from the others' windows (the file shares one database). */
function freshNow(): Date {
  nowCounter += 1;
  return new Date(Date.UTC(2031, 0, 1 + nowCounter * 3, 12));
}

let seq = 0;
/** Signatures straight in SQL, with the created_at, IP hash, email domain and status a test needs. */
async function insert(
  campaignId: number,
  o: { count: number; at: Date; ipHash?: string | null; domain?: string; status?: 'confirmed' | 'held' | 'fraudulent' },
) {
  seq += 1;
  const status = o.status ?? 'confirmed';
  await t.db.$executeRaw`
    WITH people AS (
      INSERT INTO person (canonical_email, email, given_name, family_name, updated_at)
      SELECT 'p' || ${seq}::int || '-' || g || '@' || ${o.domain ?? 'example.org'}, 'p' || g || '@' || ${o.domain ?? 'example.org'}, 'Ana', 'Soto', now()
      FROM generate_series(1, ${o.count}::int) g
      RETURNING id
    )
    INSERT INTO signature (campaign_id, person_id, status, held_reason, given_name, family_name, share_code, ip_hash, created_at, confirmed_at)
    SELECT ${campaignId}, p.id, ${status}::"SignatureStatus", CASE WHEN ${status} = 'held' THEN 'ip_rate'::"HoldReason" END,
           'Ana', 'Soto', md5(random()::text || p.id::text)::varchar(32), ${o.ipHash === undefined ? null : o.ipHash}, ${o.at}::timestamptz,
           CASE WHEN ${status} = 'confirmed' THEN ${o.at}::timestamptz END
    FROM people p`;
}

const hash = (c: string) => c.repeat(64);

describe('getAbuseTrends', () => {
  it('ranks IP hashes and domains by signatures, with held share, counted, campaigns and first/last seen', async () => {
    const now = freshNow();
    const a = await createCampaign(t.db);
    const b = await createCampaign(t.db);
    // IP 1: 6 counted + 4 held in the last hour, over two campaigns.
    await insert(a.id, { count: 6, at: new Date(now.getTime() - 50 * MIN), ipHash: hash('1'), domain: 'campus.example.edu' });
    await insert(b.id, { count: 4, at: new Date(now.getTime() - 10 * MIN), ipHash: hash('1'), domain: 'campus.example.edu', status: 'held' });
    // IP 2: 12 counted two hours ago (the day only).
    await insert(a.id, { count: 12, at: new Date(now.getTime() - 120 * MIN), ipHash: hash('2'), domain: 'mailinator.com' });
    // No IP hash (signed through the API, say): counted in the domains, not in the IP hashes.
    await insert(a.id, { count: 2, at: new Date(now.getTime() - 5 * MIN), ipHash: null, domain: 'mailinator.com', status: 'fraudulent' });

    const trends = await getAbuseTrends(t.db, { now });
    expect(trends.hour).toMatchObject({ signatures: 12, held: 4 });
    expect(trends.day).toMatchObject({ signatures: 24, held: 4 });
    expect(trends.hour.ipHashes).toEqual([
      {
        value: hash('1'),
        signatures: 10,
        held: 4,
        heldShare: 0.4,
        counted: 6,
        campaigns: 2,
        firstSeen: new Date(now.getTime() - 50 * MIN),
        lastSeen: new Date(now.getTime() - 10 * MIN),
        list: null,
      },
    ]);
    expect(trends.day.ipHashes.map((r) => [r.value, r.signatures, r.counted])).toEqual([
      [hash('2'), 12, 12],
      [hash('1'), 10, 6],
    ]);
    expect(trends.hour.emailDomains.map((r) => [r.value, r.signatures, r.held, r.disposable])).toEqual([
      ['campus.example.edu', 10, 4, false],
      ['mailinator.com', 2, 0, true],
    ]);
    expect(trends.day.emailDomains.map((r) => [r.value, r.signatures, r.counted, r.campaigns])).toEqual([
      ['mailinator.com', 14, 12, 1],
      ['campus.example.edu', 10, 6, 2],
    ]);
  });

  it('says which values are on the block or allow list', async () => {
    const now = freshNow();
    const c = await createCampaign(t.db);
    await insert(c.id, { count: 3, at: new Date(now.getTime() - MIN), ipHash: hash('3'), domain: 'blocked-trend.example' });
    await insert(c.id, { count: 2, at: new Date(now.getTime() - MIN), ipHash: hash('4'), domain: 'allowed-trend.example' });
    await addAbuseListEntry(t.db, actor, { kind: 'ip_hash', mode: 'block', value: hash('3') });
    await addAbuseListEntry(t.db, actor, { kind: 'email_domain', mode: 'allow', value: 'allowed-trend.example' });
    const { hour } = await getAbuseTrends(t.db, { now });
    expect(hour.ipHashes.map((r) => [r.value, r.list])).toEqual([
      [hash('3'), 'block'],
      [hash('4'), null],
    ]);
    expect(hour.emailDomains.map((r) => [r.value, r.list])).toEqual([
      ['blocked-trend.example', null],
      ['allowed-trend.example', 'allow'],
    ]);
  });

  it('keeps to its windows: (now − 1 h, now] and (now − 24 h, now]', async () => {
    const now = freshNow();
    const c = await createCampaign(t.db);
    const at = (ms: number) => new Date(now.getTime() + ms);
    await insert(c.id, { count: 1, at: at(-3_600_000), ipHash: hash('5') }); // exactly an hour ago: day only
    await insert(c.id, { count: 1, at: at(-3_600_000 + 1), ipHash: hash('6') }); // just inside the hour
    await insert(c.id, { count: 1, at: at(0), ipHash: hash('6') }); // now: inside
    await insert(c.id, { count: 1, at: at(-86_400_000), ipHash: hash('7') }); // exactly a day ago: out
    await insert(c.id, { count: 1, at: at(-86_400_000 + 1), ipHash: hash('8') }); // just inside the day
    await insert(c.id, { count: 1, at: at(1), ipHash: hash('9') }); // after now: out
    const trends = await getAbuseTrends(t.db, { now });
    expect(trends.hour.ipHashes.map((r) => [r.value, r.signatures])).toEqual([[hash('6'), 2]]);
    expect(trends.day.ipHashes.map((r) => [r.value, r.signatures])).toEqual([
      [hash('6'), 2],
      [hash('5'), 1],
      [hash('8'), 1],
    ]);
    expect(trends.hour.signatures).toBe(2);
    expect(trends.day.signatures).toBe(4);
  });

  it(`lists at most ${ABUSE_TRENDS_TOP} per window, busiest first, and is empty when nothing was signed`, async () => {
    const now = freshNow();
    const c = await createCampaign(t.db);
    for (let i = 0; i < ABUSE_TRENDS_TOP + 5; i++) {
      await insert(c.id, {
        count: 1 + (i % 3),
        at: new Date(now.getTime() - 2 * MIN),
        ipHash: i.toString(16).padStart(64, 'a'),
        domain: `d${i}.example`,
      });
    }
    const { hour } = await getAbuseTrends(t.db, { now });
    expect(hour.ipHashes).toHaveLength(ABUSE_TRENDS_TOP);
    expect(hour.emailDomains).toHaveLength(ABUSE_TRENDS_TOP);
    const counts = hour.ipHashes.map((r) => r.signatures);
    expect(counts).toEqual([...counts].sort((x, y) => y - x));
    expect(counts[0]).toBe(3);

    const quiet = await getAbuseTrends(t.db, { now: new Date(now.getTime() + 2 * 86_400_000) });
    expect(quiet.hour).toMatchObject({ signatures: 0, held: 0, ipHashes: [], emailDomains: [] });
    expect(quiet.day).toMatchObject({ signatures: 0, held: 0, ipHashes: [], emailDomains: [] });
  });
});
