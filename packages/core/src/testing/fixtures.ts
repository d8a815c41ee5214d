// Test fixtures shared by integration tests across workspaces (not exported from the package
// entry; import from '@undersigned/core/testing').
import type { Db } from '@undersigned/db';
import type { StaffActor } from '../authorization/permissions';

export interface CampaignFixture {
  slug?: string;
  status?: 'draft' | 'published' | 'closed' | 'victory';
  requireConfirmation?: boolean;
  goal?: number;
  title?: string;
  titleEs?: string;
  targets?: { title: string; givenName?: string; familyName?: string; organization?: string; email?: string | null; postalCodes?: string[] }[];
}

let n = 0;

/** Creates a campaign with English (and optionally Spanish) text and its targets. */
export async function createCampaign(db: Db, fixture: CampaignFixture = {}) {
  n += 1;
  const status = fixture.status ?? 'published';
  const now = new Date();
  return db.campaign.create({
    data: {
      slug: fixture.slug ?? `test-campaign-${process.pid}-${n}`,
      status,
      goal: fixture.goal ?? 1000,
      requireConfirmation: fixture.requireConfirmation ?? false,
      publishedAt: status === 'draft' ? null : now,
      closedAt: status === 'closed' || status === 'victory' ? now : null,
      translations: {
        create: [
          { locale: 'en', title: fixture.title ?? 'Test petition', ask: 'Please do the thing.', body: 'Why it matters.' },
          ...(fixture.titleEs ? [{ locale: 'es' as const, title: fixture.titleEs, ask: 'Por favor.', body: 'Por qué importa.' }] : []),
        ],
      },
      targets: {
        create: (fixture.targets ?? [{ title: 'Mayor', givenName: 'Pat', familyName: 'Official', email: 'mayor@city.example' }]).map(
          (t, position) => ({
            position,
            target: {
              create: {
                title: t.title,
                givenName: t.givenName ?? null,
                familyName: t.familyName ?? null,
                organization: t.organization ?? null,
                email: t.email === undefined ? 'target@city.example' : t.email,
                postalCodes: t.postalCodes ?? [],
              },
            },
          }),
        ),
      },
    },
  });
}

/** A valid signature input with overridable fields. */
export function signer(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    givenName: 'Ana',
    familyName: 'García',
    email: `signer${n}-${process.pid}@example.org`,
    postalCode: '95112',
    ...overrides,
  };
}
/** A staff user, active, as the StaffActor the core's staff operations take. */
export async function createStaffActor(db: Db, user: { email: string; role: StaffActor['role']; passwordHash?: string }): Promise<StaffActor> {
  const row = await db.user.create({ data: user });
  return { id: row.id, email: row.email, name: null, role: user.role, active: true };
}

export { seedSignatures, type SeedSignaturesOptions } from './delivery-fixtures';
export { seedConsentingSigners, createUpdateFixture, type SeedConsentingSignersOptions, type UpdateFixture } from './update-fixtures';
export { insertApiKey, type ApiKeyFixture } from './api-key-fixtures';
export { seedHeldSignatures, type SeedHeldSignaturesOptions } from './review-fixtures';
