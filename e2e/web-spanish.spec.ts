import { axeViolations, countFor, DESKTOP, openPage, SAN_JOSE, screenshot, uniqueEmail, useBrowser } from './harness/browser';

const browser = useBrowser();

describe('the Spanish petition page', () => {
  it('is in Spanish (lang="es"), translated interface, and links back to English', async () => {
    const { page, context } = await openPage(browser());
    await page.goto(`/es/petitions/${SAN_JOSE}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expect(page.getByRole('button', { name: 'Añade tu nombre' }).count()).resolves.toBe(1);
    await expect(
      page
        .getByText(/Petición a Alcalde|Petición a/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByTestId('signature-count').textContent()).resolves.toMatch(/ de 10,000$/);
    await expect(page.getByRole('link', { name: 'Read in English' }).getAttribute('href')).resolves.toBe(`/petitions/${SAN_JOSE}`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'campaign-es-phone');
    await context.close();
  });

  it('shows errors in Spanish and signs in Spanish without JavaScript, landing on the Spanish thanks page', async () => {
    const before = await countFor(SAN_JOSE);
    const { page, context } = await openPage(browser(), { javaScript: false, viewport: DESKTOP });
    await page.goto(`/es/petitions/${SAN_JOSE}`);
    await page.getByLabel('Nombre', { exact: true }).fill('Lucía');
    await page.getByLabel('Apellido').fill('Ramírez');
    await page.getByLabel('Correo electrónico').fill('lucia-sin-arroba');
    await page.getByLabel('Código postal').fill('95122');
    await page.getByRole('button', { name: 'Añade tu nombre' }).click();
    await page.getByText('Escribe un correo válido, como nombre@ejemplo.com.').waitFor();
    await expect(page.getByLabel('Nombre', { exact: true }).inputValue()).resolves.toBe('Lucía');
    await page.getByLabel('Correo electrónico').fill(uniqueEmail('es'));
    await page.getByRole('button', { name: 'Añade tu nombre' }).click();
    await page.waitForURL(new RegExp(`/es/petitions/${SAN_JOSE}/thanks\\?code=`));
    await expect(page.getByTestId('thanks-title').textContent()).resolves.toBe('¡Gracias por firmar!');
    expect(await countFor(SAN_JOSE)).toBe(before + 1);
    await screenshot(page, 'thanks-es-desktop');
    await context.close();
  });

  it('shows errors in Spanish and signs in Spanish with JavaScript, through the fast path with ?locale=es', async () => {
    const before = await countFor(SAN_JOSE);
    const { page, context } = await openPage(browser(), { viewport: DESKTOP });
    const posts: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'POST') posts.push(new URL(req.url()).pathname + new URL(req.url()).search);
    });
    await page.goto(`/es/petitions/${SAN_JOSE}`);
    await page.getByLabel('Nombre', { exact: true }).fill('Lucía');
    await page.getByLabel('Apellido').fill('Ramírez');
    await page.getByLabel('Correo electrónico').fill('lucia-sin-arroba');
    await page.getByLabel('Código postal').fill('95122');
    await page.getByRole('button', { name: 'Añade tu nombre' }).click();
    await page.getByText('Escribe un correo válido, como nombre@ejemplo.com.').waitFor();
    await expect(page.getByLabel('Correo electrónico').getAttribute('aria-invalid')).resolves.toBe('true');
    await screenshot(page, 'validation-errors-es-desktop');
    await page.getByLabel('Correo electrónico').fill(uniqueEmail('es-js'));
    await page.getByRole('button', { name: 'Añade tu nombre' }).click();
    await page.waitForURL(new RegExp(`/es/petitions/${SAN_JOSE}/thanks\\?code=`));
    await expect(page.getByTestId('thanks-title').textContent()).resolves.toBe('¡Gracias por firmar!');
    expect(posts).toEqual(Array(2).fill(`/api/v1/petitions/${SAN_JOSE}/signatures?locale=es`));
    expect(await countFor(SAN_JOSE)).toBe(before + 1);
    await context.close();
  });
});
