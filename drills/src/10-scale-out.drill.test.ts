// Drill 10 (issue 16): scaled out behind a real proxy — nginx (startProxy) in front of 2 web
// processes, 3 workers, TRUSTED_PROXY_HOPS=2 (nginx's hop and server.ts's own), and the real
// signing rate limits (DEFAULT_SIGNATURE_LIMITS, not the other drills' lifted ones). Many clients
// on loopback are told apart by their source address: each binds its sockets to its own 127.0.0.x
// (nginx sees that address and appends it to X-Forwarded-For). The per-IP limit must see that
// address through both hops, counted across both web processes (one Redis), and a client that
// writes its own X-Forwarded-For must not escape it. Signing lands on both processes and the
// deliveries on all three workers; counts stay exact and every delivery is sent once.
import http from 'node:http';
import { DEFAULT_SIGNATURE_LIMITS, getSignatureCount, hashIp } from '@undersigned/core';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { eventually, sleep, startProxy, type Proxy, type WorkerProcess } from '@undersigned/testing';
import { DRILL_SETTINGS, useDrill } from './lib/drill';
import { osdiSignature, pool, request, shareCodeOf, type Answer } from './lib/http';
import { FULL, recordDrill, tally } from './lib/results';

const SLUG = 'drill-ten-campaign';
const { suspiciousAbove: IP_SUSPICIOUS, blockAt: IP_BLOCK } = DEFAULT_SIGNATURE_LIMITS.perIp;
/** The heavy client and the forger each sign this many people: past both tiers of the per-IP limit. */
const HEAVY = IP_BLOCK + 20;
/** Clients that stay under the limit, each from its own address, and how many people each signs. */
const LIGHT_CLIENTS = FULL ? 40 : 10;
const LIGHT = IP_SUSPICIOUS - 10;
const DELIVERY_CAMPAIGNS = FULL ? 20 : 8;
const TARGETS = 5;
const HEAVY_IP = '127.0.0.2';
const FORGER_IP = '127.0.0.3';
const lightIp = (i: number) => `127.0.1.${i + 1}`;

// The real rate limits: everything the drills set but the lifted SIGN_LIMIT_* values.
const settings = Object.fromEntries(Object.entries(DRILL_SETTINGS).filter(([key]) => !key.startsWith('SIGN_LIMIT_')));
const drill = useDrill('drill10', { settings });
let proxy: Proxy | undefined;
afterAll(async () => {
  await proxy?.close();
});

/** A client at `address`: its own keep-alive sockets, bound to that loopback address. */
function clientAgent(address: string, sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, localAddress: address });
}

it('sees each real client through nginx with TRUSTED_PROXY_HOPS=2, signs on both web processes and delivers from all 3 workers, once each', async () => {
  const started = Date.now();
  const campaign = await createCampaign(drill.t.db, { slug: SLUG, goal: 100_000, targets: [{ title: 'Mayor', email: 'mayor@ten.example' }] });
  const web = { TRUSTED_PROXY_HOPS: '2' };
  const webs = await Promise.all([drill.startWeb(web), drill.startWeb(web)]);
  const ports = webs.map((w) => new URL(w.url).port);
  proxy = await startProxy({ upstreams: ports.map((p) => `127.0.0.1:${p}`) });
  const workers: WorkerProcess[] = [drill.startWorker(), drill.startWorker(), drill.startWorker()];
  await Promise.all(workers.map((w) => w.started));

  // Signers: gmail addresses (a shared domain: no per-domain limit), so only the per-IP rule applies.
  const signAs = (agent: http.Agent, email: string, headers: Record<string, string> = {}): Promise<Answer> =>
    request(agent, `${proxy!.url}/api/v1/petitions/${SLUG}/signatures`, 'POST', osdiSignature({ email }), {
      'content-type': 'application/json',
      ...headers,
    });
  const heavyAgent = clientAgent(HEAVY_IP, 4);
  const forgerAgent = clientAgent(FORGER_IP, 4);
  const lightAgents = Array.from({ length: LIGHT_CLIENTS }, (_, i) => clientAgent(lightIp(i), 2));
  const index = (n: number) => Array.from({ length: n }, (_, i) => i);
  const [heavy, forged, light] = await Promise.all([
    pool(index(HEAVY), 4, (i) => signAs(heavyAgent, `heavy.signer.${i}@gmail.com`)),
    // A different made-up address every time: were it believed, every attempt would be a new client.
    pool(index(HEAVY), 4, (i) => signAs(forgerAgent, `forging.signer.${i}@gmail.com`, { 'x-forwarded-for': `1.2.3.${i % 250}` })),
    Promise.all(lightAgents.map((agent, c) => pool(index(LIGHT), 2, (i) => signAs(agent, `light${c}.signer.${i}@gmail.com`)))),
  ]);
  for (const agent of [heavyAgent, forgerAgent, ...lightAgents]) agent.destroy();

  // Deliveries: campaigns crossing their 100 milestone, sent by whichever worker takes the job.
  drill.sink.decide = () => sleep(100);
  const deliveryCampaigns: number[] = [];
  for (let c = 0; c < DELIVERY_CAMPAIGNS; c++) {
    const d = await createCampaign(drill.t.db, {
      title: `Drill 10 campaign ${c}`,
      targets: Array.from({ length: TARGETS }, (_, t) => ({ title: 'Council member', email: `c${c}t${t}@ten.example` })),
    });
    deliveryCampaigns.push(d.id);
    await seedSignatures(drill.t.db, d.id, { count: 100 });
  }
  // And the signed campaign's own milestones (its one target).
  const signedCount = await getSignatureCount(drill.t.db, campaign.id);
  const expectedDeliveries = DELIVERY_CAMPAIGNS * TARGETS + [100, 1000, 10000].filter((m) => signedCount >= m).length;
  const deliveries = await eventually(
    async () => {
      const ds = await drill.t.db.delivery.findMany({ where: { campaignId: { in: [campaign.id, ...deliveryCampaigns] } } });
      return ds.length === expectedDeliveries && ds.every((d) => d.status === 'sent') ? ds : null;
    },
    { timeoutMs: 60_000, everyMs: 300 },
  );
  await sleep(1_000);

  // What the rows say about each client: status by the hashed address the server saw.
  const secret = drill.env.IP_HASH_SECRET!;
  const rows = await drill.t.db.signature.findMany({ where: { campaignId: campaign.id }, select: { status: true, ipHash: true, shareCode: true } });
  const byClient = (ip: string) =>
    tally(
      rows.filter((r) => r.ipHash === hashIp(ip, secret)),
      (r) => r.status,
    );
  const heavyRows = byClient(HEAVY_IP);
  const forgedRows = byClient(FORGER_IP);
  const lightRows = index(LIGHT_CLIENTS).map((c) => byClient(lightIp(c)));
  const forgedAddressRows = index(250).filter((i) => rows.some((r) => r.ipHash === hashIp(`1.2.3.${i}`, secret))).length;
  const status = (answers: Answer[]) => tally(answers, (a) => String(a.status));

  // Where signing ran (nginx's access log: the upstream that answered each sign POST).
  const signPosts = proxy.access().filter((a) => a.method === 'POST' && a.uri.includes('/signatures'));
  const perWeb = ports.map((p) => signPosts.filter((a) => a.upstreams.at(-1) === `127.0.0.1:${p}`).length);
  // Which worker sent each delivery (each worker's `job` log lines name the delivery).
  const perWorker = workers.map(
    (w) =>
      new Set(
        w
          .lines()
          .filter((l) => l.msg === 'job' && typeof l.deliveryId === 'string')
          .map((l) => l.deliveryId),
      ).size,
  );

  const all = [...heavy, ...forged, ...light.flat()];
  const acknowledged = all.filter((a) => a.status === 200);
  const codes = new Set(rows.map((r) => r.shareCode));
  const lost = acknowledged.filter((a) => !codes.has(shareCodeOf(a) ?? '')).length;
  const byId = tally(drill.sink.messages, (m) => m.parsed.messageId ?? '');
  const duplicated = [...byId.values()].reduce((sum, k) => sum + k - 1, 0) + Math.max(0, rows.length - acknowledged.length);
  const unexpected = all.filter((a) => a.status !== 200 && a.status !== 429).length;
  const confirmed = rows.filter((r) => r.status === 'confirmed').length;
  const counted = await getSignatureCount(drill.t.db, campaign.id);
  const describe = (m: Map<string, number>) => `${m.get('confirmed') ?? 0} counted, ${m.get('held') ?? 0} held`;

  recordDrill({
    drill: '10 scale-out behind nginx',
    operations:
      `${all.length} signs from ${LIGHT_CLIENTS + 2} client addresses through nginx (${perWeb.join(' + ')} per web process); ` +
      `${HEAVY_IP}: ${describe(heavyRows)}, ${status(heavy).get('429') ?? 0} × 429; forger (X-Forwarded-For made up): ${describe(forgedRows)}, ${status(forged).get('429') ?? 0} × 429; ` +
      `${deliveries.length} deliveries by 3 workers (${perWorker.join(' + ')})`,
    faults: `TRUSTED_PROXY_HOPS=2, real per-IP limits (${IP_SUSPICIOUS} counted, 429 past ${IP_BLOCK}/h), ${HEAVY} forged X-Forwarded-For headers`,
    lost,
    duplicated,
    unexpected5xx: unexpected,
    seconds: (Date.now() - started) / 1000,
  });

  // The heavy client: its first IP_SUSPICIOUS counted, then held for review (answered alike) up to IP_BLOCK, then 429.
  expect(heavyRows.get('confirmed')).toBe(IP_SUSPICIOUS);
  expect(heavyRows.get('held')).toBe(IP_BLOCK - IP_SUSPICIOUS);
  expect(status(heavy)).toEqual(
    new Map([
      ['200', IP_BLOCK],
      ['429', HEAVY - IP_BLOCK],
    ]),
  );
  // The forger is limited exactly like it: by the address nginx saw, never by what it wrote.
  expect(forgedRows).toEqual(heavyRows);
  expect(status(forged)).toEqual(status(heavy));
  expect(forgedAddressRows).toBe(0);
  // Every light client: its own address, under the limit, all counted.
  for (const m of lightRows) expect(m).toEqual(new Map([['confirmed', LIGHT]]));
  expect(status(light.flat())).toEqual(new Map([['200', LIGHT * LIGHT_CLIENTS]]));
  // Both web processes signed, all three workers delivered.
  expect(perWeb.every((k) => k > 0)).toBe(true);
  expect(perWeb.reduce((a, b) => a + b, 0)).toBe(all.length);
  expect(perWorker.every((k) => k > 0)).toBe(true);
  expect(perWorker.reduce((a, b) => a + b, 0)).toBe(expectedDeliveries);
  // Counts exact, nothing lost or doubled, each delivery one email.
  expect(unexpected).toBe(0);
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(rows).toHaveLength(acknowledged.length);
  expect(counted).toBe(confirmed);
  expect(confirmed).toBe(2 * IP_SUSPICIOUS + LIGHT * LIGHT_CLIENTS);
  for (const d of deliveries) expect(byId.get(`<delivery-${d.id}@undersigned.example>`)).toBe(1);
  expect(drill.sink.messages).toHaveLength(deliveries.length);
});
