// `npm run db:seed` — idempotent demo data: the San José petition, four more campaigns (published,
// draft, closed, victory) with their targets, a few hundred demo signatures, and the bootstrap
// admin from ADMIN_EMAIL / ADMIN_PASSWORD. Running it again changes nothing it already made
// (campaign text is refreshed; statuses, signatures and staff edits are left alone).
import { loadEnvFile } from '@undersigned/config/load-env-file';
import { z } from 'zod';
import { parseEnvOrExit } from '@undersigned/config/env';
import { createDb, type Db } from '@undersigned/db';
import { hashPassword, reconcileSignatureCounts, signPetition, verifyPassword } from '@undersigned/core';
import { campaigns, targets, type SeedCampaign } from './campaigns';
import { demoSigners } from './demo-signers';

loadEnvFile();

const env = parseEnvOrExit(
  z.object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
    ADMIN_EMAIL: z.email('must be an email address'),
    ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters'),
  }),
);

async function upsertTargets(db: Db): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const t of targets) {
    const data = {
      title: t.title,
      givenName: t.givenName ?? null,
      familyName: t.familyName ?? null,
      organization: t.organization,
      email: t.email,
      ocdDivisionId: t.ocdDivisionId,
      postalCodes: t.postalCodes,
    };
    const existing = await db.target.findFirst({ where: { email: t.email } });
    const row = existing ? await db.target.update({ where: { id: existing.id }, data }) : await db.target.create({ data });
    ids.set(t.key, row.id);
  }
  return ids;
}

async function upsertCampaign(db: Db, c: SeedCampaign, targetIds: Map<string, number>, adminId: string) {
  const existing = await db.campaign.findUnique({ where: { slug: c.slug } });
  const startedAt = new Date(Date.now() - c.daysAgo * 86_400_000);
  const campaign =
    existing ??
    (await db.campaign.create({
      data: {
        slug: c.slug,
        // Signatures are seeded while it is open; the final status is set afterwards.
        status: c.status === 'draft' ? 'draft' : 'published',
        goal: c.goal,
        requireConfirmation: c.requireConfirmation ?? false,
        contactEmail: 'organizers@undersigned.example',
        publishedAt: c.status === 'draft' ? null : startedAt,
        createdById: adminId,
        createdAt: startedAt,
      },
    }));
  for (const locale of ['en', 'es'] as const) {
    const text = c.translations[locale];
    const data = {
      title: text.title,
      summary: text.summary,
      ask: text.ask,
      body: text.body,
      victoryMessage: text.victoryMessage ?? null,
    };
    await db.campaignTranslation.upsert({
      where: { campaignId_locale: { campaignId: campaign.id, locale } },
      create: { campaignId: campaign.id, locale, ...data },
      update: data,
    });
  }
  await db.$transaction([
    db.campaignSource.deleteMany({ where: { campaignId: campaign.id } }),
    db.campaignSource.createMany({
      data: c.sources.map((s, i) => ({ campaignId: campaign.id, position: i + 1, citation: s.citation, url: s.url })),
    }),
  ]);
  for (const [position, key] of c.targetKeys.entries()) {
    const targetId = targetIds.get(key)!;
    await db.campaignTarget.upsert({
      where: { campaignId_targetId: { campaignId: campaign.id, targetId } },
      create: {
        campaignId: campaign.id,
        targetId,
        position,
        constituentsOnly: c.constituentsOnly ?? false,
        milestones: [100, 1000, 10000].filter((m) => m < c.goal),
      },
      update: {},
    });
  }
  return { campaign, created: !existing };
}

async function seedSignatures(db: Db, c: SeedCampaign, campaignId: number) {
  const signers = demoSigners(c.slug, c.demoSignatures, c.homeZips, c.daysAgo);
  for (const s of signers) {
    const r = await signPetition(db, c.slug, s, { ipHash: null });
    const when = new Date(Date.now() - s.minutesAgo * 60_000);
    await db.signature.update({ where: { id: r.signatureId }, data: { createdAt: when, confirmedAt: when, statusChangedAt: when } });
  }
  if (c.status === 'closed' || c.status === 'victory') {
    await db.campaign.update({ where: { id: campaignId }, data: { status: c.status, closedAt: new Date(Date.now() - 86_400_000) } });
  }
}

async function upsertAdmin(db: Db) {
  const email = env.ADMIN_EMAIL.trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email } });
  if (existing && (await verifyPassword(env.ADMIN_PASSWORD, existing.passwordHash)) && existing.role === 'admin') {
    return existing;
  }
  const passwordHash = await hashPassword(env.ADMIN_PASSWORD);
  return db.user.upsert({
    where: { email },
    create: { email, name: 'Admin', role: 'admin', active: true, passwordHash, emailVerified: new Date() },
    update: { role: 'admin', active: true, passwordHash },
  });
}

async function main() {
  const db = createDb({ url: env.DATABASE_URL, max: 4 });
  try {
    const admin = await upsertAdmin(db);
    const targetIds = await upsertTargets(db);
    for (const c of campaigns) {
      const { campaign, created } = await upsertCampaign(db, c, targetIds, admin.id);
      if (created && c.demoSignatures > 0) await seedSignatures(db, c, campaign.id);
      console.log(`${created ? 'created' : 'kept   '} ${c.status.padEnd(9)} ${c.slug}`);
    }
    await reconcileSignatureCounts(db);
    console.log(`admin: ${admin.email} (password from ADMIN_PASSWORD)`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error('Seed failed:', error);
  process.exit(1);
});
