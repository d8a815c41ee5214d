// Drill 1 (issue 7): 10,000 concurrent sign requests on one campaign through the production
// server, 30% of them repeats of earlier signers' emails written differently (case, whitespace,
// Gmail dots and +tags). Invariants 1–3: one counted signature per canonical email, every 2xx is
// a committed row, the public count equals the table, no 5xx.
import { createCampaign } from '@undersigned/core/testing';
import { eventually, type WebServer } from '@undersigned/testing';
import { useDrill } from './lib/drill';
import { keepAliveAgent, pool, request, shareCodeOf, sign, type Answer } from './lib/http';
import { recordDrill } from './lib/results';

const TOTAL = Number(process.env.DRILL1_REQUESTS ?? 10_000);
const CONCURRENCY = 200;
const REPEAT_SHARE = 0.3;
const SLUG = 'drill-one-campaign';

const drill = useDrill('drill1');
let web: WebServer;

beforeAll(async () => {
  await createCampaign(drill.t.db, { slug: SLUG, goal: 100_000 });
  web = await drill.startWeb();
});

/** Signer i's address as first typed; gmail signers for even i, a non-rewriting domain otherwise. */
function firstForm(i: number): string {
  return i % 2 === 0 ? `ana.maria.${i}@gmail.com` : `signer.${i}@drill.example`;
}

/** The same mailbox written differently (what a person retyping it, or a script, would send). */
function variant(i: number, k: number): string {
  const email = firstForm(i);
  const [local, domain] = email.split('@') as [string, string];
  if (i % 2 === 0) {
    switch (k % 4) {
      case 0:
        return `  ${local.toUpperCase()}@GMAIL.com `;
      case 1:
        return `${local.replaceAll('.', '')}+petitions@gmail.com`;
      case 2:
        return `${local.replace('maria', 'Ma.ria')}+x${k}@googlemail.com`;
      default:
        return `\t${local.replaceAll('.', '')}@Gmail.Com`;
    }
  }
  return k % 2 === 0 ? ` ${local.toUpperCase()}@${domain.toUpperCase()}` : `${local}@${domain[0]!.toUpperCase()}${domain.slice(1)}  `;
}

it('counts exactly one signature per canonical email among 10,000 concurrent requests, with no 5xx and an exact public count', async () => {
  const started = Date.now();
  const distinct = Math.round(TOTAL * (1 - REPEAT_SHARE));
  // Request list: every signer once in its first form, then 30% repeats of random earlier
  // signers in other forms, all shuffled so first forms and repeats race each other.
  const jobs: { signer: number; email: string }[] = [];
  for (let i = 0; i < distinct; i++) jobs.push({ signer: i, email: firstForm(i) });
  for (let k = 0; k < TOTAL - distinct; k++) {
    const i = Math.floor(Math.random() * distinct);
    jobs.push({ signer: i, email: variant(i, k) });
  }
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [jobs[i], jobs[j]] = [jobs[j]!, jobs[i]!];
  }

  const agent = keepAliveAgent(CONCURRENCY);
  const answers: Answer[] = await pool(jobs, CONCURRENCY, (job) => sign(agent, web.url, SLUG, job.email));
  const loadSeconds = (Date.now() - started) / 1000;

  const statuses = new Map<number, number>();
  for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  const fiveXx = answers.filter((a) => a.status >= 500 || a.status === 0).length;

  // Every acknowledged share code must be a committed row, and all answers of one signer must
  // name the same row (a repeat is answered exactly like the first signature).
  const rows = await drill.t.db.$queryRaw<{ share_code: string; canonical_email: string; status: string }[]>`
    SELECT s.share_code, p.canonical_email, s.status::text AS status
    FROM signature s JOIN person p ON p.id = s.person_id JOIN campaign c ON c.id = s.campaign_id
    WHERE c.slug = ${SLUG}`;
  const byCode = new Map(rows.map((r) => [r.share_code, r]));
  const codesBySigner = new Map<number, Set<string>>();
  let lost = 0;
  answers.forEach((a, idx) => {
    if (a.status !== 200) return;
    const code = shareCodeOf(a);
    if (!code || !byCode.has(code)) lost += 1;
    else {
      const set = codesBySigner.get(jobs[idx]!.signer) ?? new Set<string>();
      set.add(code);
      codesBySigner.set(jobs[idx]!.signer, set);
    }
  });
  const canonical = new Set(rows.map((r) => r.canonical_email));
  const duplicated = rows.length - canonical.size;

  const [tableCount] = await drill.t.db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM signature s JOIN campaign c ON c.id = s.campaign_id WHERE c.slug = ${SLUG} AND s.status = 'confirmed'`;
  const counted = Number(tableCount!.n);
  // The public count is cached for up to a few seconds: poll until it settles on the table.
  const countAgent = keepAliveAgent(1);
  const publicCount = await eventually(
    async () => {
      const res = await request(countAgent, `${web.url}/api/v1/petitions/${SLUG}/count`, 'GET');
      const n = (JSON.parse(res.body) as { total_signatures: number }).total_signatures;
      return n === counted ? n : null;
    },
    { timeoutMs: 15_000, everyMs: 500 },
  ).catch(() => -1);
  agent.destroy();
  countAgent.destroy();

  recordDrill({
    drill: '1 concurrent signing',
    operations: `${TOTAL} sign requests (${TOTAL - distinct} repeats), ${CONCURRENCY} concurrent, ${Math.round(TOTAL / loadSeconds)}/s`,
    faults: '30% repeats: case, whitespace, Gmail dots, +tags, googlemail',
    lost,
    duplicated,
    unexpected5xx: fiveXx,
    seconds: (Date.now() - started) / 1000,
  });

  expect(Object.fromEntries(statuses)).toEqual({ 200: TOTAL });
  expect(fiveXx).toBe(0);
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(rows).toHaveLength(distinct);
  expect(canonical.size).toBe(distinct);
  // Each signer got one and the same share code however often and however they typed it.
  expect(codesBySigner.size).toBe(distinct);
  expect([...codesBySigner.values()].filter((s) => s.size !== 1)).toEqual([]);
  expect(counted).toBe(distinct);
  expect(publicCount).toBe(counted);
  // The counter shards agree with the table too (what the count endpoint reads).
  const [shards] = await drill.t.db.$queryRaw<{ n: bigint }[]>`
    SELECT coalesce(sum(k.count), 0)::bigint AS n FROM campaign_counter k JOIN campaign c ON c.id = k.campaign_id WHERE c.slug = ${SLUG}`;
  expect(Number(shards!.n)).toBe(distinct);
});
