// Outcomes end to end (issue 12's browser journey), against the production builds and the real
// worker: a campaigner records the Mayor's response in the staff app → the public campaign page
// (apps/web's production server on the staff environment's database) shows it in English and in
// Spanish → the campaigner writes an update and sends it to the audience the page counts → the
// worker mails each consenting signer once, in their language, with RFC 8058's List-Unsubscribe
// and List-Unsubscribe-Post headers pointing at the web server, and nobody who did not consent →
// a GET of the unsubscribe URL (what a mail scanner does) changes nothing → the one-click POST
// (no cookies, another Origin) suppresses that signer → a second update skips them while the
// others get it. The staff progress view shows the final counts. Screenshots in e2e/artifacts/.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { countUpdateAudience, signPetition } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import type { ReceivedMail } from '@undersigned/email/testing';
import { freePort, startWebServer, startWorker, type WebServer, type WorkerProcess } from '@undersigned/testing';
import { ARTIFACTS, launchBrowser, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

// ISR keeps rendered pages on disk under apps/web/.next, shared with every other web server of
// the run: a slug no earlier run used, so no page rendered from another database is served.
const SLUG = `e2e-outcomes-journey-${Date.now().toString(36)}`;
const SIGNERS = {
  ana: { email: 'ana.journey@e2e.example', locale: 'en', subscribe: true },
  ben: { email: 'ben.journey@e2e.example', locale: 'en', subscribe: true },
  carla: { email: 'carla.journey@e2e.example', locale: 'es', subscribe: true },
  dan: { email: 'dan.journey@e2e.example', locale: 'en', subscribe: false },
} as const;
type Signer = keyof typeof SIGNERS;

let env: StaffEnvironment;
let web: WebServer;
let worker: WorkerProcess;
let browser: Browser;
let campaignId: number;

const started = Date.now();
const step = (what: string) => console.log(`[outcomes-journey] ${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);

beforeAll(async () => {
  // The public URL first: the staff app (previews) and the worker (unsubscribe links) need it.
  const webPort = await freePort();
  const webUrl = `http://127.0.0.1:${webPort}`;
  env = await startStaffEnvironment('outcomes', { PUBLIC_WEB_URL: webUrl });
  const campaign = await createCampaign(env.db, {
    slug: SLUG,
    title: 'San José: fund rapid response legal services',
    titleEs: 'San José: financia servicios legales de respuesta rápida',
    targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo', email: 'mayor@sanjose.example', postalCodes: ['95112'] }],
  });
  campaignId = campaign.id;
  for (const [name, s] of Object.entries(SIGNERS)) {
    await signPetition(env.db, SLUG, {
      givenName: name,
      familyName: 'Journey',
      email: s.email,
      postalCode: '95112',
      subscribe: s.subscribe,
      locale: s.locale,
    });
  }
  step('staff environment up, campaign signed');
  // The web server (started after the campaign exists: its slug guard loads the public slugs), the
  // real worker on the staff app's queues mailing the staff environment's SMTP sink (a high send
  // rate and short locks/leases keep the journey quick), and the browser, side by side.
  worker = startWorker(
    { ...env.env, UPDATES_RATE_PER_SECOND: '1000', UPDATES_RUN_MS: '5000', UPDATES_SENDING_LEASE_MS: '3000', WORKER_LOCK_MS: '2000' },
    { logFile: path.join(ARTIFACTS, 'worker-outcomes-journey.log') },
  );
  [web, browser] = await Promise.all([
    startWebServer({ env: env.env, port: webPort, logFile: path.join(ARTIFACTS, 'web-server-outcomes-journey.log') }),
    launchBrowser(),
    worker.started,
  ]);
  step('staff app, web server and worker up');
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await web?.stop();
  await browser?.close();
  await env?.stop();
});

/** One header of a received message, unfolded (mailparser's headerLines keep the raw line). */
function header(mail: ReceivedMail, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line
    ?.replace(/\r?\n[ \t]+/g, ' ')
    .slice(name.length + 1)
    .trim();
}

/** The messages of one update (their Message-ID names it), by recipient. */
function mailsOf(updateId: string): Map<string, ReceivedMail[]> {
  const byTo = new Map<string, ReceivedMail[]>();
  for (const m of env.smtp.messages) {
    if (!m.parsed.messageId?.startsWith(`<update-${updateId}-`)) continue;
    for (const to of m.envelope.to) byTo.set(to, [...(byTo.get(to) ?? []), m]);
  }
  return byTo;
}

/** The value a stat of the progress view shows (its <dt> label, its first <dd>). */
const stat = (page: Page, label: string) =>
  page
    .locator('dl > div')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) })
    .locator('dd')
    .first();

/** Writes a draft on the (prefilled or empty) compose page, saves it, returns its id. */
async function saveDraft(page: Page, text: { subjectEn: string; bodyEn: string; subjectEs: string; bodyEs: string }): Promise<string> {
  for (const [field, value] of Object.entries(text)) await page.locator(`#update-${field}`).fill(value);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.waitForURL(/\/updates\/[0-9a-f-]{36}\?created=1$/);
  return /updates\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}

/** Sends the draft open on the page to the audience it shows, and waits for the worker to finish. */
async function sendAndFinish(page: Page, audience: { total: number; en: number; es: number }): Promise<void> {
  // The audience, counted before sending: recipients and by language.
  await expect(stat(page, 'Recipients').textContent()).resolves.toBe(String(audience.total));
  await expect(stat(page, 'English').textContent()).resolves.toBe(String(audience.en));
  await expect(stat(page, 'Spanish').textContent()).resolves.toBe(String(audience.es));
  await page.getByRole('button', { name: `Send to ${audience.total} people` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(`${audience.en} in English and ${audience.es} in Spanish.`).waitFor();
  await dialog.getByRole('button', { name: 'Yes, send it' }).click();
  await page.waitForURL(/\?sent=1$/);
  // The live view polls every 2 s until the worker has an outcome for every recipient.
  await page.getByText('Sent: every recipient has an outcome.').waitFor({ timeout: 30_000 });
  await page.locator('[role=progressbar][aria-valuenow="100"]').waitFor();
  await page.getByText(`${audience.total} of ${audience.total} recipients done`).waitFor();
}

it('a response shows on the public page in both languages; updates reach consenting signers once, and one-click unsubscribe holds', async () => {
  const page = await env.signedInPage(browser, 'campaigner');

  // 1. The campaigner records the Mayor's response (the campaign's only target is preselected).
  await page.goto(`/campaigns/${campaignId}/responses`);
  await page.getByLabel('Stance').selectOption('supports');
  await page.getByLabel('Response in English (Markdown)').fill('The City will **fund rapid response legal services** from January.');
  await page.getByLabel('Response in Español (Markdown)').fill('La Ciudad **financiará servicios legales de respuesta rápida** desde enero.');
  await page.getByLabel('Link to the response (optional)').fill('https://www.sanjoseca.gov/news');
  await page.getByRole('button', { name: 'Record response' }).click();
  await page.getByText('Response recorded.').waitFor();
  // What the staff app offers next: an update prefilled from this response.
  const writeUpdate = await page.getByRole('link', { name: 'Write an update about this →' }).getAttribute('href');
  expect(writeUpdate).toMatch(/\/updates\/new\?response=\d+$/);
  step('response recorded in the staff app');

  // 2. The public page shows it, in English and in Spanish (desktop width, JavaScript on).
  const pub = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const publicPage = await pub.newPage();
  for (const [locale, prefix, heading, text, stance] of [
    ['en', '', 'Response from Mayor Sam Liccardo', 'fund rapid response legal services', 'Supports the petition'],
    ['es', '/es', /^Respuesta de .*Sam Liccardo$/, 'financiará servicios legales de respuesta rápida', 'Apoya la petición'],
  ] as const) {
    await publicPage.goto(`${web.url}${prefix}/petitions/${SLUG}`);
    const response = publicPage.locator('[data-testid=responses] section');
    await response.getByRole('heading', { name: heading }).waitFor({ timeout: 10_000 });
    await response.locator('strong', { hasText: text }).waitFor();
    await response.getByText(stance).waitFor();
    expect(await publicPage.locator('html').getAttribute('lang')).toBe(locale);
    await response.scrollIntoViewIfNeeded();
    await publicPage.screenshot({ path: path.join(ARTIFACTS, `outcomes-journey-public-response-${locale}.png`) });
  }
  await pub.close();
  step('the response is on the public page in en and es');

  // 3. An update about it, written in both languages, sent to the audience: 2 in English, 1 in Spanish.
  await page.goto(writeUpdate!);
  await page.getByText('Prefilled from the response').waitFor();
  const first = await saveDraft(page, {
    subjectEn: 'The Mayor answered: legal services are funded',
    bodyEn: 'Mayor Liccardo **agreed** to fund rapid response legal services. Thank you for signing.',
    subjectEs: 'El alcalde respondió: se financian los servicios legales',
    bodyEs: 'El alcalde Liccardo **aceptó** financiar servicios legales de respuesta rápida. Gracias por firmar.',
  });
  await sendAndFinish(page, { total: 3, en: 2, es: 1 });
  await expect(stat(page, 'Sent').textContent()).resolves.toBe('3');
  await expect(stat(page, 'Failed').textContent()).resolves.toBe('0');
  await expect(stat(page, 'Suppressed').textContent()).resolves.toBe('0');
  step('first update sent by the worker');

  // 4. In the sink: one message per consenting signer, in their language, with the one-click headers.
  const firstMails = mailsOf(first);
  expect([...firstMails.keys()].sort()).toEqual([SIGNERS.ana.email, SIGNERS.ben.email, SIGNERS.carla.email]);
  const unsubscribeUrls = {} as Record<Signer, string>;
  for (const who of ['ana', 'ben', 'carla'] as const) {
    const mails = firstMails.get(SIGNERS[who].email)!;
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    const es = SIGNERS[who].locale === 'es';
    expect(mail.parsed.subject).toBe(
      es ? 'El alcalde respondió: se financian los servicios legales' : 'The Mayor answered: legal services are funded',
    );
    // The whole email in the signer's language: body, campaign link, footer and unsubscribe link.
    expect(mail.parsed.text).toContain(es ? 'El alcalde Liccardo **aceptó**' : 'Mayor Liccardo **agreed**');
    expect(mail.parsed.text).toContain(`${web.url}${es ? '/es' : ''}/petitions/${SLUG}`);
    expect(mail.parsed.text).toContain(
      es
        ? 'Recibes este correo porque firmaste «San José: financia servicios legales de respuesta rápida»'
        : 'You are receiving this because you signed “San José: fund rapid response legal services”',
    );
    expect(mail.parsed.html).toContain(es ? '>Darte de baja</a>' : '>Unsubscribe</a>');
    const listUnsubscribe = header(mail, 'List-Unsubscribe');
    const url = /^<([^>]+)>$/.exec(listUnsubscribe ?? '')?.[1];
    expect(url).toMatch(new RegExp(`^${web.url.replace(/[.]/g, '\\.')}${es ? '/es' : ''}/unsubscribe/[^/?#]+$`));
    expect(decodeURIComponent(url!)).not.toMatch(/@|journey/); // no address in the URL
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    unsubscribeUrls[who] = url!;
  }
  expect(env.smtp.messages.some((m) => m.envelope.to.includes(SIGNERS.dan.email))).toBe(false);

  // 5. A GET of the link (a mail scanner following it) shows the page and unsubscribes nobody.
  const get = await fetch(unsubscribeUrls.ben, { redirect: 'manual' });
  expect(get.status).toBe(200);
  const unsubscribePage = await get.text();
  expect(unsubscribePage).toContain('Unsubscribe from updates');
  expect(unsubscribePage).toContain('You get email updates because you signed “San José: fund rapid response legal services”');
  expect(await env.db.emailSuppression.count()).toBe(0);
  await expect(countUpdateAudience(env.db, campaignId, env.env.CONFIRM_TOKEN_SECRET!)).resolves.toMatchObject({ total: 3 });
  step('GET of the unsubscribe URL changed nothing');

  // 6. The RFC 8058 one-click POST: no cookies, no CSRF token, from another site.
  const post = await fetch(unsubscribeUrls.ben, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://mail.provider.example' },
    body: 'List-Unsubscribe=One-Click',
    redirect: 'manual',
  });
  expect(post.status).toBe(200);
  expect(await post.text()).toBe('You are unsubscribed from this petition’s updates.');
  const suppressions = await env.db.emailSuppression.findMany();
  expect(suppressions).toMatchObject([{ campaignId, reason: 'unsubscribe', updateId: first }]);
  step('one-click POST suppressed ben');

  // 7. A second update: the draft counts 2 (Ben is gone), and only Ana and Carla get it.
  await page.goto(`/campaigns/${campaignId}/updates/new`);
  const second = await saveDraft(page, {
    subjectEn: 'Next: the budget vote on June 10',
    bodyEn: 'The Council votes on the budget on **June 10**. Come and speak.',
    subjectEs: 'Próximo paso: la votación del presupuesto el 10 de junio',
    bodyEs: 'El Concejo vota el presupuesto el **10 de junio**. Ven a hablar.',
  });
  await sendAndFinish(page, { total: 2, en: 1, es: 1 });
  await expect(stat(page, 'Sent').textContent()).resolves.toBe('2');
  step('second update sent by the worker');
  const secondMails = mailsOf(second);
  expect([...secondMails.keys()].sort()).toEqual([SIGNERS.ana.email, SIGNERS.carla.email]);
  expect(secondMails.get(SIGNERS.carla.email)!.map((m) => m.parsed.subject)).toEqual(['Próximo paso: la votación del presupuesto el 10 de junio']);
  expect(secondMails.get(SIGNERS.ana.email)).toHaveLength(1);
  // Across both updates: Ben got exactly the first, Dan nothing.
  expect(env.smtp.messages.filter((m) => m.envelope.to.includes(SIGNERS.ben.email)).map((m) => m.parsed.messageId)).toEqual([
    firstMails.get(SIGNERS.ben.email)![0]!.parsed.messageId,
  ]);
  expect(env.smtp.messages.some((m) => m.envelope.to.includes(SIGNERS.dan.email))).toBe(false);

  // The first update's view, revisited: its final counts.
  await page.goto(`/campaigns/${campaignId}/updates/${first}`);
  await page.getByText('3 of 3 recipients done').waitFor();
  await expect(stat(page, 'Sent').textContent()).resolves.toBe('3');
  await expect(stat(page, 'Remaining').textContent()).resolves.toBe('0');
  // The whole page in the viewport: Chromium's fullPage capture leaves the sandboxed email
  // iframes below the fold blank.
  await page.setViewportSize({ width: 1280, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await page.frameLocator('iframe[title="Email, English"]').getByText('Unsubscribe').waitFor();
  await page.frameLocator('iframe[title="Email, Español"]').getByText('Darte de baja').waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'outcomes-journey-staff-progress.png') });
  await page.context().close();
}, 120_000);
