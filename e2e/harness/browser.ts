// Journey helpers for the public app's browser tests (Chromium from @undersigned/testing/browser).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '@undersigned/testing/browser';
import AxeBuilder from '@axe-core/playwright';
import { createDb, type Db } from '@undersigned/db';
import { ARTIFACTS, e2eState } from './state';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * One browser for a spec file: launched before its tests and closed after them, together with
 * the e2e database client. Returns a getter (the browser exists once beforeAll has run).
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await closeE2eDb();
  });
  return () => {
    if (!browser) throw new Error('the browser is launched in beforeAll');
    return browser;
  };
}

export interface JourneyContext {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to another origin (there must be none: no third parties). */
  foreignRequests: string[];
}

export async function openPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; javaScript?: boolean } = {},
): Promise<JourneyContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? PHONE,
    javaScriptEnabled: options.javaScript ?? true,
    baseURL: e2eState().baseUrl,
  });
  const page = await context.newPage();
  const origin = new URL(e2eState().baseUrl).origin;
  const foreignRequests: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:')) foreignRequests.push(url);
  });
  return { context, page, foreignRequests };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core violations (WCAG 2.x A/AA) as short strings, for an exact `toEqual([])`. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let db: Db | undefined;
/** A database client on the e2e database, to check what the journeys wrote. */
export function e2eDb(): Db {
  db ??= createDb({ url: e2eState().databaseUrl, max: 2 });
  return db;
}

export async function closeE2eDb(): Promise<void> {
  await db?.$disconnect();
  db = undefined;
}

export async function countFor(slug: string): Promise<number> {
  const [row] = await e2eDb().$queryRaw<{ n: bigint | null }[]>`
    SELECT sum(k.count)::bigint AS n FROM campaign_counter k JOIN campaign c ON c.id = k.campaign_id WHERE c.slug = ${slug}`;
  return Number(row?.n ?? 0n);
}

let n = 0;
export function uniqueEmail(tag: string): string {
  n += 1;
  return `${tag}-${process.pid}-${Date.now()}-${n}@e2e.example`;
}

export const SAN_JOSE = 'san-jose-stand-with-immigrants';
export const CONFIRM_CAMPAIGN = 'e2e-confirm-by-email';
