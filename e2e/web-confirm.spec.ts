import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { startWorker, type WorkerProcess } from '@undersigned/testing';
import { CONFIRM_CAMPAIGN, countFor, e2eDb, openPage, screenshot, uniqueEmail, useBrowser } from './harness/browser';
import { e2eState } from './harness/state';

const browser = useBrowser();
let sink: SmtpSink;
let worker: WorkerProcess;

beforeAll(async () => {
  sink = await startSmtpSink();
  // The real worker process sends the confirmation email through real SMTP (the sink), from the
  // web server's queues, with its secrets.
  worker = startWorker({ ...e2eState().env, SMTP_URL: sink.url });
});

afterAll(async () => {
  await worker?.stop();
  await sink?.close();
});

describe('email confirmation', () => {
  it('counts a signature only after the emailed link is opened and its button pressed (GET alone never confirms)', async () => {
    const before = await countFor(CONFIRM_CAMPAIGN);
    const email = uniqueEmail('confirm');
    const { page, context } = await openPage(browser());
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
      throw new Error(`${String(error)}\nworker output:\n${worker.output().slice(-3000)}`);
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
