// Builds and starts the public app against a fresh test database for the browser journeys.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '@undersigned/core/testing';
import { ARTIFACTS, STATE_FILE, type E2eState } from './state';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'apps', 'web');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < until) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`web did not become healthy at ${url} within ${timeoutMs} ms (${last}); see e2e/artifacts/web-server.log`);
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  mkdirSync(ARTIFACTS, { recursive: true });
  const t: TestDatabase = await createTestDatabase('e2e_web');
  (globalThis as { __e2eDatabase?: TestDatabase }).__e2eDatabase = t;

  // The demo seed (the San José petition and friends), then a campaign that confirms by email.
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'prisma', 'seed', 'index.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await createCampaign(t.db, {
    slug: 'e2e-confirm-by-email',
    requireConfirmation: true,
    title: 'Confirm-by-email test petition',
    titleEs: 'Petición de prueba con confirmación',
    goal: 500,
  });
  // Staff input is never trusted as HTML: this campaign's letter tries to inject markup.
  const hostile = await createCampaign(t.db, { slug: 'e2e-hostile-markup', title: 'Markup <em>test</em>' });
  await t.db.campaignTranslation.update({
    where: { campaignId_locale: { campaignId: hostile.id, locale: 'en' } },
    data: {
      ask: 'Please <b>act</b> now.',
      body: 'Hello <img src=x onerror="document.title=1"> and <script>document.title=2</script>\n\n[click](javascript:document.title=3) and [ok](https://example.org)[^1]',
    },
  });
  await t.db.campaignSource.create({ data: { campaignId: hostile.id, position: 1, citation: 'A <i>source</i>', url: 'javascript:alert(1)' } });

  await t.db.$disconnect();

  if (process.env.E2E_SKIP_BUILD !== '1') {
    execFileSync('npm', ['run', 'build', '-w', '@undersigned/web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  // Pages rendered by an earlier run (ISR keeps them on disk) came from another database.
  rmSync(path.join(ROOT, 'apps', 'web', '.next', 'server', 'route-cache'), { recursive: true, force: true });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const run = `${process.pid}-${Date.now()}`;
  const state: Omit<E2eState, 'serverPid'> = {
    baseUrl,
    databaseUrl: t.url,
    databaseName: t.name,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: `e2e${process.pid}`,
    rateLimitPrefix: `e2e:rl:${run}`,
    confirmSecret: 'e2e-confirm-token-secret-0123456789abcdef',
    ipHashSecret: 'e2e-ip-hash-secret-0123456789abcdefghijkl',
  };
  const log = openSync(path.join(ARTIFACTS, 'web-server.log'), 'w');
  // What production runs (`npm run start -w @undersigned/web`): the custom server, which answers
  // the sign POST itself, guards campaign-page slugs and hands the rest to Next.
  const server = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: WEB,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      // The tests stand in for a proxy in front: an X-Forwarded-For they send is the client's.
      TRUSTED_PROXY_HOPS: '2',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: state.databaseUrl,
      REDIS_URL: state.redisUrl,
      PUBLIC_WEB_URL: baseUrl,
      IP_HASH_SECRET: state.ipHashSecret,
      CONFIRM_TOKEN_SECRET: state.confirmSecret,
      RATE_LIMIT_PREFIX: state.rateLimitPrefix,
      QUEUE_PREFIX: state.queuePrefix,
    },
    stdio: ['ignore', log, log],
    detached: false,
  });
  (globalThis as { __e2eServer?: typeof server }).__e2eServer = server;
  await waitForHealth(baseUrl, 30_000);
  writeFileSync(STATE_FILE, JSON.stringify({ ...state, serverPid: server.pid! }, null, 2));
  console.log(`\n[e2e] web at ${baseUrl} (database ${t.name}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
