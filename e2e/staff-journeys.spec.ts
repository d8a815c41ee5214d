// Staff browser journeys in Chromium against the production build: password and magic-link
// sign-in (the link read back from a real SMTP server), create + target + publish a campaign,
// bulk clean-up with a preview, role denials, sign-out and deactivation.
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { ADMIN, ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

let env: StaffEnvironment;
let browser: Browser;

beforeAll(async () => {
  env = await startStaffEnvironment('journeys');
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ baseURL: env.baseUrl, viewport: { width: 1280, height: 900 } });
  return context.newPage();
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `staff-${name}.png`), fullPage: true });

async function passwordSignIn(page: Page, email = ADMIN.email, password = ADMIN.password) {
  await page.goto('/campaigns');
  expect(new URL(page.url()).pathname).toBe('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in with password' }).click();
}

async function magicLinkFor(page: Page, email: string): Promise<string> {
  const before = env.smtp.messages.length;
  await page.goto('/login');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Send sign-in link' }).click();
  await page.waitForURL('**/login/check-email**');
  const [mail] = (await env.smtp.waitFor(before + 1, 10_000)).slice(before);
  expect(mail!.envelope.to).toEqual([email]);
  const link = /(http:\/\/localhost:\d+\/api\/auth\/callback\/email\?[^\s"<]+)/.exec(mail!.parsed.text ?? '')?.[1];
  expect(link).toBeDefined();
  return link!;
}

describe('staff sign-in', () => {
  it('signs the bootstrap admin in with a password, refuses a wrong one, and signs out', async () => {
    const page = await newPage();
    await passwordSignIn(page, ADMIN.email, 'not-the-password');
    await page.waitForURL('**/login?error=invalid_login');
    await page.getByText('That email and password did not match an active staff account.').waitFor();
    await shot(page, 'login-error');

    await passwordSignIn(page);
    await page.waitForURL('**/campaigns');
    await expect(page.getByRole('heading', { name: 'Campaigns', level: 1 }).count()).resolves.toBe(1);
    await expect(page.getByRole('link', { name: 'San Jose must stand with immigrants and refugees' }).count()).resolves.toBe(1);
    await shot(page, 'campaigns');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/campaigns');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('signs an invited campaigner in through the emailed magic link, once', async () => {
    const page = await newPage();
    const link = await magicLinkFor(page, env.users.campaigner.email);
    await page.goto(link);
    await page.waitForURL('**/campaigns');
    await expect(page.getByText('campaigner', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await page.context().close();

    const again = await newPage();
    await again.goto(link);
    expect(new URL(again.url()).pathname).toBe('/login');
    await again.context().close();
  });

  it('sends no link to strangers or deactivated staff, with the same answer as for staff', async () => {
    const page = await newPage();
    const before = env.smtp.messages.length;
    for (const email of ['stranger@e2e.example', env.users.deactivated.email]) {
      await page.goto('/login');
      await page.getByLabel('Work email').fill(email);
      await page.getByRole('button', { name: 'Send sign-in link' }).click();
      await page.waitForURL('**/login/check-email**');
    }
    await new Promise((r) => setTimeout(r, 500));
    expect(env.smtp.messages.length).toBe(before);
    await passwordSignIn(page, env.users.deactivated.email, 'whatever-password');
    await page.waitForURL('**/login?error=invalid_login');
    await page.context().close();
  });
});

describe('campaign authoring', () => {
  it('creates "Tell Councilmember X", attaches a target with a milestone policy, and publishes it', async () => {
    const page = await newPage();
    await passwordSignIn(page, ADMIN.email, ADMIN.password);
    await page.waitForURL('**/campaigns');
    await page.getByRole('link', { name: 'New campaign' }).first().click();
    await page.waitForURL('**/campaigns/new');

    await page.locator('#en-title').fill('Tell Councilmember X: keep libraries open');
    await expect(page.locator('#slug').inputValue()).resolves.toBe('tell-councilmember-x-keep-libraries-open');
    await page.locator('#en-ask').fill('Keep every branch library open on Sundays.');
    await page.locator('#en-body').fill('Libraries are **lifelines**.\n\n- homework help[^1]\n- cooling centers');
    await page.locator('#es-title').fill('Dígale al concejal X: bibliotecas abiertas');
    await page.locator('#es-ask').fill('Mantenga abiertas las bibliotecas los domingos.');
    await page.locator('#es-body').fill('Las bibliotecas son **vitales**.');
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.locator('#source-0-citation').fill('Library budget 2026');
    await page.locator('#source-0-url').fill('https://city.example/budget');
    await page.locator('#goal').fill('500');

    // The live preview renders the Markdown with the public renderer, footnote link included.
    const preview = page.locator('article .prose-letter');
    await expect(preview.locator('strong').textContent()).resolves.toBe('lifelines');
    await expect(preview.locator('a[href="#source-1"]').count()).resolves.toBe(1);
    await expect(page.getByText('Unsaved changes').count()).resolves.toBe(1);
    await shot(page, 'new-campaign-filled');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/campaigns\/\d+\/targets\?created=1$/);
    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    const campaign = await env.db.campaign.findUniqueOrThrow({ where: { id }, include: { translations: true } });
    expect(campaign.status).toBe('draft');
    expect(campaign.translations.map((t) => t.locale).sort()).toEqual(['en', 'es']);

    // A slug clash is caught before saving.
    const other = await newPage();
    await other.context().addCookies(await page.context().cookies());
    await other.goto('/campaigns/new');
    await other.locator('#slug').fill('tell-councilmember-x-keep-libraries-open');
    await other.getByText('Another campaign already uses this slug.').waitFor();
    await other.context().close();

    // Publishing needs a target: attach one and set a milestone policy.
    const target = await env.db.target.create({
      data: { title: 'Councilmember', givenName: 'Xavier', familyName: 'Example', email: 'x@city.example', postalCodes: ['95112'] },
    });
    await page.reload();
    await page.getByLabel('Attach a target from the directory').selectOption(String(target.id));
    await page.getByRole('button', { name: 'Attach' }).click();
    await page.getByText('Target attached.').waitFor();
    await page.getByLabel('Milestones').fill('50, 250');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByText('Delivery policy saved.').waitFor();
    const pair = await env.db.campaignTarget.findUniqueOrThrow({ where: { campaignId_targetId: { campaignId: id, targetId: target.id } } });
    expect(pair.milestones).toEqual([50, 250]);
    await shot(page, 'campaign-targets');

    // Drafts autosave a few seconds after a change.
    await page.goto(`/campaigns/${id}/edit`);
    await page.locator('#en-summary').fill('Sundays are when families can come.');
    await page.getByText(/Draft autosaved at/).waitFor({ timeout: 15_000 });
    const saved = await env.db.campaignTranslation.findUniqueOrThrow({ where: { campaignId_locale: { campaignId: id, locale: 'en' } } });
    expect(saved.summary).toBe('Sundays are when families can come.');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, publish' }).click();
    await page.waitForURL(/\/campaigns\/\d+\?done=publish$/);
    await page.getByText('Published. The campaign is live.').waitFor();
    await shot(page, 'campaign-published');
    const published = await env.db.campaign.findUniqueOrThrow({ where: { id } });
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    const actions = (await env.db.auditLog.findMany({ where: { entityId: String(id) } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['campaign.create', 'campaign.target_attach', 'campaign.delivery_policy', 'campaign.publish']));

    // The audit log shows it to the admin.
    await page.goto('/audit');
    await expect(page.getByText('campaign.publish').count()).resolves.toBeGreaterThan(0);
    await shot(page, 'audit');
    await page.context().close();
  });
});

describe('signatures clean-up', () => {
  it('previews a bulk mark by email domain, applies it, and the count drops by exactly that much', async () => {
    const c = await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' } });
    const countOf = async () =>
      Number(
        (await env.db.$queryRaw<{ n: bigint }[]>`SELECT coalesce(sum(count),0)::bigint AS n FROM campaign_counter WHERE campaign_id = ${c.id}`)[0]!.n,
      );
    const before = await countOf();
    const sample = await env.db.signature.findFirstOrThrow({ where: { campaignId: c.id, status: 'confirmed' }, include: { person: true } });
    const domain = sample.person.canonicalEmail.split('@')[1]!;
    const matching = await env.db.signature.count({
      where: { campaignId: c.id, status: { in: ['confirmed', 'pending'] }, person: { canonicalEmail: { endsWith: `@${domain}` } } },
    });

    const page = await newPage();
    await passwordSignIn(page);
    await page.waitForURL('**/campaigns');
    await page.goto(`/campaigns/${c.id}/signatures`);
    await page.getByLabel('Email domain').fill(domain);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page
      .getByText(`${matching.toLocaleString('en-US')} signature`)
      .first()
      .waitFor();
    await shot(page, 'bulk-preview');
    await page.getByRole('button', { name: `Mark ${matching} invalid` }).click();
    await page.waitForURL(/moderated=/);
    expect(await countOf()).toBe(before - matching);
    await page.context().close();
  });
});

describe('privacy requests', () => {
  it('finds a supporter by email and erases them with every signature; counts stay exact', async () => {
    const c = await env.db.campaign.findFirstOrThrow({ where: { slug: 'oakland-no-ice-cooperation' } });
    const sig = await env.db.signature.findFirstOrThrow({ where: { campaignId: c.id, status: 'confirmed' }, include: { person: true } });
    const signedConfirmed = await env.db.signature.findMany({ where: { personId: sig.personId, status: 'confirmed' } });
    const countOf = async (campaignId: number) =>
      Number(
        (
          await env.db.$queryRaw<{ n: bigint }[]>`SELECT coalesce(sum(count),0)::bigint AS n FROM campaign_counter WHERE campaign_id = ${campaignId}`
        )[0]!.n,
      );
    const before = await countOf(c.id);

    const page = await newPage();
    await passwordSignIn(page);
    await page.waitForURL('**/campaigns');
    await page.getByRole('link', { name: 'Privacy' }).click();
    await page.getByLabel('Email address').fill(sig.person.email.toUpperCase());
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByText(`${sig.person.givenName} ${sig.person.familyName}`).first().waitFor();
    page.on('dialog', (d) => void d.accept());
    await page.getByLabel('Reason').fill('Erasure request by email');
    await page.getByRole('button', { name: 'Erase person' }).click();
    await page.waitForURL(/\/people\?erased=\d+$/);
    await shot(page, 'privacy-erased');
    expect(await env.db.person.findUnique({ where: { id: sig.personId } })).toBeNull();
    expect(await countOf(c.id)).toBe(before - signedConfirmed.filter((s) => s.campaignId === c.id).length);
    await page.context().close();
  });
});

describe('role denials', () => {
  it('shows a viewer dashboards but no editing, exports, staff or audit', async () => {
    const page = await env.signedInPage(browser, 'viewer');
    await page.goto('/campaigns');
    await expect(page.getByRole('link', { name: 'New campaign' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Staff' }).count()).resolves.toBe(0);
    const c = await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' } });
    await page.goto(`/campaigns/${c.id}`);
    await expect(page.getByRole('link', { name: 'Signatures' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Close' }).count()).resolves.toBe(0);
    const res = await page.goto('/campaigns/new');
    expect(res?.status()).toBe(403);
    await page.getByText('Your role does not allow this').waitFor();
    await shot(page, 'forbidden');
    await page.context().close();
  });

  it('locks a deactivated admin-made campaigner out on the next request', async () => {
    const page = await env.signedInPage(browser, 'campaigner');
    await page.goto('/campaigns');
    expect(new URL(page.url()).pathname).toBe('/campaigns');

    const admin = await newPage();
    await passwordSignIn(admin);
    await admin.waitForURL('**/campaigns');
    await admin.goto('/staff');
    admin.on('dialog', (d) => void d.accept());
    const row = admin.getByRole('row').filter({ hasText: env.users.campaigner.email });
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.getByText('Deactivated').waitFor();
    await shot(admin, 'staff-admin');

    await page.goto('/campaigns');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
    await admin.context().close();
  });
});

describe('accessibility and small screens', () => {
  // Phone and desktop: the layout differs (the top bar shows the user's name and role only from
  // the sm breakpoint up, tables scroll on a phone), so each width is checked on its own.
  const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } } as const;

  it.each(Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[])(
    'has no WCAG A/AA violations on the main staff pages at %s width, and they fit it',
    async (width) => {
      const { default: AxeBuilder } = await import('@axe-core/playwright');
      const c = await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' } });
      const page = await env.signedInPage(browser, 'admin', VIEWPORTS[width]);
      const context = page.context();
      const problems: string[] = [];
      const pages = [
        '/campaigns',
        `/campaigns/${c.id}`,
        `/campaigns/${c.id}/edit`,
        `/campaigns/${c.id}/targets`,
        `/campaigns/${c.id}/signatures`,
        `/campaigns/${c.id}/deliveries`,
        '/targets',
        '/people',
        '/review/lists',
        '/staff',
        '/audit',
      ];
      for (const path of pages) {
        await page.goto(path);
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of result.violations)
          problems.push(
            `${path} ${v.id}: ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(', ')}`,
          );
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) {
          const wide = await page.evaluate(() =>
            [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.overflow-x-auto'))
              .slice(0, 3)
              .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ').slice(0, 3).join('.')}`),
          );
          problems.push(`${path} overflows the ${width} width by ${overflow}px: ${wide.join(', ')}`);
        }
      }
      await page.goto(`/campaigns/${c.id}`);
      await shot(page, `dashboard-${width}`);
      await context.close();
      expect(problems).toEqual([]);
    },
  );
});
