// The staff app's /metrics (docs/metrics.md) on the production server: no staff session needed
// nor enough — only `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise, never a redirect to
// /login); the private listener (METRICS_PORT) without a token; pools and queue depths, no
// personal data.
import { sampleValue } from '@undersigned/metrics';
import { freePort } from '@undersigned/testing';
import { startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

const TOKEN = 'staff-metrics-token-0123456789ab';
let env: StaffEnvironment;
let privatePort = 0;

beforeAll(async () => {
  privatePort = await freePort();
  env = await startStaffEnvironment('metrics', { METRICS_TOKEN: TOKEN, METRICS_PORT: String(privatePort) });
});
afterAll(async () => {
  await env?.stop();
});

it('answers /metrics only to the token bearer: 401 without it even for a signed-in admin, never a redirect to /login', async () => {
  const url = `${env.baseUrl}/metrics`;
  const anonymous = await fetch(url, { redirect: 'manual' });
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
  const cookie = await env.sessionCookie(env.users.admin.id, env.users.admin.email);
  expect((await fetch(url, { headers: { cookie: `${cookie.name}=${cookie.value}` }, redirect: 'manual' })).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: 'Bearer staff-metrics-token-WRONG-WRONG' }, redirect: 'manual' })).status).toBe(401);

  const ok = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` }, redirect: 'manual' });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await ok.text();
  expect(sampleValue(text, 'undersigned_db_pool_connections', { pool: 'prisma', state: 'total', app: 'staff' })).toBeGreaterThanOrEqual(0);
  for (const queue of ['deliveries', 'emails', 'updates', 'maintenance', 'webhooks', 'review']) {
    expect(sampleValue(text, 'undersigned_queue_jobs', { queue, state: 'waiting' })).toBeGreaterThanOrEqual(0);
  }
  expect(sampleValue(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  // The seeded campaign's signers and staff: none of it in the metrics.
  const signer = await env.db.person.findFirstOrThrow();
  for (const personal of [signer.canonicalEmail, env.users.admin.email, 'san-jose-stand-with-immigrants']) expect(text).not.toContain(personal);
});

it('serves the private listener without a token', async () => {
  const res = await fetch(`http://127.0.0.1:${privatePort}/metrics`);
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('undersigned_queue_jobs');
});
