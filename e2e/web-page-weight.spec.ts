// Page weight (issue 11 of the series, tracker #14, target 2): what a phone's first visit of a
// campaign page costs on the wire, recorded with Chromium through the DevTools protocol (the same
// recorder as bench/first-visit.ts), against the production server. A regression — a new chunk,
// a prefetch answered `private, no-store`, an asset without `immutable` — fails here.
import { launchBrowser } from '@undersigned/testing/browser';
import {
  KB,
  PHONE_DEVICE,
  cacheControl,
  estimateCompressed,
  formatVisit,
  isStaticAsset,
  kb,
  overNetwork,
  pathOf,
  recordVisit,
  uncacheable,
  visitTotals,
  type Recorded,
} from '@undersigned/testing/first-visit';
import type { Browser } from 'playwright-core';
import { SAN_JOSE } from './harness/browser';
import { e2eState } from './harness/state';

let browser: Browser | undefined;
let first: Recorded[] = [];
let repeat: Recorded[] = [];

beforeAll(async () => {
  const url = `${e2eState().baseUrl}/petitions/${SAN_JOSE}`;
  // Rendered once (ISR) before the visits, as for every visitor after the first.
  for (let i = 0; i < 2; i++) expect((await fetch(url)).status).toBe(200);
  browser = await launchBrowser();
  const context = await browser.newContext(PHONE_DEVICE);
  first = await recordVisit(context, url);
  repeat = await recordVisit(context, url);
  await context.close();

  const f = visitTotals(first);
  const r = visitTotals(repeat);
  const estimate = await estimateCompressed(first);
  console.log(
    [
      formatVisit('First visit (phone, empty cache)', first),
      formatVisit('Repeat visit (same context)', repeat),
      `\nfirst visit: ${f.network} requests over the network, ${kb(f.transferred)} transferred, ${kb(f.decoded)} decoded; ` +
        `compressed once: ${kb(estimate.headers + estimate.brotli)} brotli 11, ${kb(estimate.headers + estimate.gzip)} gzip 9`,
      `repeat visit: ${r.network} requests over the network, ${kb(r.transferred)} transferred`,
    ].join('\n'),
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const describeRequest = (r: Recorded) => `${pathOf(r.url)} (${cacheControl(r) || 'no cache-control'})`;

describe('campaign page weight on a phone', () => {
  it('loads the page in at most 8 requests over the network', () => {
    const requests = first.filter(overNetwork);
    expect(requests.map((r) => pathOf(r.url)).length).toBeGreaterThan(0);
    expect(requests.length).toBeLessThanOrEqual(8);
  });

  it('transfers at most 150 KB on the first visit', () => {
    expect(visitTotals(first).transferred).toBeLessThanOrEqual(150 * KB);
  });

  it('transfers at most 20 KB on a repeat visit, the assets coming from the cache', () => {
    expect(visitTotals(repeat).transferred).toBeLessThanOrEqual(20 * KB);
    expect(repeat.filter((r) => overNetwork(r) && isStaticAsset(r)).map(describeRequest)).toEqual([]);
  });

  it('asks for nothing answered private or no-store (nothing rendered per visitor, such as a router prefetch)', () => {
    expect([...first, ...repeat].filter(uncacheable).map(describeRequest)).toEqual([]);
  });

  it('serves every static asset cached for good (immutable)', () => {
    const assets = first.filter((r) => overNetwork(r) && isStaticAsset(r));
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((r) => !/\bimmutable\b/.test(cacheControl(r))).map(describeRequest)).toEqual([]);
  });
});
