// Benchmark (issue 10 of the series, "Integrations"): the authenticated OSDI API and webhooks.
//
//   (a) People collection paging through BENCH_PEOPLE (default 1,000,000) signers, over HTTP against
//       the production server with an API key: the first page, every page reached by following
//       `_links.next` (keyset cursors), and the last page — medians. Baseline in the same run: the
//       same page as one bare keyset SQL statement on the same index (the floor any API adds to).
//       For contrast, the last page asked for as `?page=N` with no cursor (OFFSET).
//   (b) Webhook throughput during a sign-path load: wrk signs for BENCH_SECONDS (default 30) without
//       any endpoint, then again with an endpoint subscribed to signature.created (a local
//       receiver that verifies every POST with the standardwebhooks package). Prints both sign
//       rates (the cost of the outbox), events/s delivered while signing, the lag when signing
//       stops, events per POST, and checks every signature arrived exactly once after dedupe.
//
//   npm run bench:integrations        (BENCH_PEOPLE=100000 BENCH_SECONDS=10 for a quick look)
//
// Needs wrk and a production build of apps/web (made if missing). Creates and drops its databases.
import pg from 'pg';
import { generateWebhookSecret } from '@undersigned/core';
import { createCampaign, insertApiKey } from '@undersigned/core/testing';
import { createTestDatabase } from '@undersigned/db/testing';
import { ensureAppBuild, startWebServer, startWebhookReceiver, startWorker } from '@undersigned/testing';
import { accepted, benchEnv, echo, printTable, wrk, wrkAsync, type Row, type WrkResult } from './lib';
import { seedCountedSignatures } from './seed-signatures';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PER_PAGE = 100;
const CALLS = 11;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const msf = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

interface Collection {
  total_records: number;
  total_pages: number;
  _links: { next?: { href: string } };
  _embedded: { 'osdi:people': { identifiers: string[] }[] };
}

async function peoplePaging(rows: Row[]): Promise<boolean> {
  const t = await createTestDatabase('bench_api');
  let ok = true;
  try {
    const campaign = await createCampaign(t.db, { slug: 'bench-api-people', goal: 10_000_000 });
    let t0 = Date.now();
    await seedCountedSignatures(t.db, campaign.id, PEOPLE, 'api', 365);
    await t.db.$executeRawUnsafe('VACUUM ANALYZE person');
    await t.db.$executeRawUnsafe('VACUUM ANALYZE signature');
    console.log(`seeded ${fmt(PEOPLE)} signers in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const key = await insertApiKey(t.db, { scope: 'read', rateLimitPerMinute: 100_000 });
    const app = await startWebServer({ env: benchEnv(t.url, 'api'), onOutput: echo('web'), timeoutMs: 120_000 });
    const sql = new pg.Client({ connectionString: t.url });
    await sql.connect();
    try {
      const headers = { 'OSDI-API-Token': key.secret };
      const get = async (url: string): Promise<Collection> => {
        const res = await fetch(url, { headers });
        if (res.status !== 200) throw new Error(`${url} → ${res.status}: ${await res.text()}`);
        return (await res.json()) as Collection;
      };
      const first = `${app.url}/api/v1/people?per_page=${PER_PAGE}`;
      await get(first); // warm-up
      const firstMs: number[] = [];
      for (let i = 0; i < CALLS; i++) firstMs.push((await timed(() => get(first)))[0]);

      // Walk every page through _links.next.
      t0 = Date.now();
      const walkMs: number[] = [];
      const seen = new Set<string>();
      let url: string | undefined = first;
      let lastUrl = first;
      let total = 0;
      while (url) {
        const [took, page]: [number, Collection] = await timed(() => get(url!));
        walkMs.push(took);
        total = page.total_records;
        for (const p of page._embedded['osdi:people']) seen.add(p.identifiers[0]!);
        lastUrl = url;
        url = page._links.next?.href;
      }
      const walkSeconds = (Date.now() - t0) / 1000;
      const lastMs: number[] = [];
      for (let i = 0; i < CALLS; i++) lastMs.push((await timed(() => get(lastUrl)))[0]);
      const pages = Math.ceil(PEOPLE / PER_PAGE);
      const offsetMs: number[] = [];
      for (let i = 0; i < 3; i++) offsetMs.push((await timed(() => get(`${app.url}/api/v1/people?per_page=${PER_PAGE}&page=${pages}`)))[0]);

      // Baseline: the last page as one bare keyset statement (same index, same page size).
      const [{ id: lastStart } = { id: 0 }] = (
        await sql.query<{ id: number }>(`SELECT id FROM person ORDER BY id OFFSET $1 LIMIT 1`, [(pages - 1) * PER_PAGE - 1])
      ).rows;
      const baseMs: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        baseMs.push(
          (
            await timed(() =>
              sql.query(
                `SELECT id, given_name, family_name, email, email_status, postal_code, locality, region, country,
                        preferred_language, created_at, updated_at
                 FROM person WHERE id > $1 ORDER BY id LIMIT $2`,
                [lastStart, PER_PAGE],
              ),
            )
          )[0],
        );
      }
      const complete = seen.size === PEOPLE && total === PEOPLE;
      ok = complete && median(lastMs) <= Math.max(2 * median(firstMs), median(firstMs) + 5);
      rows.push({ figure: `people: first page (per_page ${PER_PAGE})`, value: `median ${msf(median(firstMs))}`, target: '—' });
      rows.push({
        figure: `people: last page of ${fmt(PEOPLE)} via _links.next`,
        value: `median ${msf(median(lastMs))}`,
        target: '≈ first page',
        ratio: `${(median(lastMs) / median(firstMs)).toFixed(2)}× first`,
        pass: median(lastMs) <= Math.max(2 * median(firstMs), median(firstMs) + 5),
      });
      rows.push({
        figure: `people: walking all ${fmt(walkMs.length)} pages`,
        value: `${walkSeconds.toFixed(0)} s, p50 ${msf(median(walkMs))}, p99 ${msf(pct(walkMs, 0.99))}, ${fmt(seen.size)} distinct people of ${fmt(total)}`,
        target: 'every person once',
        pass: complete,
      });
      rows.push({ figure: 'people: last page by ?page=N (OFFSET, no cursor)', value: `median ${msf(median(offsetMs))}`, target: 'contrast' });
      rows.push({
        figure: 'baseline: the last page as one bare keyset SQL statement',
        value: `median ${msf(median(baseMs))}`,
        target: '—',
        ratio: `API = ${(median(lastMs) / median(baseMs)).toFixed(1)}× the bare query`,
      });
    } finally {
      await sql.end();
      await app.stop();
    }
  } finally {
    await t.drop();
  }
  return ok;
}

async function webhookThroughput(rows: Row[]): Promise<boolean> {
  const t = await createTestDatabase('bench_webhooks');
  const secret = generateWebhookSecret();
  const receiver = await startWebhookReceiver({ secret });
  const env = benchEnv(t.url, 'webhooks', {
    SIGN_LIMIT_PER_IP_SUSPICIOUS: '1000000000',
    SIGN_LIMIT_PER_IP_BLOCK: '1000000000',
    SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS: '1000000000',
    SIGN_LIMIT_PER_DOMAIN_BLOCK: '1000000000',
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  });
  let ok = true;
  try {
    const before = await createCampaign(t.db, { slug: 'bench-webhooks-off', goal: 10_000_000 });
    const during = await createCampaign(t.db, { slug: 'bench-webhooks-on', goal: 10_000_000 });
    const warm = await createCampaign(t.db, { slug: 'bench-webhooks-warm', goal: 10_000_000 });
    const app = await startWebServer({ env, onOutput: echo('web'), timeoutMs: 120_000 });
    const worker = startWorker(env, { onOutput: echo('worker') });
    await worker.started;
    try {
      const rate = (r: WrkResult) => accepted(r) / (r.duration_us / 1e6);
      wrk(`${app.url}/api/v1/petitions/${warm.slug}/signatures`, 3, { RUN_TAG: 'warm' });
      const off = wrk(`${app.url}/api/v1/petitions/${before.slug}/signatures`, SECONDS, { RUN_TAG: 'off' });

      await t.db.webhookEndpoint.create({
        data: { name: 'bench receiver', url: receiver.url, events: ['signature.created'], campaignIds: [during.id], secret },
      });
      const rowsOf = async (campaignId: number) =>
        Number((await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM signature WHERE campaign_id = ${campaignId}`)[0]!.n);
      // wrk runs beside this process (the receiver answers from it meanwhile).
      const started = Date.now();
      const on = await wrkAsync(`${app.url}/api/v1/petitions/${during.slug}/signatures`, SECONDS, { RUN_TAG: 'on' });
      const stoppedAt = Date.now();
      const signingMs = stoppedAt - started;
      const deliveredWhileSigning = receiver.uniqueEvents().length;
      // wrk stops with requests still in the server: count the rows once they have committed.
      let signed = await rowsOf(during.id);
      for (let previous = -1; previous !== signed;) {
        previous = signed;
        await new Promise((r) => setTimeout(r, 500));
        signed = await rowsOf(during.id);
      }
      // Drain: every signature of the run delivered (deduplicated by webhook-id).
      let drainMs = -1;
      while (Date.now() - stoppedAt < 120_000) {
        if (receiver.uniqueEvents().length >= signed) {
          drainMs = Date.now() - stoppedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      const unique = receiver.uniqueEvents();
      const eventIds = new Set(unique.map((e) => e.id));
      const signatureIds = new Set(unique.map((e) => (e['osdi:signature'] as { identifiers: string[] } | undefined)?.identifiers[0]));
      const dupPosts = [...receiver.acceptedCount.values()].filter((n) => n > 1).length;
      const posts = receiver.posts.filter((p) => p.status < 300).length;
      const exact = unique.length === signed && eventIds.size === signed && signatureIds.size === signed;
      ok = exact && drainMs >= 0 && receiver.rejected === 0;
      rows.push({ figure: 'sign path, no webhook endpoint', value: `${fmt(rate(off))} sig/s, p99 ${msf(off.p99_us / 1000)}`, target: '—' });
      rows.push({
        figure: 'sign path, endpoint on signature.created',
        value: `${fmt(rate(on))} sig/s, p99 ${msf(on.p99_us / 1000)}`,
        target: 'outbox costs little',
        ratio: `${((rate(on) / rate(off)) * 100).toFixed(0)}% of no-endpoint`,
      });
      rows.push({
        figure: 'webhook events delivered while signing',
        value: `${fmt(deliveredWhileSigning / (signingMs / 1000))} events/s (${fmt(deliveredWhileSigning)} of ${fmt(signed)} by the time signing stopped)`,
        target: '≈ the sign rate',
        ratio: `${((deliveredWhileSigning / signed) * 100).toFixed(0)}%`,
      });
      rows.push({
        figure: 'webhook lag: last event after signing stopped',
        value: drainMs >= 0 ? `${fmt(drainMs)} ms` : 'not within 120 s',
        target: 'seconds',
        pass: drainMs >= 0,
      });
      rows.push({
        figure: 'webhook POSTs',
        value: `${fmt(posts)} POSTs for ${fmt(signed)} events (${(signed / Math.max(1, posts)).toFixed(0)} per POST), ${dupPosts} webhook-ids accepted twice, ${receiver.rejected} failed verification`,
        target: 'batched; 0 unverifiable',
        pass: receiver.rejected === 0,
      });
      rows.push({
        figure: 'every signature delivered exactly once (after dedupe by webhook-id)',
        value: `${fmt(unique.length)} events, ${fmt(eventIds.size)} event ids, ${fmt(signatureIds.size)} signatures, ${fmt(signed)} rows`,
        target: 'all equal',
        pass: exact,
      });
    } finally {
      await worker.stop();
      await app.stop();
    }
  } finally {
    await receiver.close();
    await t.drop();
  }
  return ok;
}

async function main() {
  await ensureAppBuild('web');
  const rows: Row[] = [];
  let ok = true;
  try {
    if (!process.env.BENCH_SKIP_PEOPLE) ok = (await peoplePaging(rows)) && ok;
    if (!process.env.BENCH_SKIP_WEBHOOKS) ok = (await webhookThroughput(rows)) && ok;
  } finally {
    printTable(`Integrations — people paging over ${fmt(PEOPLE)} signers; webhooks during ${SECONDS} s of signing (wrk -t1 -c64)`, rows);
  }
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
