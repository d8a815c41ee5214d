import type { Page } from 'playwright-core';
import { countFor, DESKTOP, e2eDb, openPage, PHONE, SAN_JOSE, screenshot, uniqueEmail, useBrowser } from './harness/browser';
import { e2eState } from './harness/state';

const browser = useBrowser();

async function fillForm(page: Page, fields: { given?: string; family?: string; email: string; zip?: string; comment?: string }) {
  await page.getByLabel('First name').fill(fields.given ?? 'Rosa');
  await page.getByLabel('Last name').fill(fields.family ?? 'Hernández');
  await page.getByLabel('Email').fill(fields.email);
  await page.getByLabel('ZIP code').fill(fields.zip ?? '95112');
  if (fields.comment) await page.getByLabel('Comment (optional)').fill(fields.comment);
}

/** The POSTs the page makes: path + query, and whether it is a Next server action (its `Next-Action` header). */
function recordPosts(page: Page): { path: string; serverAction: boolean }[] {
  const posts: { path: string; serverAction: boolean }[] = [];
  page.on('request', (req) => {
    if (req.method() !== 'POST') return;
    const url = new URL(req.url());
    posts.push({ path: url.pathname + url.search, serverAction: 'next-action' in req.headers() });
  });
  return posts;
}

/** The count the page shows, once it matches `want` (pages are cached for 5 s; LiveCount catches up). */
async function shownCountBecomes(page: Page, want: string, timeout = 20_000): Promise<void> {
  await page.waitForFunction((w) => document.querySelector('[data-testid="signature-count"]')?.textContent === w, want, { timeout });
}

/** Reloads a cached page until `predicate` holds for its HTML (the ISR window is 5 s). */
async function reloadUntil(page: Page, path: string, predicate: (html: string) => boolean, timeout = 20_000): Promise<void> {
  const until = Date.now() + timeout;
  for (;;) {
    await page.goto(path);
    if (predicate(await page.content())) return;
    if (Date.now() > until) throw new Error(`${path} did not show the expected content within ${timeout} ms`);
    await page.waitForTimeout(500);
  }
}

describe('signing the San José petition', () => {
  it('shows the petition with title, target, quoted ask, sources and the exact count, with no third-party requests', async () => {
    for (const [name, viewport] of [
      ['phone', PHONE],
      ['desktop', DESKTOP],
    ] as const) {
      const { page, context, foreignRequests } = await openPage(browser(), { viewport });
      await page.goto(`/petitions/${SAN_JOSE}`);
      await expect(page.locator('h1').textContent()).resolves.toBe('San Jose must stand with immigrants and refugees');
      await expect(page.getByText(/Petition to Mayor Sam Liccardo/).count()).resolves.toBe(1);
      await expect(page.locator('blockquote').textContent()).resolves.toContain('Take a public stand');
      // The page is cached for everyone; the count in it is at most a few seconds old, and the
      // live count brings it up to date without a reload.
      const count = await countFor(SAN_JOSE);
      await shownCountBecomes(page, `${count.toLocaleString('en-US')} of 10,000`);
      await expect(page.locator('#source-1').count()).resolves.toBe(1);
      await expect(page.locator('a[href="#source-1"]').count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await screenshot(page, `campaign-${name}`);
      expect(foreignRequests).toEqual([]);
      await context.close();
    }
  });

  it('signs with JavaScript on through the fast path: no page reload, thanks page with the new count and referral share links', async () => {
    const before = await countFor(SAN_JOSE);
    const { page, context } = await openPage(browser());
    const posts = recordPosts(page);
    await page.goto(`/petitions/${SAN_JOSE}?source=sms&ref=abcdefgh`);
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    const email = uniqueEmail('js');
    await fillForm(page, { email, comment: 'Protect our neighbors' });
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.waitForURL(/\/thanks\?code=/);
    // The signature went to the production server's fast path, not through a Next server action.
    expect(posts).toEqual([{ path: `/api/v1/petitions/${SAN_JOSE}/signatures?locale=en`, serverAction: false }]);
    // Still the same document: the form was sent without a reload.
    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    await expect(page.getByTestId('thanks-title').textContent()).resolves.toBe('Thank you for signing!');
    expect(await countFor(SAN_JOSE)).toBe(before + 1);
    // The thanks page is cached for every signer; its count is brought up to date in the browser.
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="thanks-count"]')?.textContent === want,
      `${(before + 1).toLocaleString('en-US')} people have signed so far.`,
      { timeout: 20_000 },
    );
    const code = new URL(page.url()).searchParams.get('code')!;
    const shareUrl = await page.getByTestId('share-url').inputValue();
    expect(shareUrl).toContain(`ref=${code}`);
    for (const name of ['WhatsApp', 'Email', 'X', 'Facebook']) {
      const href = await page.getByRole('link', { name, exact: true }).getAttribute('href');
      expect(decodeURIComponent(href!)).toContain(`ref=${code}`);
    }
    const row = await e2eDb().signature.findFirstOrThrow({ where: { shareCode: code } });
    expect(row).toMatchObject({ source: 'sms', referrerCode: 'abcdefgh', comment: 'Protect our neighbors', status: 'confirmed' });
    await screenshot(page, 'thanks-phone');
    // The public page now lists this signer as first name, last initial and city — nothing more
    // (within the cache window of the page).
    await reloadUntil(page, `/petitions/${SAN_JOSE}`, (html) => html.includes('Rosa H., San Jose'));
    const signers = await page.getByTestId('recent-signers').textContent();
    expect(signers).toContain('Rosa H., San Jose');
    const html = await page.content();
    for (const secret of ['Hernández', email, 'Protect our neighbors', '95112']) expect(html).not.toContain(secret);
    await context.close();
  });

  it('signs with JavaScript off: a plain form post answered 303 to the thanks page', async () => {
    const before = await countFor(SAN_JOSE);
    const { page, context } = await openPage(browser(), { javaScript: false });
    await page.goto(`/petitions/${SAN_JOSE}`);
    const statuses: number[] = [];
    page.on('response', (res) => {
      if (res.request().method() === 'POST') statuses.push(res.status());
    });
    const posts = recordPosts(page);
    await fillForm(page, { email: uniqueEmail('nojs') });
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.waitForURL(/\/thanks\?code=/);
    expect(statuses).toEqual([303]);
    // Without JavaScript the browser posts the server action to the page itself, as before.
    expect(posts.map((p) => p.path)).toEqual([`/petitions/${SAN_JOSE}`]);
    await expect(page.getByTestId('thanks-title').textContent()).resolves.toBe('Thank you for signing!');
    // The thanks page is the same cached HTML for every signer: without JavaScript its share links
    // are the petition's plain URL, with no referral code (with JavaScript the code is added, above).
    await expect(page.getByTestId('share-url').inputValue()).resolves.toBe(`${new URL(page.url()).origin}/petitions/${SAN_JOSE}?source=link`);
    expect(await countFor(SAN_JOSE)).toBe(before + 1);
    await context.close();
  });

  it('serves the thanks page as a cached page (ISR) that does not depend on the share code', async () => {
    for (const path of [`/petitions/${SAN_JOSE}/thanks`, `/es/petitions/${SAN_JOSE}/thanks`]) {
      await fetch(`${e2eState().baseUrl}${path}?code=firstcode1`);
      const answer = await fetch(`${e2eState().baseUrl}${path}?code=secondcode2`);
      expect(answer.status).toBe(200);
      // Cacheable (not the `private, no-store` of a page rendered per request), served from server.ts's page cache.
      expect(answer.headers.get('cache-control')).not.toMatch(/no-store|private/);
      expect(answer.headers.get('x-undersigned-cache')).toMatch(/^(HIT|STALE)$/);
      // The share links in the HTML are the petition's plain URL: the code is added in the browser.
      const shareUrl = /data-testid="share-url"[^>]*value="([^"]*)"/.exec(await answer.text())?.[1];
      expect(shareUrl).toBe(`${e2eState().baseUrl}${path.replace(/\/thanks$/, '')}?source=link`);
    }
  });

  it('signs with JavaScript off from a link carrying ?ref= and ?source=, and stores both (the cached page reads them from the Referer)', async () => {
    const { page, context } = await openPage(browser(), { javaScript: false });
    await page.goto(`/petitions/${SAN_JOSE}?ref=nojsref42&source=flyer`);
    // The cached HTML is the same for every visitor: nothing from this URL is written into it.
    await expect(page.locator('input[name=source]').inputValue()).resolves.toBe('');
    await fillForm(page, { email: uniqueEmail('nojs-ref') });
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.waitForURL(/\/thanks\?code=/);
    const code = new URL(page.url()).searchParams.get('code')!;
    const row = await e2eDb().signature.findFirstOrThrow({ where: { shareCode: code } });
    expect(row).toMatchObject({ source: 'flyer', referrerCode: 'nojsref42' });
    await context.close();
  });

  it('updates the count on an open page without a reload, in a polite live region', async () => {
    const { page, context } = await openPage(browser());
    await page.goto(`/petitions/${SAN_JOSE}`);
    const before = await countFor(SAN_JOSE);
    await shownCountBecomes(page, `${before.toLocaleString('en-US')} of 10,000`);
    await expect(page.getByTestId('signature-count').locator('xpath=..').getAttribute('aria-live')).resolves.toBe('polite');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    // Someone else signs (through the API, as a partner site would).
    const res = await page.request.post(`/api/v1/petitions/${SAN_JOSE}/signatures`, {
      data: {
        person: {
          given_name: 'Eva',
          family_name: 'Lara',
          email_addresses: [{ address: uniqueEmail('live') }],
          postal_addresses: [{ postal_code: '95112' }],
        },
      },
    });
    expect(res.status()).toBe(200);
    await shownCountBecomes(page, `${(before + 1).toLocaleString('en-US')} of 10,000`, 25_000);
    await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(true);
    await expect(page.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe(String(Math.min(before + 1, 10_000)));
    await context.close();
  });

  it('shows field errors next to each field, keeps the input, and writes nothing (with and without JS)', async () => {
    for (const javaScript of [true, false]) {
      const before = await e2eDb().signature.count();
      const { page, context } = await openPage(browser(), { javaScript });
      await page.goto(`/petitions/${SAN_JOSE}`);
      const posts = recordPosts(page);
      await fillForm(page, { given: 'Luis', family: '', email: 'luis@@example', zip: '95112' });
      await page.getByRole('button', { name: 'Add your name' }).click();
      await page.getByText('Please fix the fields marked below.').waitFor();
      // With JavaScript: the fast path, answered in place; without: the server action, posted to the page.
      expect(posts.map((p) => p.path)).toEqual([javaScript ? `/api/v1/petitions/${SAN_JOSE}/signatures?locale=en` : `/petitions/${SAN_JOSE}`]);
      // With JavaScript, focus moves to the error summary (the assertive live region); each field names its message.
      if (javaScript) {
        await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-live'))).resolves.toBe('assertive');
        await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Please fix the fields marked below.');
      }
      const describedBy = await page.getByLabel('Email').getAttribute('aria-describedby');
      await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe('Enter a valid email address, like name@example.com.');
      await expect(page.getByLabel('Last name').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(page.getByLabel('First name').getAttribute('aria-invalid')).resolves.toBeNull();
      await expect(page.getByRole('button', { name: 'Add your name' }).isEnabled()).resolves.toBe(true);
      await expect(page.getByText('This field is required.').count()).resolves.toBe(1);
      await expect(page.getByText('Enter a valid email address, like name@example.com.').count()).resolves.toBe(1);
      await expect(page.getByLabel('First name').inputValue()).resolves.toBe('Luis');
      await expect(page.getByLabel('Email').inputValue()).resolves.toBe('luis@@example');
      await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
      expect(await e2eDb().signature.count()).toBe(before);
      if (javaScript) {
        await screenshot(page, 'validation-errors-phone');
        await page.setViewportSize(DESKTOP);
        await screenshot(page, 'validation-errors-desktop');
        // Corrected and sent again from the same page: signed through the fast path.
        await page.getByLabel('Last name').fill('Ortega');
        await page.getByLabel('Email').fill(uniqueEmail('js-retry'));
        await page.getByRole('button', { name: 'Add your name' }).click();
        await page.waitForURL(/\/thanks\?code=/);
        expect(posts.map((p) => p.path)).toEqual(Array(2).fill(`/api/v1/petitions/${SAN_JOSE}/signatures?locale=en`));
      }
      await context.close();
    }
  });

  it('answers a repeat signature (other case, spaces) exactly like the first and does not count it', async () => {
    const email = uniqueEmail('repeat');
    const { page, context } = await openPage(browser());
    await page.goto(`/petitions/${SAN_JOSE}`);
    await fillForm(page, { email });
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.waitForURL(/\/thanks\?code=/);
    const afterFirst = await countFor(SAN_JOSE);
    const firstTitle = await page.getByTestId('thanks-title').textContent();
    await page.goto(`/petitions/${SAN_JOSE}`);
    await fillForm(page, { email: `  ${email.toUpperCase()} ` });
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.waitForURL(/\/thanks\?code=/);
    await expect(page.getByTestId('thanks-title').textContent()).resolves.toBe(firstTitle);
    expect(await countFor(SAN_JOSE)).toBe(afterFirst);
    await context.close();
  });

  it('shows a closed campaign with its result and no form, and a victory as a victory', async () => {
    const { page, context } = await openPage(browser());
    await page.goto('/');
    const closed = await e2eDb().campaign.findFirstOrThrow({ where: { status: 'closed' } });
    const victory = await e2eDb().campaign.findFirstOrThrow({ where: { status: 'victory' } });
    await page.goto(`/petitions/${closed.slug}`);
    await expect(page.getByTestId('closed-notice').textContent()).resolves.toContain('This petition is closed');
    await expect(page.locator('form input[name=email]').count()).resolves.toBe(0);
    await page.goto(`/petitions/${victory.slug}`);
    await expect(page.getByTestId('closed-notice').textContent()).resolves.toContain('Victory!');
    await screenshot(page, 'victory-phone');
    await context.close();
  });

  it('renders staff-written Markdown safely: raw HTML escaped, javascript: links dropped', async () => {
    const { page, context } = await openPage(browser());
    await page.goto('/petitions/e2e-hostile-markup');
    await expect(page.locator('.prose-letter img, .prose-letter script, blockquote b').count()).resolves.toBe(0);
    await expect(page.locator('a[href^="javascript:"]').count()).resolves.toBe(0);
    await expect(page.locator('.prose-letter').textContent()).resolves.toContain('<img src=x');
    await expect(page.locator('.prose-letter a[href="https://example.org"]').count()).resolves.toBe(1);
    await expect(page.locator('blockquote').textContent()).resolves.toContain('<b>act</b>');
    expect(await page.title()).not.toMatch(/^[123]$/);
    await context.close();
  });

  it('announces an Open Graph / Twitter card image that draws the title and live count as a PNG', async () => {
    const { page, context } = await openPage(browser());
    await page.goto(`/petitions/${SAN_JOSE}`);
    const og = await page.locator('meta[property="og:image"]').getAttribute('content');
    expect(og).toContain(`/og/petitions/${SAN_JOSE}`);
    await expect(page.locator('meta[name="twitter:card"]').getAttribute('content')).resolves.toBe('summary_large_image');
    const image = await page.request.get(og!);
    expect(image.status()).toBe(200);
    expect(image.headers()['content-type']).toBe('image/png');
    expect((await image.body()).subarray(1, 4).toString()).toBe('PNG');
    await context.close();
  });

  it('answers an unknown petition with a 404 page', async () => {
    const { page, context } = await openPage(browser());
    const res = await page.goto('/petitions/no-such-petition');
    expect(res?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Petition not found');
    // A draft is not public either, cached page or not.
    const draft = await e2eDb().campaign.findFirstOrThrow({ where: { status: 'draft' } });
    for (const path of [`/petitions/${draft.slug}`, `/es/petitions/${draft.slug}`]) {
      expect((await page.goto(path))?.status()).toBe(404);
    }
    await context.close();
  });

  it('lists published campaigns on the home page with targets, counts and progress bars, never drafts', async () => {
    const { page, context } = await openPage(browser(), { viewport: DESKTOP });
    await page.goto('/');
    const list = page.getByTestId('campaign-list');
    await expect(list.getByText('San Jose must stand with immigrants and refugees').count()).resolves.toBe(1);
    await expect(list.getByRole('progressbar').count()).resolves.toBeGreaterThan(0);
    const draft = await e2eDb().campaign.findFirstOrThrow({ where: { status: 'draft' }, include: { translations: true } });
    await expect(list.getByText(draft.translations[0]!.title).count()).resolves.toBe(0);
    await screenshot(page, 'home-desktop');
    await context.close();
  });
});
