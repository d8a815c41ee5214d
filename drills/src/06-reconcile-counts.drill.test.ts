// Drill 6 (issue 7): counters corrupted on purpose (shards inflated, zeroed, deleted, and rows
// moderated behind the counter's back), then the worker's own reconcile-counts job — which runs
// as soon as a worker starts — restores exact counts and reports each repair. Invariant 3.
// Issue 15: held signatures approved through the review queue (two overlapping decisions at
// once) leave no drift, and rows approved behind the counter's back are repaired like the rest.
import { applyReviewDecision, reconcileSignatureCounts } from '@undersigned/core';
import { createCampaign, createStaffActor, seedHeldSignatures, seedSignatures } from '@undersigned/core/testing';
import { eventually, type WebServer } from '@undersigned/testing';
import { useDrill } from './lib/drill';
import { keepAliveAgent, pool, request, sign } from './lib/http';
import { recordDrill } from './lib/results';

const drill = useDrill('drill6');
let web: WebServer;

beforeAll(async () => {
  web = await drill.startWeb();
});

const tableCount = async (campaignId: number) =>
  Number(
    (
      await drill.t.db.$queryRaw<
        { n: bigint }[]
      >`SELECT count(*)::bigint AS n FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed'`
    )[0]!.n,
  );
const shardSum = async (campaignId: number) =>
  Number(
    (
      await drill.t.db.$queryRaw<{ n: bigint }[]>`SELECT coalesce(sum(count), 0)::bigint AS n FROM campaign_counter WHERE campaign_id = ${campaignId}`
    )[0]!.n,
  );

it('restores exact counts after deliberately corrupted counters and reports every repair it made', async () => {
  const started = Date.now();
  // A: signed through the production server (counters sharded the way the sign path writes them);
  // B, C, D: bulk rows; E: never touched (must not be reported); F: held rows approved in review.
  const [a, b, c, d, e, f] = await Promise.all(
    ['drill6-a', 'drill6-b', 'drill6-c', 'drill6-d', 'drill6-e', 'drill6-f'].map((slug) => createCampaign(drill.t.db, { slug, targets: [] })),
  );
  const agent = keepAliveAgent(50);
  const answers = await pool(
    Array.from({ length: 400 }, (_, i) => `drill6.${i}@drill.example`),
    50,
    (email) => sign(agent, web.url, 'drill6-a', email),
  );
  expect(answers.filter((x) => x.status !== 200)).toEqual([]);
  await seedSignatures(drill.t.db, b!.id, { count: 500 });
  await seedSignatures(drill.t.db, c!.id, { count: 250 });
  await seedSignatures(drill.t.db, d!.id, { count: 120 });
  await seedSignatures(drill.t.db, e!.id, { count: 80 });
  // F: 100 counted, 150 held from one address; two overlapping approvals of 140 of them at once.
  await seedSignatures(drill.t.db, f!.id, { count: 100 });
  const held = await seedHeldSignatures(drill.t.db, f!.id, { count: 150, ipHash: 'd6'.repeat(32) });
  const reviewer = await createStaffActor(drill.t.db, { email: 'drill6-reviewer@drill.example', role: 'campaigner' });
  const approve = { selection: { campaignId: f!.id, ids: held.slice(0, 140) }, decision: 'approve' as const, expected: 140 };
  const approvals = await Promise.all([applyReviewDecision(drill.t.db, reviewer, approve), applyReviewDecision(drill.t.db, reviewer, approve)]);
  expect(approvals.reduce((n, r) => n + (r.mode === 'applied' ? r.counted : 0), 0)).toBe(140);
  expect(await tableCount(f!.id)).toBe(240);
  for (const x of [a!, b!, c!, d!, e!, f!]) expect(await shardSum(x.id)).toBe(await tableCount(x.id));

  // The corruption.
  await drill.t.db.$executeRaw`UPDATE campaign_counter SET count = count + 37
                         WHERE campaign_id = ${a!.id} AND shard = (SELECT max(shard) FROM campaign_counter WHERE campaign_id = ${a!.id})`;
  await drill.t.db.$executeRaw`UPDATE campaign_counter SET count = 0 WHERE campaign_id = ${b!.id}`;
  await drill.t.db.$executeRaw`DELETE FROM campaign_counter WHERE campaign_id = ${c!.id}`;
  await drill.t.db
    .$executeRaw`UPDATE signature SET status = 'fraudulent' WHERE id IN (SELECT id FROM signature WHERE campaign_id = ${d!.id} ORDER BY id LIMIT 10)`;
  await drill.t.db.$executeRaw`UPDATE signature SET status = 'confirmed', confirmed_at = now()
                               WHERE campaign_id = ${f!.id} AND status = 'held'`;
  const expected = [
    { campaignId: a!.id, counted: 400 + 37, actual: 400 },
    { campaignId: b!.id, counted: 0, actual: 500 },
    { campaignId: c!.id, counted: 0, actual: 250 },
    { campaignId: d!.id, counted: 120, actual: 110 },
    { campaignId: f!.id, counted: 240, actual: 250 },
  ];
  // The public count shows the corruption (after its few seconds of cache).
  const countOf = async (slug: string) =>
    (JSON.parse((await request(agent, `${web.url}/api/v1/petitions/${slug}/count`, 'GET')).body) as { total_signatures: number }).total_signatures;
  await eventually(async () => (await countOf('drill6-a')) === 437, { timeoutMs: 15_000, everyMs: 500 });

  // The worker's reconcile-counts job (scheduled every 5 min, first run at start).
  const worker = drill.startWorker();
  await worker.started;
  const line = await eventually(async () => worker.lines().find((l) => l.job === 'maintenance.reconcile-counts') ?? null, { timeoutMs: 30_000 });
  const report = line.repairs as { campaignId: number; counted: number; actual: number }[];

  const exact = await Promise.all([a!, b!, c!, d!, e!, f!].map(async (x) => (await shardSum(x.id)) === (await tableCount(x.id))));
  const publicExact = await eventually(
    async () => {
      const pairs = await Promise.all([a!, b!, c!, d!, e!, f!].map(async (x) => [await countOf(x.slug), await tableCount(x.id)]));
      return pairs.every(([p, q]) => p === q) ? pairs : null;
    },
    { timeoutMs: 15_000, everyMs: 500 },
  ).catch(() => null);
  const secondRun = await reconcileSignatureCounts(drill.t.db);
  agent.destroy();

  const wrong = exact.filter((ok) => !ok).length;
  recordDrill({
    drill: '6 counter reconcile',
    operations: `6 campaigns (400 signs via API + 1,200 rows, 140 held approved by two overlapping review decisions), worker reconcile job: ${report?.length ?? 0} repairs reported`,
    faults: 'shard +37, shards zeroed, shards deleted, 10 rows moderated and 10 held rows approved behind the counter',
    lost: wrong,
    duplicated: 0,
    unexpected5xx: answers.filter((x) => x.status >= 500 || x.status === 0).length,
    seconds: (Date.now() - started) / 1000,
  });

  expect(line).toMatchObject({ outcome: 'repaired' });
  expect([...report].sort((x, y) => x.campaignId - y.campaignId)).toEqual(expected.sort((x, y) => x.campaignId - y.campaignId));
  expect(exact).toEqual([true, true, true, true, true, true]);
  expect(publicExact).not.toBeNull();
  expect(secondRun).toEqual([]);
});
