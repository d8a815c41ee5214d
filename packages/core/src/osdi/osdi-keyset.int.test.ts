// The authenticated OSDI collections page by keyset: the last page of a campaign, reached by
// the cursor of `_links.next`, is read from the (campaign_id, id) / (campaign_id,
// status_changed_at, id) / person(updated_at, id) indexes — no sort of the whole set.
import { Prisma } from '@undersigned/db';
import { useTestDatabase } from '@undersigned/db/testing';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { listOsdiPeople, peopleSource } from './list-osdi-people';
import { listOsdiPetitionSignatures, petitionSignaturesSource } from './list-osdi-petition-signatures';
import { parseOsdiCollectionQuery } from './parse-osdi-collection-query';
import { buildOsdiPageSql, type OsdiPageSource } from './run-osdi-page-query';

const t = useTestDatabase('osdi_keyset');
const all: ApiKeyPrincipal = { keyId: 'k', name: 'k', scope: 'read', campaignIds: [], rateLimitPerMinute: 600 };
const BASE = 'https://petitions.example';
let campaign: { id: number; slug: string };

beforeAll(async () => {
  campaign = await createCampaign(t.db);
  await seedSignatures(t.db, campaign.id, { count: 10_000 });
  // Another campaign's rows in the same indexes, so the plans are not about one campaign alone.
  const other = await createCampaign(t.db);
  await seedSignatures(t.db, other.id, { count: 3_000 });
  await t.db.$executeRawUnsafe('ANALYZE signature');
  await t.db.$executeRawUnsafe('ANALYZE person');
}, 60_000);

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

async function plan(source: OsdiPageSource, params: URLSearchParams) {
  const sql = buildOsdiPageSql(source, parseOsdiCollectionQuery(params));
  const [row] = await t.db.$queryRaw<{ 'QUERY PLAN': { Plan: PlanNode }[] }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql.rows}`);
  return nodes(row!['QUERY PLAN'][0]!.Plan);
}

/** Follows `next` to the end; returns the last page's query string and how many pages there were. */
async function walkToLast(list: (p: URLSearchParams) => Promise<{ nextCursor: string | null }>, start: URLSearchParams) {
  let params = start;
  let pages = 0;
  for (;;) {
    pages += 1;
    const page = await list(params);
    if (!page.nextCursor) return { params, pages };
    params = new URLSearchParams(params);
    params.set('cursor', page.nextCursor);
  }
}

it('walks a petition by cursor to its last page, which reads the (campaign_id, id) index without sorting', async () => {
  const list = (p: URLSearchParams) => listOsdiPetitionSignatures(t.db, all, campaign.slug, parseOsdiCollectionQuery(p), BASE);
  const { params, pages } = await walkToLast(list, new URLSearchParams({ per_page: '100' }));
  expect(pages).toBe(100);
  const used = await plan(petitionSignaturesSource(campaign.id), params);
  expect(used.map((n) => n['Node Type'])).not.toContain('Sort');
  // Either id index starts at the cursor: (campaign_id, id), or the primary key when the planner
  // sees the campaign's ids are contiguous. Both are a bounded range scan, never the whole set.
  expect(used.map((n) => n['Index Name'])).toEqual(expect.arrayContaining([expect.stringMatching(/^signature_(campaign_id_id_idx|pkey)$/)]));
});

it('pages by (status_changed_at, id) under a modified_date filter, from the matching index', async () => {
  const filter = "modified_date gt '2000-01-01'";
  const list = (p: URLSearchParams) => listOsdiPetitionSignatures(t.db, all, campaign.slug, parseOsdiCollectionQuery(p), BASE);
  const { params } = await walkToLast(list, new URLSearchParams({ per_page: '100', filter }));
  const used = await plan(petitionSignaturesSource(campaign.id), params);
  expect(used.map((n) => n['Node Type'])).not.toContain('Sort');
  expect(used.map((n) => n['Index Name'])).toContain('signature_campaign_id_status_changed_at_id_idx');
});

it('pages people by (updated_at, id) under a modified_date filter, from person(updated_at, id)', async () => {
  const list = (p: URLSearchParams) => listOsdiPeople(t.db, all, parseOsdiCollectionQuery(p), BASE);
  const { params, pages } = await walkToLast(list, new URLSearchParams({ per_page: '100', filter: "modified_date gt '2000-01-01'" }));
  expect(pages).toBe(130);
  const used = await plan(peopleSource(all), params);
  expect(used.map((n) => n['Node Type'])).not.toContain('Sort');
  expect(used.map((n) => n['Index Name'])).toContain('person_updated_at_id_idx');
});

it('pages a campaign-limited key’s people by person id without sorting the whole set', async () => {
  const scoped: ApiKeyPrincipal = { ...all, campaignIds: [campaign.id] };
  const list = (p: URLSearchParams) => listOsdiPeople(t.db, scoped, parseOsdiCollectionQuery(p), BASE);
  const { params, pages } = await walkToLast(list, new URLSearchParams({ per_page: '100' }));
  expect(pages).toBe(100);
  const used = await plan(peopleSource(scoped), params);
  expect(used.map((n) => n['Node Type'])).not.toContain('Sort');
});
