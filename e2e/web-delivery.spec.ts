import { axeViolations, DESKTOP, e2eDb, openPage, SAN_JOSE, screenshot, useBrowser } from './harness/browser';

const browser = useBrowser();
let deliveryId: string;
const HASH = 'a'.repeat(8) + '0123456789abcdef'.repeat(3) + 'b'.repeat(8);

beforeAll(async () => {
  const db = e2eDb();
  const campaign = await db.campaign.findUniqueOrThrow({ where: { slug: SAN_JOSE }, include: { targets: true } });
  const delivery = await db.delivery.create({
    data: {
      campaignId: campaign.id,
      targetId: campaign.targets[0]!.targetId,
      trigger: 'milestone',
      milestone: 100,
      // An empty range far above any real one: other journeys (the worker) deliver this pair too.
      fromSeq: BigInt(Date.now()) * 1000n,
      toSeq: BigInt(Date.now()) * 1000n,
      signatureCount: 198,
      totalCount: 260,
      constituentCount: 198,
      status: 'sent',
      manifestSha256: HASH,
      sentAt: new Date(),
    },
  });
  deliveryId = delivery.id;
});

describe('the public delivery record', () => {
  it('shows the target, the counts, the manifest hash and how to verify it, with no signer data', async () => {
    const { page, context } = await openPage(browser(), { viewport: DESKTOP });
    await page.goto(`/deliveries/${deliveryId}`);
    await page.getByRole('heading', { name: 'Delivery record' }).waitFor();
    await expect(page.getByTestId('manifest-hash').textContent()).resolves.toBe(HASH);
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).toContain('Mayor Sam Liccardo');
    expect(body).toContain('Milestone reached: 100');
    expect(body).toContain('198');
    expect(body).toContain('tail -n +2 signatures.csv | sha256sum');
    // Invariant 6: figures only — no address or family name of any signer.
    expect(body).not.toMatch(/@/);
    const signers = await e2eDb().signature.findMany({ where: { campaign: { slug: SAN_JOSE } }, select: { familyName: true }, take: 50 });
    for (const s of signers) expect(body).not.toContain(` ${s.familyName} `);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'delivery-record-desktop');
    await context.close();
  });

  it('is in Spanish under /es and 404s for unknown ids', async () => {
    const { page, context } = await openPage(browser(), { viewport: DESKTOP });
    await page.goto(`/es/deliveries/${deliveryId}`);
    await page.getByRole('heading', { name: 'Registro de entrega' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    const missing = await page.goto('/deliveries/00000000-0000-4000-8000-000000000000');
    expect(missing?.status()).toBe(404);
    const malformed = await page.goto('/deliveries/not-an-id');
    expect(malformed?.status()).toBe(404);
    await context.close();
  });
});
