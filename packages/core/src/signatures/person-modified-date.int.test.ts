// A person's OSDI modified_date (person.updated_at) moves when signing again changes them (a new
// consent to updates), so a CRM syncing with `modified_date gt T` hears about it; a repeat that
// changes nothing leaves it alone.
import { useTestDatabase } from '@undersigned/db/testing';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { listOsdiPeople } from '../osdi/list-osdi-people';
import { parseOsdiCollectionQuery } from '../osdi/parse-osdi-collection-query';
import { createCampaign, signer } from '../testing/fixtures';
import { signPetition } from './sign-petition';

const t = useTestDatabase('person_modified');
const all: ApiKeyPrincipal = { keyId: 'k', name: 'k', scope: 'read', campaignIds: [], rateLimitPerMinute: 600 };
const email = 'rosa.modified@example.org';
const updatedAt = async () => (await t.db.person.findUniqueOrThrow({ where: { canonicalEmail: email }, select: { updatedAt: true } })).updatedAt;
const changedSince = async (since: Date) => {
  const query = parseOsdiCollectionQuery(new URLSearchParams({ filter: `modified_date gt '${since.toISOString()}'` }));
  const page = await listOsdiPeople(t.db, all, query, 'https://petitions.example');
  return page.items.map((p) => p.email_addresses[0]!.address);
};

it('moves modified_date when a signer consents again, and not when a repeat changes nothing', async () => {
  const [a, b, c] = [await createCampaign(t.db), await createCampaign(t.db), await createCampaign(t.db)];
  await signPetition(t.db, a.slug, signer({ email, subscribe: false }));
  const first = await updatedAt();
  await new Promise((r) => setTimeout(r, 20));
  const since = new Date();
  expect(await changedSince(since)).toEqual([]);

  await signPetition(t.db, b.slug, signer({ email, subscribe: true }));
  const consented = await updatedAt();
  expect(consented.getTime()).toBeGreaterThan(first.getTime());
  expect(await changedSince(since)).toEqual([email]);

  await signPetition(t.db, c.slug, signer({ email, subscribe: false }));
  expect(await updatedAt()).toEqual(consented);
});
