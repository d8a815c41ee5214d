import { axeViolations, DESKTOP, openPage, PHONE, SAN_JOSE, screenshot, uniqueEmail, useBrowser } from './harness/browser';

const browser = useBrowser();

describe('accessibility (axe, WCAG 2.1 A/AA)', () => {
  it.each([
    ['home', '/'],
    ['campaign', `/petitions/${SAN_JOSE}`],
    ['campaign-es', `/es/petitions/${SAN_JOSE}`],
    ['embed', `/embed/petitions/${SAN_JOSE}`],
    ['privacy', '/privacy'],
    ['privacy-es', '/es/privacy'],
  ])('has no violations on the %s page at phone and desktop widths', async (_name, path) => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { page, context } = await openPage(browser(), { viewport });
      await page.goto(path);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it('the privacy page says what is kept for abuse review and for how long, in English and Spanish', async () => {
    const { page, context } = await openPage(browser());
    for (const [path, heading, texts] of [
      [
        '/privacy',
        'Stopping abuse, and how long we keep things',
        ['never the address itself', 'held for review, with that reason', 'until an organizer approves or rejects them', 'closed for a year'],
      ],
      [
        '/es/privacy',
        'Frenar abusos, y cuánto tiempo guardamos los datos',
        [
          'nunca la dirección en sí',
          'queda retenida para revisión, junto con el motivo',
          'hasta que un organizador las aprueba o las rechaza',
          'lleva un año cerrada',
        ],
      ],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: heading }).count()).resolves.toBe(1);
      const body = await page.locator('main').textContent();
      for (const text of texts) expect(body).toContain(text);
    }
    await context.close();
  });

  it('has no violations on the thanks page, nor on a form showing errors', async () => {
    const { page, context } = await openPage(browser());
    await page.goto(`/petitions/${SAN_JOSE}`);
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.getByText('Please fix the fields marked below.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('First name').fill('Ana');
    await page.getByLabel('Last name').fill('Soto');
    await page.getByLabel('Email').fill(uniqueEmail('a11y'));
    await page.getByLabel('ZIP code').fill('95112');
    await page.getByRole('button', { name: 'Add your name' }).click();
    await page.waitForURL(/\/thanks/);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'thanks-desktop');
    await context.close();
  });

  it('lets a keyboard user reach the sign form fields in order, with the skip link first', async () => {
    const { page, context } = await openPage(browser(), { viewport: DESKTOP });
    await page.goto(`/petitions/${SAN_JOSE}`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.getByLabel('First name').focus();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      order.push(await page.evaluate(() => (document.activeElement as HTMLInputElement).name));
      await page.keyboard.press('Tab');
    }
    expect(order).toEqual(['given_name', 'family_name', 'email', 'postal_code', 'comment', 'subscribe']);
    await context.close();
  });
});
