// Builds and starts the public app against a fresh test database for the browser journeys.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '@undersigned/core/testing';
import { ensureAppBuild, REPO_ROOT, seedDatabase, startWebServer, testEnv, type WebServer } from '@undersigned/testing';
import { ARTIFACTS, STATE_FILE, type E2eState } from './state';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  mkdirSync(ARTIFACTS, { recursive: true });
  const t: TestDatabase = await createTestDatabase('e2e_web');
  (globalThis as { __e2eDatabase?: TestDatabase }).__e2eDatabase = t;

  // The tests stand in for a proxy in front: an X-Forwarded-For they send is the client's.
  const env = testEnv({ databaseUrl: t.url, label: 'e2e-web', overrides: { TRUSTED_PROXY_HOPS: '2' } });
  // The demo seed (the San José petition and friends), then a campaign that confirms by email.
  seedDatabase(env);
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

  // A fresh build unless E2E_SKIP_BUILD=1 says the one there is current (npm test builds first).
  await ensureAppBuild('web', { rebuild: process.env.E2E_SKIP_BUILD !== '1' });

  // Pages rendered by an earlier run (ISR keeps them on disk) came from another database.
  rmSync(path.join(REPO_ROOT, 'apps', 'web', '.next', 'server', 'route-cache'), { recursive: true, force: true });

  // What production runs (`npm run start -w @undersigned/web`): the custom server, which answers
  // the sign POST itself, guards campaign-page slugs and hands the rest to Next.
  const server = await startWebServer({ env, logFile: path.join(ARTIFACTS, 'web-server.log') });
  (globalThis as { __e2eServer?: WebServer }).__e2eServer = server;
  const state: E2eState = { baseUrl: server.url, databaseUrl: t.url, databaseName: t.name, env: { ...env, PUBLIC_WEB_URL: server.url } };
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
  console.log(`\n[e2e] web at ${server.url} (database ${t.name}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
