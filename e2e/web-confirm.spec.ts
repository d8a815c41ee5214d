import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeE2eDb, CONFIRM_CAMPAIGN, countFor, e2eDb, launchBrowser, openPage, screenshot, uniqueEmail } from './harness/browser';
import { e2eState } from './harness/state';

let browser: Browser;
let sink: SmtpSink;
let worker: ChildProcess;
let workerLog = '';

beforeAll(async () => {
  browser = await launchBrowser();
  sink = await startSmtpSink();
  const s = e2eState();
  // The real worker process sends the confirmation email through real SMTP (the sink).
  worker = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: path.resolve(__dirname, '..', 'apps', 'worker'),
    env: {
      ...process.env,
      DATABASE_URL: s.databaseUrl,
      REDIS_URL: s.redisUrl,
      QUEUE_PREFIX: s.queuePrefix,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Undersigned <petitions@undersigned.example>',
      PUBLIC_WEB_URL: s.baseUrl,
      CONFIRM_TOKEN_SECRET: s.confirmSecret,
      WORKER_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.on('data', (d: Buffer) => (workerLog += d.toString()));
  worker.stderr!.on('data', (d: Buffer) => (workerLog += d.toString()));
});

afterAll(async () => {
  if (worker.exitCode === null) {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
    if (worker.exitCode === null) worker.kill('SIGKILL');
  }
  await sink.close();
  await browser.close();
  await closeE2eDb();
});

describe('email confirmation', () => {
  it('counts a signature only after the emailed link is opened and its button pressed (GET alone never confirms)', async () => {
    const before = await countFor(CONFIRM_CAMPAIGN);
    const email = uniqueEmail('confirm');
    const { page, context } = await openPage(browser);
    await page.goto(`/petitions/${CONFIRM_CAMPAIGN}`);
    await page.getByLabel('First name').fill('Inés');
    await page.getByLabel('Last name').fill('Flores');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('ZIP code').fill('95112');
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.waitForURL(/\/thanks\?code=/);
    await expect(page.getByTestId('thanks-title').textContent()).resolves.toBe('One more step: check your email');
    expect(await countFor(CONFIRM_CAMPAIGN)).toBe(before);

    let mails;
    try {
      mails = await sink.waitFor(1, 30_000);
    } catch (error) {
      throw new Error(`${String(error)}\nworker output:\n${workerLog.slice(-3000)}`);
    }
    const mail = mails.find((m) => m.envelope.to.includes(email))!;
    expect(mail).toBeDefined();
    const link = /https?:\/\/[^\s"<>]+\/confirm\?token=[A-Za-z0-9_%-]+/.exec(mail.parsed.text ?? '')?.[0];
    expect(link).toBeDefined();

    // A mail scanner prefetching the link: nothing changes.
    const prefetch = await page.request.get(link!);
    expect(prefetch.status()).toBe(200);
    expect(await countFor(CONFIRM_CAMPAIGN)).toBe(before);

    await page.goto(link!);
    await screenshot(page, 'confirm-phone');
    await page.getByRole('button', { name: 'Confirm my signature' }).click();
    await page.getByTestId('confirm-done').waitFor();
    expect(await countFor(CONFIRM_CAMPAIGN)).toBe(before + 1);
    const person = await e2eDb().person.findFirstOrThrow({ where: { email } });
    const row = await e2eDb().signature.findFirstOrThrow({ where: { personId: person.id } });
    expect(row.status).toBe('confirmed');

    // Pressing again (another tab) does not count twice.
    await page.goto(link!);
    await page.getByRole('button', { name: 'Confirm my signature' }).click();
    await page.getByTestId('confirm-done').waitFor();
    expect(await countFor(CONFIRM_CAMPAIGN)).toBe(before + 1);
    await context.close();
  });
});
