// /metrics of the production server (server.ts; docs/metrics.md): signatures through the real
// sign path move the accepted counter and the batch histograms; the public port answers only the
// METRICS_TOKEN bearer, the private listener (METRICS_PORT) anyone who can reach it; no personal
// data in the output. Needs a production build of apps/web; skipped otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '@undersigned/core/testing';
import { sampleValue } from '@undersigned/metrics';
import { deleteTestKeys, freePort, startWebServer, testEnv, type WebServer } from '@undersigned/testing';

const WEB = path.resolve(__dirname, '..', '..');
const built = existsSync(path.join(WEB, '.next', 'BUILD_ID'));
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn('[metrics-http] SKIPPED: no production build at apps/web/.next (run `npm run build -w @undersigned/web`)');

const TOKEN = 'web-metrics-token-0123456789abcdef';
let env: Record<string, string> = {};
let server: WebServer | undefined;
let privatePort = 0;

describeBuilt('/metrics on the production server', () => {
  const t = useTestDatabase('web_metrics_http', { beforeDrop: () => server?.stop() });
  let slug = '';

  beforeAll(async () => {
    slug = (await createCampaign(t.db, { slug: 'metrics-private-campaign' })).slug;
    privatePort = await freePort();
    env = testEnv({ databaseUrl: t.url, label: 'web_metrics_http', overrides: { METRICS_TOKEN: TOKEN, METRICS_PORT: String(privatePort) } });
    server = await startWebServer({ env });
  }, 90_000);

  afterAll(async () => {
    await deleteTestKeys(env);
  });

  const scrape = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { headers });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
  };

  it('counts signatures accepted and refused, batch sizes and commit latency, HTTP requests by route, pools and the sign queue', async () => {
    const sign = (email: string, given = 'Zelda') =>
      fetch(`${server!.url}/api/v1/petitions/${slug}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77' },
        body: JSON.stringify({
          person: {
            given_name: given,
            family_name: 'Quartermain',
            email_addresses: [{ address: email }],
            postal_addresses: [{ postal_code: '95112' }],
          },
        }),
      });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => sign(`zelda.q${i}@metrics-example.org`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect((await sign('not-an-email')).status).toBe(400);
    const elsewhere = await fetch(`${server!.url}/api/v1/petitions/no-such-campaign-here/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        person: {
          given_name: 'Zelda',
          family_name: 'Quartermain',
          email_addresses: [{ address: 'zelda@metrics-example.org' }],
          postal_addresses: [{ postal_code: '95112' }],
        },
      }),
    });
    expect(elsewhere.status).toBe(404);

    const { status, text, type } = await scrape(`${server!.url}/metrics`, { authorization: `Bearer ${TOKEN}` });
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sampleValue(text, 'undersigned_signatures_total', { outcome: 'accepted', reason: 'confirmed', app: 'web' })).toBe(12);
    expect(sampleValue(text, 'undersigned_signatures_total', { outcome: 'refused', reason: 'validation' })).toBe(1);
    expect(sampleValue(text, 'undersigned_signatures_total', { outcome: 'refused', reason: 'not_found' })).toBe(1);
    const batches = sampleValue(text, 'undersigned_sign_batch_size_count')!;
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThanOrEqual(12);
    expect(sampleValue(text, 'undersigned_sign_batch_size_sum')).toBe(12);
    expect(sampleValue(text, 'undersigned_sign_batch_commit_seconds_count', { outcome: 'committed' })).toBe(batches);
    expect(sampleValue(text, 'undersigned_sign_queue_depth')).toBe(0);
    expect(sampleValue(text, 'undersigned_ratelimit_verdicts_total', { limiter: 'signature' })).toBe(12);
    expect(sampleValue(text, 'undersigned_http_request_duration_seconds_count', { route: 'sign', method: 'POST', status: '200' })).toBe(12);
    expect(sampleValue(text, 'undersigned_http_request_duration_seconds_count', { route: 'sign', method: 'POST', status: '400' })).toBe(1);
    expect(sampleValue(text, 'undersigned_http_request_duration_seconds_count', { route: 'sign', method: 'POST', status: '404' })).toBe(1);
    expect(sampleValue(text, 'undersigned_db_pool_connections', { pool: 'sign', state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(sampleValue(text, 'undersigned_db_pool_connections', { pool: 'prisma', state: 'waiting' })).toBe(0);
    expect(sampleValue(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    // No personal data, no campaign, no path: only the fixed label sets.
    for (const personal of ['zelda', 'quartermain', 'metrics-example', '203.0.113.77', slug, 'no-such-campaign']) {
      expect(text.toLowerCase()).not.toContain(personal);
    }
  });

  it('answers /metrics on the public port only to the token bearer (401 otherwise), and on the private listener without one', async () => {
    const none = await scrape(`${server!.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.text).not.toContain('undersigned_');
    expect((await scrape(`${server!.url}/metrics`, { authorization: 'Bearer web-metrics-token-0123456789abcdeX' })).status).toBe(401);
    expect((await scrape(`${server!.url}/metrics`, { authorization: TOKEN })).status).toBe(401);
    // A campaign page: answered from the page cache, filled by the server's own loopback request.
    const page = await fetch(`${server!.url}/petitions/${slug}`, { signal: AbortSignal.timeout(20_000) });
    expect(page.status).toBe(200);
    const inside = await scrape(`http://127.0.0.1:${privatePort}/metrics`);
    expect(sampleValue(inside.text, 'undersigned_http_request_duration_seconds_count', { route: 'campaign_page', status: '200' })).toBe(1);
    expect(sampleValue(inside.text, 'undersigned_http_request_duration_seconds_count', { route: 'page_fill', status: '200' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(inside.status).toBe(200);
    expect(inside.text).toContain('undersigned_signatures_total');
    // The scrapes themselves are not HTTP traffic of the app.
    expect(sampleValue(inside.text, 'undersigned_http_request_duration_seconds_count', { route: 'page' }) ?? 0).toBe(0);
  });
});
