// The authenticated API through the production server (server.ts): the record-signature helper's
// fast path reads the key headers itself (it answers before Next), and the GET routes go through
// Next. Needs a production build of apps/web (`npm run build -w @undersigned/web`); skipped otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign, insertApiKey } from '@undersigned/core/testing';
import { deleteTestKeys, startWebServer, testEnv, type WebServer } from '@undersigned/testing';

const WEB = path.resolve(__dirname, '..', '..');
const built = existsSync(path.join(WEB, '.next', 'BUILD_ID'));
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn('[osdi-http] SKIPPED: no production build at apps/web/.next (run `npm run build -w @undersigned/web`)');

let env: Record<string, string> = {};
let server: WebServer | undefined;

describeBuilt('authenticated OSDI API over HTTP (production server)', () => {
  const t = useTestDatabase('web_osdi_http', { beforeDrop: () => server?.stop() });
  let slug = '';
  let campaignId = 0;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    const c = await createCampaign(t.db);
    slug = c.slug;
    campaignId = c.id;
    keys.write = (await insertApiKey(t.db, { scope: 'write' })).secret;
    keys.read = (await insertApiKey(t.db, { scope: 'read' })).secret;
    env = testEnv({ databaseUrl: t.url, label: 'web_osdi_http' });
    server = await startWebServer({ env });
  }, 90_000);

  afterAll(async () => {
    await deleteTestKeys(env);
  });

  const body = (email: string) =>
    JSON.stringify({
      person: { given_name: 'Ana', family_name: 'Ruiz', email_addresses: [{ address: email }], postal_addresses: [{ postal_code: '95112' }] },
    });
  const sign = (headers: Record<string, string>, email: string) =>
    fetch(`${server!.url}/api/v1/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body(email),
    });

  it('the fast path: a write key gets the full signature, a read key 403, a bad key 401, no key the blind answer', async () => {
    const full = await sign({ 'OSDI-API-Token': keys.write! }, 'http-writer@example.org');
    expect(full.status).toBe(200);
    expect(full.headers.get('cache-control')).toBe('private, no-store');
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId } });
    expect((await full.json()).identifiers[0]).toBe(`undersigned:${row.id}`);

    const read = await sign({ Authorization: `Bearer ${keys.read!}` }, 'http-reader@example.org');
    expect(read.status).toBe(403);
    expect(await read.json()).toEqual({ error: 'forbidden', message: expect.any(String) });
    const bad = await sign({ 'OSDI-API-Token': 'us_nope' }, 'http-bad@example.org');
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await t.db.signature.count({ where: { campaignId } })).toBe(1);

    const blind = await (await sign({}, 'http-blind@example.org')).json();
    expect(blind.identifiers).toEqual([expect.stringMatching(/^undersigned_share:/)]);
  });

  it('GET routes through Next: 401 without a key, 200 private with one; the preflight allows the key headers', async () => {
    expect((await fetch(`${server!.url}/api/v1/people`)).status).toBe(401);
    const people = await fetch(`${server!.url}/api/v1/people`, { headers: { 'OSDI-API-Token': keys.read! } });
    expect(people.status).toBe(200);
    expect(people.headers.get('cache-control')).toBe('private, no-store');
    expect((await people.json()).total_records).toBe(2); // the key's signer and the keyless one
    const pre = await fetch(`${server!.url}/api/v1/petitions/${slug}/signatures`, { method: 'OPTIONS' });
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/OSDI-API-Token, Authorization/);
  });
});
