// Campaign pages are ISR: Next keeps what it renders for a path as files under
// .next/server/route-cache. The production server checks the slug first (server.ts,
// page-slug-guard.ts), so made-up slugs share one cached 404 per locale instead of leaving files
// behind for each — a flood of random URLs cannot fill the disk — while real campaigns still
// render and a campaign published a moment ago is found on its first visit.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createCampaign } from '@undersigned/core/testing';
import { closeE2eDb, e2eDb, SAN_JOSE } from './harness/browser';
import { e2eState } from './harness/state';

afterAll(async () => {
  await closeE2eDb();
});

const CACHE = path.resolve(__dirname, '..', 'apps', 'web', '.next', 'server', 'route-cache');
const get = (p: string) => fetch(`${e2eState().baseUrl}${p}`, { redirect: 'manual' });

function cachedPaths(): string[] {
  try {
    return readdirSync(CACHE, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
}

describe('campaign page cache', () => {
  it('answers 200 unknown slugs with a localized 404 and caches no page for any of them', async () => {
    const made = Array.from({ length: 40 }, (_, i) => `made-up-${Date.now()}-${i}`);
    for (const slug of made) {
      const en = await get(`/petitions/${slug}?source=x`);
      expect(en.status).toBe(404);
      const es = await get(`/es/petitions/${slug.toUpperCase()}.rsc`);
      expect(es.status).toBe(404);
    }
    const es = await (await get(`/es/petitions/${made[0]}`)).text();
    expect(es).toContain('No encontramos');
    const leftovers = cachedPaths().filter((p) => made.some((slug) => p.toLowerCase().includes(slug)));
    expect(leftovers).toEqual([]);
  });

  it('caches no thanks page for made-up slugs either (the thanks page is ISR too)', async () => {
    const made = Array.from({ length: 20 }, (_, i) => `made-up-thanks-${Date.now()}-${i}`);
    for (const slug of made) {
      expect((await get(`/petitions/${slug}/thanks?code=abcdefgh`)).status).toBe(404);
      expect((await get(`/es/petitions/${slug}/thanks`)).status).toBe(404);
    }
    const leftovers = cachedPaths().filter((p) => made.some((slug) => p.toLowerCase().includes(slug)));
    expect(leftovers).toEqual([]);
    expect((await get(`/petitions/${SAN_JOSE}/thanks?code=abcdefgh`)).status).toBe(200);
    expect((await get(`/es/petitions/${SAN_JOSE}/thanks`)).status).toBe(200);
  });

  it('still renders real campaigns, and finds a campaign published a moment ago on its first visit', async () => {
    expect((await get(`/petitions/${SAN_JOSE}`)).status).toBe(200);
    expect((await get(`/es/petitions/${SAN_JOSE}`)).status).toBe(200);
    const slug = `fresh-${Date.now()}`;
    expect((await get(`/petitions/${slug}`)).status).toBe(404);
    await createCampaign(e2eDb(), { slug, goal: 10 });
    await new Promise((r) => setTimeout(r, 1_100)); // the guard reloads at most once a second
    expect((await get(`/petitions/${slug}`)).status).toBe(200);
  });
});
