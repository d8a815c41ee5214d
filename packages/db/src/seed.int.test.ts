import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { useTestDatabase } from './testing';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const t = useTestDatabase('seed', { timeout: 60_000 });

function seed() {
  execFileSync('npx', ['tsx', 'prisma/seed/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.url, ADMIN_EMAIL: 'boot@undersigned.example', ADMIN_PASSWORD: 'seed-test-password' },
    stdio: 'pipe',
  });
}

async function snapshot() {
  const campaigns = await t.db.campaign.findMany({
    orderBy: { slug: 'asc' },
    select: { slug: true, status: true, goal: true, _count: { select: { signatures: true, sources: true, targets: true } } },
  });
  const counters = await t.db.$queryRaw<{ slug: string; total: bigint }[]>`
    SELECT c.slug, coalesce(sum(k.count), 0)::bigint AS total FROM campaign c
    LEFT JOIN campaign_counter k ON k.campaign_id = c.id GROUP BY c.slug ORDER BY c.slug`;
  return { campaigns, counters, targets: await t.db.target.count(), users: await t.db.user.count() };
}

describe('db:seed', () => {
  it('creates the San José petition with its ask, nine sources, goal and the Mayor as target', async () => {
    seed();
    const sj = await t.db.campaign.findUniqueOrThrow({
      where: { slug: 'san-jose-stand-with-immigrants' },
      include: { translations: true, sources: { orderBy: { position: 'asc' } }, targets: { include: { target: true } } },
    });
    expect(sj.status).toBe('published');
    expect(sj.goal).toBe(10000);
    expect(sj.sources).toHaveLength(9);
    const en = sj.translations.find((x) => x.locale === 'en')!;
    expect(en.title).toBe('San Jose must stand with immigrants and refugees');
    expect(en.ask).toMatch(/^Take a public stand against Donald Trump/);
    expect(en.body).toMatch(/- \*\*Criminalizing people who protect undocumented families/);
    expect(sj.translations.map((x) => x.locale).sort()).toEqual(['en', 'es']);
    const mayor = sj.targets[0]!.target;
    expect(mayor).toMatchObject({
      title: 'Mayor',
      givenName: 'Sam',
      familyName: 'Liccardo',
      ocdDivisionId: 'ocd-division/country:us/state:ca/place:san_jose',
    });
    expect(mayor.postalCodes).toContain('95112');
  }, 60_000);

  it('uses only reserved .example addresses for targets, and creates draft, closed and victory campaigns', async () => {
    const emails = (await t.db.target.findMany()).map((x) => x.email ?? '');
    expect(emails.every((e) => e.endsWith('.example'))).toBe(true);
    const statuses = new Set((await t.db.campaign.findMany()).map((c) => c.status));
    expect([...statuses].sort()).toEqual(['closed', 'draft', 'published', 'victory']);
    expect(await t.db.signature.count()).toBeGreaterThanOrEqual(300);
    const admin = await t.db.user.findUniqueOrThrow({ where: { email: 'boot@undersigned.example' } });
    expect(admin.role).toBe('admin');
    expect(admin.passwordHash).toMatch(/^scrypt\$/);
  });

  it('is idempotent: a second run changes no counts, rows or statuses', async () => {
    const before = await snapshot();
    seed();
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});
