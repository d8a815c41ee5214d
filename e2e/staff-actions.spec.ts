// Staff server actions called directly over HTTP, the way an attacker would, bypassing the UI
// (issue 7): a POST with the `Next-Action` header and an action id read from the production
// build's server-reference manifest, the arguments encoded as React's client encodes them.
//
// 1. Every action in the build is in the hand-written table below (a new action fails the test
//    until someone decides who may call it).
// 2. Every protected action × anonymous / expired session / deactivated / a role without the
//    permission, with VALID arguments: refused (redirect to /login or 403) and the database is
//    byte-for-byte unchanged. One allowed call per file succeeds, proving the call format.
// 3. fast-check with an admin session: hostile arguments to every action → never a 5xx, and a
//    refused call stores nothing.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { deliverNow, generateWebhookSecret } from '@undersigned/core';
import { insertApiKey, seedHeldSignatures } from '@undersigned/core/testing';
import { ADMIN, STAFF_APP, startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

type Role = 'viewer' | 'campaigner' | 'admin';
type Who = 'anonymous' | 'expired' | 'deactivated' | Role;

const ALL: readonly Role[] = ['viewer', 'campaigner', 'admin'];
const EDITORS: readonly Role[] = ['campaigner', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

/**
 * Every server action of apps/staff (`file#export`, relative to src/app) → the roles that may
 * call it, or 'public'. Written by hand from each action's staffAction(permission, …) and the rules of
 * issue 5, not derived from packages/core/src/authorization.
 */
const TABLE: Record<string, readonly Role[] | 'public'> = {
  '(staff)/campaigns/actions.ts#saveCampaignAction': EDITORS,
  '(staff)/campaigns/actions.ts#checkSlugAction': ALL,
  '(staff)/campaigns/actions.ts#lifecycleAction': EDITORS,
  '(staff)/campaigns/actions.ts#campaignImageAction': EDITORS,
  '(staff)/campaigns/[id]/deliveries/actions.ts#deliverNowAction': EDITORS,
  '(staff)/campaigns/[id]/deliveries/actions.ts#retryDeliveryAction': EDITORS,
  '(staff)/campaigns/[id]/deliveries/actions.ts#sendTestDeliveryAction': EDITORS,
  '(staff)/campaigns/[id]/responses/actions.ts#saveResponseAction': EDITORS,
  '(staff)/campaigns/[id]/responses/actions.ts#deleteResponseAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#saveUpdateAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#previewUpdateAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#deleteUpdateAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#sendTestUpdateAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#requestUpdateSendAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#pauseUpdateAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#resumeUpdateAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#cancelUpdateAction': EDITORS,
  '(staff)/campaigns/[id]/updates/actions.ts#setUpdateCapAction': ADMINS,
  '(staff)/campaigns/[id]/signatures/actions.ts#moderateAction': EDITORS,
  '(staff)/campaigns/[id]/events/actions.ts#createCampaignEventAction': EDITORS,
  '(staff)/campaigns/[id]/events/actions.ts#revokeCampaignEventAction': EDITORS,
  '(staff)/campaigns/[id]/signatures/actions.ts#eraseAction': EDITORS,
  '(staff)/review/actions.ts#applyReviewAction': EDITORS,
  '(staff)/people/actions.ts#erasePersonAction': EDITORS,
  '(staff)/review/lists/actions.ts#addAbuseListEntryAction': EDITORS,
  '(staff)/review/lists/actions.ts#removeAbuseListEntryAction': EDITORS,
  '(staff)/staff/actions.ts#inviteStaffAction': ADMINS,
  '(staff)/staff/actions.ts#changeRoleAction': ADMINS,
  '(staff)/staff/actions.ts#setActiveAction': ADMINS,
  '(staff)/targets/actions.ts#saveTargetAction': EDITORS,
  '(staff)/targets/actions.ts#attachTargetAction': EDITORS,
  '(staff)/targets/actions.ts#detachTargetAction': EDITORS,
  '(staff)/targets/actions.ts#savePolicyAction': EDITORS,
  '(staff)/integrations/api-keys/actions.ts#createApiKeyAction': ADMINS,
  '(staff)/integrations/api-keys/actions.ts#revokeApiKeyAction': ADMINS,
  '(staff)/integrations/api-keys/actions.ts#rotateApiKeyAction': ADMINS,
  '(staff)/integrations/webhooks/actions.ts#saveWebhookEndpointAction': ADMINS,
  '(staff)/integrations/webhooks/actions.ts#rotateWebhookSecretAction': ADMINS,
  '(staff)/integrations/webhooks/actions.ts#setWebhookEnabledAction': ADMINS,
  '(staff)/integrations/webhooks/actions.ts#deleteWebhookEndpointAction': ADMINS,
  '(staff)/integrations/webhooks/actions.ts#sendTestWebhookAction': ADMINS,
  '(staff)/integrations/webhooks/actions.ts#redeliverWebhookAction': ADMINS,
  '(staff)/integrations/webhooks/actions.ts#redeliverFailedWebhooksAction': ADMINS,
  // Sign-in and sign-out are public by design (fuzzed below, not refused).
  'login/actions.ts#signInWithPassword': 'public',
  'login/actions.ts#signInWithEmail': 'public',
  '(staff)/layout.tsx#$$RSC_SERVER_ACTION_0': 'public', // signOutAction, inline in the shell
};

// ---------------------------------------------------------------------------------------------
// The build's actions

interface BuiltAction {
  key: string;
  id: string;
  /** Page templates whose server bundle holds the action ("/campaigns/[id]/deliveries"). */
  pages: string[];
}

function readBuiltActions(): BuiltAction[] {
  const file = path.join(STAFF_APP, '.next', 'server', 'server-reference-manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    node: Record<string, { workers: Record<string, unknown>; filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    key: `${entry.filename.replace(/^apps\/staff\/src\/app\//, '')}#${entry.exportedName}`,
    id,
    pages: Object.keys(entry.workers).map(
      (w) =>
        w
          .replace(/^app/, '')
          .replace(/\/page$/, '')
          .replace(/\/\([^)]+\)/g, '') || '/',
    ),
  }));
}

const BUILT = readBuiltActions();
const byName = (name: string): BuiltAction => {
  const found = BUILT.filter((a) => a.key.endsWith(`#${name}`));
  if (found.length !== 1) throw new Error(`action ${name}: ${found.length} in the build`);
  return found[0]!;
};

// ---------------------------------------------------------------------------------------------
// The wire: React's reply encoding (what the browser's encodeReply sends) and the Flight answer

/** Encodes one argument value like React's encodeReply: '$'-escaping, $undefined, FormData as $K. */
function encodeReply(args: unknown[]): { body: string | FormData; headers: Record<string, string> } {
  let form: FormData | null = null;
  let nextPart = 1;
  const encode = (value: unknown): unknown => {
    if (value === undefined) return '$undefined';
    if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
    if (typeof value === 'number') {
      if (Number.isNaN(value)) return '$NaN';
      if (value === Infinity) return '$Infinity';
      if (value === -Infinity) return '$-Infinity';
      if (Object.is(value, -0)) return '$-0';
      return value;
    }
    if (typeof value === 'bigint') return `$n${value}`;
    if (value instanceof FormData) {
      form ??= new FormData();
      const part = nextPart++;
      const into = form;
      value.forEach((v, k) => into.append(`_${part}_${k}`, v));
      return `$K${part.toString(16)}`;
    }
    if (Array.isArray(value)) return value.map(encode);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
    }
    return value;
  };
  const json = JSON.stringify(encode(args));
  if (form === null) return { body: json, headers: { 'content-type': 'text/plain;charset=UTF-8' } };
  // The root goes last: the server resolves it as soon as it arrives, the parts must be there.
  (form as FormData).append('0', json);
  return { body: form, headers: {} };
}

interface Reply {
  status: number;
  /** Path of `x-action-redirect` (the client-side redirect of a fetch action), or null. */
  redirect: string | null;
  /** The action's return value, when the answer carries one. */
  result: unknown;
  text: string;
}

async function callAction(action: BuiltAction, args: unknown[], cookie: string | null, page = action.pages[0]!): Promise<Reply> {
  const { body, headers } = encodeReply(args);
  const res = await fetch(`${env.baseUrl}${fillPage(page)}`, {
    method: 'POST',
    headers: {
      ...headers,
      'next-action': action.id,
      accept: 'text/x-component',
      origin: env.baseUrl,
      ...(cookie ? { cookie } : {}),
    },
    body,
    redirect: 'manual',
  });
  const text = await res.text();
  const redirectHeader = res.headers.get('x-action-redirect');
  return {
    status: res.status,
    redirect: redirectHeader ? pathOf(redirectHeader.split(';')[0]!) : null,
    result: actionResult(text),
    text,
  };
}

function pathOf(location: string): string {
  const url = new URL(location, env.baseUrl);
  return url.pathname + url.search;
}

/**
 * The rows of a Flight answer by id: `id:json\n`, or `id:T<hex byte length>,<text>` with no
 * newline after (how React sends long strings, e.g. a preview's HTML), kept as a JSON string.
 */
function flightRows(text: string): Map<string, string> {
  const buf = Buffer.from(text, 'utf8');
  const rows = new Map<string, string>();
  let i = 0;
  while (i < buf.length) {
    const colon = buf.indexOf(0x3a, i);
    if (colon < 0) break;
    const id = buf.subarray(i, colon).toString();
    if (buf[colon + 1] === 0x54 && /^[0-9a-f]+$/.test(id)) {
      const comma = buf.indexOf(0x2c, colon);
      const length = parseInt(buf.subarray(colon + 2, comma).toString(), 16);
      rows.set(id, JSON.stringify(buf.subarray(comma + 1, comma + 1 + length).toString()));
      i = comma + 1 + length;
    } else {
      const newline = buf.indexOf(0x0a, colon);
      const end = newline < 0 ? buf.length : newline;
      rows.set(id, buf.subarray(colon + 1, end).toString());
      i = end + 1;
    }
  }
  return rows;
}

/** The action's return value from a Flight answer: row 0 is {a: "$@N", ...}, row N the value ("$M" strings: text rows). */
function actionResult(text: string): unknown {
  const rows = flightRows(text);
  const root = rows.get('0');
  if (!root) return undefined;
  const ref = /"a":"\$@([0-9a-f]+)"/.exec(root);
  if (!ref) return undefined;
  const row = rows.get(ref[1]!);
  if (row === undefined || row.startsWith('E')) return undefined;
  try {
    return JSON.parse(row, (_key, value: unknown) => {
      const m = typeof value === 'string' ? /^\$([0-9a-f]+)$/.exec(value) : null;
      const target = m ? rows.get(m[1]!) : undefined;
      return target?.startsWith('"') ? (JSON.parse(target) as string) : value;
    });
  } catch {
    return undefined;
  }
}

function formEntries(f: FormData): [string, FormDataEntryValue][] {
  const out: [string, FormDataEntryValue][] = [];
  f.forEach((v, k) => out.push([k, v]));
  return out;
}

function form(fields: Record<string, string | string[] | Blob | undefined>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) f.append(k, one);
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// The database, byte for byte

let hashQuery = '';
/** A plain connection: the fingerprint runs after every fuzzed call, so it must be cheap. */
let sql: pg.Client;

/** One md5 per table over every row's text: any insert, update or delete changes it. */
async function dbFingerprint(): Promise<Record<string, string>> {
  if (!hashQuery) {
    const tables = await sql.query<{ t: string }>(
      `select tablename::text as t from pg_tables where schemaname = current_schema() and tablename <> '_prisma_migrations' order by 1`,
    );
    hashQuery = tables.rows
      .map(({ t }) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`)
      .join(' union all ');
  }
  const { rows } = await sql.query<{ t: string; h: string }>(hashQuery);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

// ---------------------------------------------------------------------------------------------
// Fixtures

let env: StaffEnvironment;
let campaignId: number;
let draftCampaignId: number;
let attachedTargetId: number;
let freeTargetId: number;
let failedDeliveryId: string;
let signatureIds: string[];
let heldIds: string[];
let personIds: number[];
let responseId: number;
let draftUpdateId: string;
let sendingUpdateId: string;
let apiKeyId: string;
let webhookEndpointId: string;
let webhookDeliveryId: string;
let eventId: number;
let abuseEntryId: number;
const NIL_UUID = '00000000-0000-4000-8000-000000000000';
const updateText = {
  subjectEn: 'The Mayor answered',
  bodyEn: 'Read what she said.',
  subjectEs: 'La alcaldesa respondió',
  bodyEs: 'Lee lo que dijo.',
};

function fillPage(page: string): string {
  return page.replace('/targets/[id]', `/targets/${attachedTargetId}`).replace('[id]', String(campaignId));
}

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function campaignPayload(slug: string) {
  const t = (title: string) => ({ title, ask: 'Please act.', body: '<p>Why it matters.</p>', summary: 'Short.' });
  return {
    slug,
    defaultLocale: 'en',
    goal: 500,
    contactEmail: 'team@e2e.example',
    requireConfirmation: true,
    showRecentSigners: true,
    includeEmailsInDeliveries: false,
    translations: { en: t('Fund the libraries'), es: t('Financien las bibliotecas') },
    sources: [{ citation: 'City budget 2026', url: 'https://example.org/budget' }],
  };
}

/** Plausible, VALID arguments for each protected action: a missing check would change data. */
function validArgs(name: string): unknown[] {
  const c = String(campaignId);
  switch (name) {
    case 'saveCampaignAction':
      return [null, campaignPayload('refused-campaign')];
    case 'checkSlugAction':
      return ['some-free-slug', null];
    case 'lifecycleAction':
      return [undefined, form({ campaignId: c, action: 'close' })];
    case 'campaignImageAction':
      return [undefined, form({ campaignId: c, alt: 'A rally', image: new File([PNG], 'a.png', { type: 'image/png' }) })];
    case 'deliverNowAction':
    case 'sendTestDeliveryAction':
      return [undefined, form({ campaignId: c, targetId: String(attachedTargetId) })];
    case 'retryDeliveryAction':
      return [undefined, form({ campaignId: c, deliveryId: failedDeliveryId })];
    case 'moderateAction':
      return [undefined, form({ campaignId: c, status: 'fraudulent', ids: signatureIds.slice(0, 2), reason: 'spam' })];
    case 'createCampaignEventAction':
      return [
        undefined,
        form({ campaignId: c, name: 'Intruder table', startsAt: '2030-05-02T10:00', endsAt: '2030-05-02T14:00', expectedSize: '100' }),
      ];
    case 'revokeCampaignEventAction':
      return [undefined, form({ campaignId: c, eventId: String(eventId) })];
    case 'applyReviewAction':
      return [undefined, form({ campaignId: c, decision: 'approve', expected: '2', statuses: 'held', ids: heldIds.slice(0, 2) })];
    case 'saveResponseAction':
      return [
        undefined,
        form({
          campaignId: c,
          targetId: String(attachedTargetId),
          respondedOn: '2026-03-02',
          stance: 'supports',
          textEn: 'Yes.',
          url: 'https://city.example/r',
        }),
      ];
    case 'deleteResponseAction':
      return [undefined, form({ campaignId: c, responseId: String(responseId) })];
    case 'saveUpdateAction':
      return [undefined, form({ campaignId: c, updateId: draftUpdateId, ...updateText, subjectEn: 'Changed by an intruder' })];
    case 'previewUpdateAction':
      return [campaignId, updateText];
    case 'deleteUpdateAction':
    case 'sendTestUpdateAction':
    case 'requestUpdateSendAction':
      return [undefined, form({ campaignId: c, updateId: draftUpdateId })];
    case 'pauseUpdateAction':
    case 'cancelUpdateAction':
    case 'resumeUpdateAction':
      return [undefined, form({ campaignId: c, updateId: sendingUpdateId })];
    case 'setUpdateCapAction':
      return [undefined, form({ campaignId: c, count: '50', days: '1' })];
    case 'eraseAction':
      return [undefined, form({ campaignId: c, personId: String(personIds[0]), reason: 'request' })];
    case 'erasePersonAction':
      return [undefined, form({ personId: String(personIds[0]), reason: 'request' })];
    case 'addAbuseListEntryAction':
      return [undefined, form({ kind: 'email_domain', mode: 'block', value: 'intruder.example', note: 'Blocked by an intruder' })];
    case 'removeAbuseListEntryAction':
      return [undefined, form({ id: String(abuseEntryId) })];
    case 'inviteStaffAction':
      return [undefined, form({ email: 'intruder@e2e.example', name: 'Intruder', role: 'admin' })];
    case 'changeRoleAction':
      return [undefined, form({ userId: env.users.viewer.id, role: 'admin' })];
    case 'setActiveAction':
      return [undefined, form({ userId: env.users.admin.id, active: 'false' })];
    case 'saveTargetAction':
      return [
        undefined,
        form({ title: 'Mayor', givenName: 'Ada', familyName: 'Lovelace', email: 'mayor@city.example', timeZone: 'America/Los_Angeles' }),
      ];
    case 'attachTargetAction':
      return [undefined, form({ campaignId: c, targetId: String(freeTargetId) })];
    case 'detachTargetAction':
      return [undefined, form({ campaignId: c, targetId: String(attachedTargetId) })];
    case 'savePolicyAction':
      return [
        undefined,
        form({
          campaignId: c,
          targetId: String(attachedTargetId),
          milestones: '7,77',
          scheduleCadence: 'daily',
          scheduleTime: '09:00',
          manualEnabled: 'on',
        }),
      ];
    case 'createApiKeyAction':
      return [undefined, form({ name: 'Intruder key', scope: 'write', campaigns: 'all', rateLimitPerMinute: '600' })];
    case 'revokeApiKeyAction':
      return [undefined, form({ keyId: apiKeyId })];
    case 'rotateApiKeyAction':
      return [undefined, form({ keyId: apiKeyId, keepPreviousHours: '0' })];
    case 'saveWebhookEndpointAction':
      return [undefined, form({ name: 'Intruder hook', url: 'https://hooks.example.org/in', events: 'signature.created', campaignScope: 'all' })];
    case 'rotateWebhookSecretAction':
      return [undefined, form({ endpointId: webhookEndpointId, keep: '0' })];
    case 'setWebhookEnabledAction':
      return [undefined, form({ endpointId: webhookEndpointId, enabled: 'false' })];
    case 'deleteWebhookEndpointAction':
    case 'sendTestWebhookAction':
    case 'redeliverFailedWebhooksAction':
      return [undefined, form({ endpointId: webhookEndpointId })];
    case 'redeliverWebhookAction':
      return [undefined, form({ endpointId: webhookEndpointId, deliveryId: webhookDeliveryId })];
    default:
      throw new Error(`no valid arguments for ${name}`);
  }
}

async function cookieFor(who: Who): Promise<string | null> {
  if (who === 'anonymous') return null;
  const user = env.users[who === 'expired' ? 'admin' : who];
  const c = who === 'expired' ? await env.expiredSessionCookie(user.id, user.email) : await env.sessionCookie(user.id, user.email);
  return `${c.name}=${c.value}`;
}

beforeAll(async () => {
  env = await startStaffEnvironment('actions');
  sql = new pg.Client({ connectionString: env.databaseUrl });
  await sql.connect();
  const c = await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' }, include: { targets: true } });
  campaignId = c.id;
  attachedTargetId = c.targets[0]!.targetId;
  draftCampaignId = (await env.db.campaign.findFirstOrThrow({ where: { status: 'draft' } })).id;
  const free = await env.db.target.findFirst({ where: { campaigns: { none: { campaignId } } } });
  freeTargetId = free ? free.id : (await env.db.target.create({ data: { title: 'Unattached council member', email: 'free@city.example' } })).id;
  // A real delivery (a claimed range of the seeded signatures) whose sending failed: retryable.
  await env.db.campaignTarget.update({ where: { campaignId_targetId: { campaignId, targetId: attachedTargetId } }, data: { manualEnabled: true } });
  const claimed = await deliverNow(env.db, { campaignId, targetId: attachedTargetId, requestedById: env.users.admin.id });
  await env.db.delivery.update({ where: { id: claimed.id }, data: { status: 'failed', lastError: '550 mailbox unavailable' } });
  failedDeliveryId = claimed.id;
  const sigs = await env.db.signature.findMany({ where: { campaignId }, select: { id: true, personId: true }, take: 6, orderBy: { id: 'asc' } });
  signatureIds = sigs.map((s) => String(s.id));
  personIds = [...new Set(sigs.map((s) => s.personId))];
  // Held for review (issue 15): what applyReviewAction approves or rejects.
  heldIds = (await seedHeldSignatures(env.db, campaignId, { count: 4, ipHash: 'ab'.repeat(32) })).map(String);
  responseId = (
    await env.db.targetResponse.create({
      data: { campaignId, targetId: attachedTargetId, respondedOn: new Date('2026-03-01'), stance: 'no_commitment', textEn: 'We are studying it.' },
    })
  ).id;
  draftUpdateId = (await env.db.campaignUpdate.create({ data: { campaignId, ...updateText } })).id;
  sendingUpdateId = (
    await env.db.campaignUpdate.create({ data: { campaignId, ...updateText, status: 'sending', sendRequestedAt: new Date(), plannedAt: new Date() } })
  ).id;
  apiKeyId = (await insertApiKey(env.db, { name: 'CRM sync' })).id;
  webhookEndpointId = (
    await env.db.webhookEndpoint.create({
      data: { name: 'CRM hook', url: 'https://hooks.example.org/undersigned', events: ['signature.created'], secret: generateWebhookSecret() },
    })
  ).id;
  eventId = (
    await env.db.campaignEvent.create({
      data: {
        campaignId,
        name: 'Church hall',
        code: 'e2eEventCode',
        startsAt: new Date(Date.now() - 3_600_000),
        endsAt: new Date(Date.now() + 86_400_000),
        expectedSize: 100,
      },
    })
  ).id;
  abuseEntryId = (
    await env.db.abuseListEntry.create({ data: { kind: 'email_domain', value: 'campus.example.edu', mode: 'allow', note: 'A university' } })
  ).id;
  webhookDeliveryId = (await env.db.webhookDelivery.create({ data: { endpointId: webhookEndpointId, eventCount: 1, test: true, status: 'failed' } }))
    .id;
}, 120_000);

afterAll(async () => {
  await sql?.end();
  await env?.stop();
});

// ---------------------------------------------------------------------------------------------

describe('staff server actions over HTTP', () => {
  it('the table lists exactly the actions of the build', () => {
    expect(BUILT.map((a) => a.key).sort()).toEqual(Object.keys(TABLE).sort());
  });

  it('refuses every protected action, with valid arguments, to anonymous, expired, deactivated and under-privileged callers; nothing changes', async () => {
    const got: string[] = [];
    const want: string[] = [];
    const before = await dbFingerprint();
    const mails = env.smtp.messages.length;
    for (const action of BUILT) {
      const allowed = TABLE[action.key];
      if (allowed === 'public' || allowed === undefined) continue;
      const name = action.key.split('#')[1]!;
      const callers: Who[] = ['anonymous', 'expired', 'deactivated', ...(['viewer', 'campaigner'] as const).filter((r) => !allowed.includes(r))];
      for (const who of callers) {
        const reply = await callAction(action, validArgs(name), await cookieFor(who));
        const outcome =
          reply.status === 403
            ? '403'
            : reply.status === 200 && reply.redirect === '/login'
              ? 'login'
              : `HTTP ${reply.status} ${reply.redirect ?? ''} ${JSON.stringify(reply.result) ?? ''}`;
        got.push(`${name} ${who} → ${outcome}`);
        want.push(`${name} ${who} → ${who === 'viewer' || who === 'campaigner' ? '403' : 'login'}`);
      }
    }
    expect(got).toEqual(want);
    // 43 protected actions × 3 signed-out callers, 42 refused to viewers, 14 to campaigners.
    expect(got).toHaveLength(43 * 3 + 42 + 14);
    expect(await dbFingerprint()).toEqual(before);
    expect(env.smtp.messages.length).toBe(mails);
  });

  it('refuses a server action from a foreign origin even with an admin session', async () => {
    const before = await dbFingerprint();
    const action = byName('inviteStaffAction');
    const { body } = encodeReply(validArgs('inviteStaffAction'));
    const res = await fetch(`${env.baseUrl}/staff`, {
      method: 'POST',
      headers: { 'next-action': action.id, accept: 'text/x-component', origin: 'https://evil.example', cookie: (await cookieFor('admin'))! },
      body,
      redirect: 'manual',
    });
    expect(await res.text()).toMatch(/Cross-origin request refused/);
    expect(res.status).toBe(403);
    expect(await dbFingerprint()).toEqual(before);
  });

  it('malformed requests are refused by Next before any action runs, and store nothing', async () => {
    // Next's own answer to a malformed body is a 500: the request never reaches application
    // code. Recorded here so a change of behaviour shows. (Bodies over the limit are refused
    // with 413 by the staff proxy before Next reads them.)
    const cookie = (await cookieFor('admin'))!;
    const action = byName('inviteStaffAction');
    const send = async (body: string | FormData, headers: Record<string, string> = {}, id = action.id) => {
      try {
        const res = await fetch(`${env.baseUrl}/staff`, {
          method: 'POST',
          headers: { 'next-action': id, accept: 'text/x-component', origin: env.baseUrl, cookie, ...headers },
          body,
          redirect: 'manual',
        });
        await res.text();
        return res.status;
      } catch {
        return 'connection closed';
      }
    };
    const before = await dbFingerprint();
    const controlName = form({ 'email\u0001': 'x@e2e.example', role: 'viewer' });
    controlName.append('0', '["$undefined","$K1"]');
    const oversized = form({ email: 'a'.repeat(7_000_000) });
    oversized.append('0', '["$undefined","$K1"]');
    const got = {
      'control character in a part name': await send(controlName),
      'root is not JSON': await send('["$undefined",', { 'content-type': 'text/plain;charset=UTF-8' }),
      'body over the 6 MB limit': await send(oversized),
      'unknown action id': await send('[]', { 'content-type': 'text/plain;charset=UTF-8' }, '7f'.repeat(21)),
    };
    for (const [what, status] of Object.entries(got)) expect([what, typeof status === 'number' && status < 400]).toEqual([what, false]);
    // The body limit is enforced by the staff proxy (src/proxy.ts) with a clear 413.
    expect(got['body over the 6 MB limit']).toBe(413);
    expect(await dbFingerprint()).toEqual(before);
  });

  describe('the allowed role succeeds (so the refusals above used a working call)', () => {
    it('campaigns: a viewer checks a slug, a campaigner creates a campaign and saves its image', async () => {
      expect((await callAction(byName('checkSlugAction'), ['free-slug-for-viewer', null], await cookieFor('viewer'))).result).toBe('ok');
      const created = await callAction(byName('saveCampaignAction'), [null, campaignPayload('created-over-http')], await cookieFor('campaigner'));
      expect(created.status).toBe(200);
      expect(created.result).toMatchObject({ ok: true, id: expect.any(Number) });
      expect(await env.db.campaign.count({ where: { slug: 'created-over-http' } })).toBe(1);
      const image = await callAction(byName('campaignImageAction'), validArgs('campaignImageAction'), await cookieFor('campaigner'));
      expect(image.result).toMatchObject({ ok: true, message: 'Image saved.' });
    });

    it('deliveries: a campaigner sends a test delivery to themselves', async () => {
      const reply = await callAction(byName('sendTestDeliveryAction'), validArgs('sendTestDeliveryAction'), await cookieFor('campaigner'));
      expect(reply.result).toEqual({ ok: true, message: `Test sent to ${env.users.campaigner.email}.` });
      expect(await env.db.auditLog.count({ where: { action: 'delivery.test', actorId: env.users.campaigner.id } })).toBe(1);
    });

    it('responses and updates: a campaigner records a response, previews, saves, tests and sends an update; an admin sets the cap', async () => {
      const campaigner = await cookieFor('campaigner');
      const recorded = await callAction(byName('saveResponseAction'), validArgs('saveResponseAction'), campaigner);
      expect(recorded.redirect).toMatch(new RegExp(`^/campaigns/${campaignId}/responses\\?recorded=\\d+$`));
      const preview = await callAction(byName('previewUpdateAction'), validArgs('previewUpdateAction'), campaigner);
      expect(preview.result).toMatchObject({
        ok: true,
        previews: { en: { subject: 'The Mayor answered' }, es: { subject: 'La alcaldesa respondió' } },
      });
      expect((preview.result as { previews: { en: { html: string } } }).previews.en.html).toContain('/unsubscribe/');
      const saved = await callAction(byName('saveUpdateAction'), [undefined, form({ campaignId: String(campaignId), ...updateText })], campaigner);
      expect(saved.redirect).toMatch(new RegExp(`^/campaigns/${campaignId}/updates/[0-9a-f-]{36}\\?created=1$`));
      const id = /updates\/([0-9a-f-]{36})/.exec(saved.redirect!)![1]!;
      const mails = env.smtp.messages.length;
      const test = await callAction(byName('sendTestUpdateAction'), [undefined, form({ campaignId: String(campaignId), updateId: id })], campaigner);
      expect(test.result).toEqual({ ok: true, message: `2 tests (English and Spanish) sent to ${env.users.campaigner.email}.` });
      await env.smtp.waitFor(mails + 2);
      expect(
        env.smtp.messages
          .slice(mails)
          .map((m) => m.parsed.subject)
          .sort(),
      ).toEqual(['[Test] La alcaldesa respondió', '[Test] The Mayor answered']);
      const admin = await cookieFor('admin');
      expect((await callAction(byName('setUpdateCapAction'), validArgs('setUpdateCapAction'), admin)).result).toEqual({
        ok: true,
        message: 'Cap saved.',
      });
      const sent = await callAction(
        byName('requestUpdateSendAction'),
        [undefined, form({ campaignId: String(campaignId), updateId: id })],
        campaigner,
      );
      expect(sent.redirect).toBe(`/campaigns/${campaignId}/updates/${id}?sent=1`);
      expect((await env.db.campaignUpdate.findUniqueOrThrow({ where: { id } })).status).toBe('planning');
      expect(
        (await callAction(byName('pauseUpdateAction'), [undefined, form({ campaignId: String(campaignId), updateId: id })], campaigner)).result,
      ).toMatchObject({
        ok: true,
      });
      expect(
        await env.db.auditLog.count({ where: { entityId: id, action: { in: ['update.create', 'update.test', 'update.send', 'update.pause'] } } }),
      ).toBe(4);
    });

    it('signatures: a campaigner marks one signature fraudulent', async () => {
      const id = signatureIds[signatureIds.length - 1]!;
      const reply = await callAction(
        byName('moderateAction'),
        [undefined, form({ campaignId: String(campaignId), status: 'fraudulent', ids: [id], expected: '1' })],
        await cookieFor('campaigner'),
      );
      expect(reply.redirect).toBe(`/campaigns/${campaignId}/signatures?moderated=1&as=fraudulent`);
      expect((await env.db.signature.findUniqueOrThrow({ where: { id: BigInt(id) } })).status).toBe('fraudulent');
    });

    it('events: a campaigner creates an event link and revokes it', async () => {
      const campaigner = await cookieFor('campaigner');
      const created = await callAction(byName('createCampaignEventAction'), validArgs('createCampaignEventAction'), campaigner);
      expect(created.result).toMatchObject({ ok: true });
      const event = await env.db.campaignEvent.findFirstOrThrow({ where: { campaignId, name: 'Intruder table' } });
      expect(event.code).toMatch(/^[A-Za-z0-9_-]{12}$/);
      const revoked = await callAction(
        byName('revokeCampaignEventAction'),
        [undefined, form({ campaignId: String(campaignId), eventId: String(event.id) })],
        campaigner,
      );
      expect(revoked.redirect).toBe(`/campaigns/${campaignId}/events?revoked=${event.id}`);
      expect((await env.db.campaignEvent.findUniqueOrThrow({ where: { id: event.id } })).revokedAt).not.toBeNull();
    });

    it('review: a campaigner approves one held signature after its preview; it counts', async () => {
      const id = heldIds[heldIds.length - 1]!;
      const reply = await callAction(
        byName('applyReviewAction'),
        [undefined, form({ campaignId: String(campaignId), decision: 'approve', expected: '1', statuses: 'held', ids: [id] })],
        await cookieFor('campaigner'),
      );
      expect(reply.redirect).toBe(`/campaigns/${campaignId}/review?decided=approve&changed=1&counted=1&awaiting=0`);
      expect((await env.db.signature.findUniqueOrThrow({ where: { id: BigInt(id) } })).status).toBe('confirmed');
      expect(await env.db.auditLog.count({ where: { action: 'signatures.review_approve', actorId: env.users.campaigner.id } })).toBe(1);
    });

    it('people: a campaigner erases a person', async () => {
      const personId = personIds[personIds.length - 1]!;
      const reply = await callAction(
        byName('erasePersonAction'),
        [undefined, form({ personId: String(personId), reason: 'asked by email' })],
        await cookieFor('campaigner'),
      );
      expect(reply.redirect).toMatch(/^\/people\?erased=\d+$/);
      expect(await env.db.person.count({ where: { id: personId } })).toBe(0);
    });

    it('abuse lists: a campaigner blocks an email domain, moves it to the allow list and removes it', async () => {
      const campaigner = await cookieFor('campaigner');
      const add = (mode: string) =>
        callAction(
          byName('addAbuseListEntryAction'),
          [undefined, form({ kind: 'email_domain', mode, value: '@Bots.Example', note: 'wave' })],
          campaigner,
        );
      expect((await add('block')).result).toEqual({ ok: true, message: 'Added bots.example to the block list.' });
      expect((await add('allow')).result).toEqual({ ok: true, message: 'Moved bots.example to the allow list.' });
      const entry = await env.db.abuseListEntry.findUniqueOrThrow({ where: { kind_value: { kind: 'email_domain', value: 'bots.example' } } });
      expect(entry.mode).toBe('allow');
      const removed = await callAction(byName('removeAbuseListEntryAction'), [undefined, form({ id: String(entry.id) })], campaigner);
      expect(removed.result).toEqual({ ok: true, message: 'Removed bots.example from the allow list.' });
      expect(
        await env.db.auditLog.count({ where: { actorId: env.users.campaigner.id, action: { in: ['abuse_list.add', 'abuse_list.remove'] } } }),
      ).toBe(4);
    });

    it('staff: an admin invites a colleague', async () => {
      const reply = await callAction(
        byName('inviteStaffAction'),
        [undefined, form({ email: 'colleague@e2e.example', role: 'viewer' })],
        await cookieFor('admin'),
      );
      expect(reply.result).toMatchObject({ ok: true });
      expect(await env.db.user.count({ where: { email: 'colleague@e2e.example', role: 'viewer' } })).toBe(1);
    });

    it('integrations: an admin creates an API key (its secret answered once) and sends a test webhook event', async () => {
      const admin = await cookieFor('admin');
      const created = await callAction(byName('createApiKeyAction'), validArgs('createApiKeyAction'), admin);
      expect(created.result).toMatchObject({ ok: true, message: 'API key “Intruder key” created.' });
      const secret = (created.result as { secret: string }).secret;
      expect(secret).toMatch(/^us_[A-Za-z0-9_-]{43}$/);
      expect(await env.db.apiKey.count({ where: { name: 'Intruder key', scope: 'write' } })).toBe(1);
      const test = await callAction(byName('sendTestWebhookAction'), validArgs('sendTestWebhookAction'), admin);
      expect(test.result).toMatchObject({ ok: true });
      expect(await env.db.webhookDelivery.count({ where: { endpointId: webhookEndpointId, test: true } })).toBe(2);
    });

    it('targets: a campaigner attaches a target', async () => {
      const reply = await callAction(byName('attachTargetAction'), validArgs('attachTargetAction'), await cookieFor('campaigner'));
      expect(reply.result).toEqual({ ok: true, message: 'Target attached.' });
      expect(await env.db.campaignTarget.count({ where: { campaignId, targetId: freeTargetId } })).toBe(1);
    });

    it('login and sign-out: public, and they work', async () => {
      const signIn = byName('signInWithPassword');
      const bad = await callAction(signIn, [form({ email: ADMIN.email, password: 'wrong' })], null);
      expect(bad.redirect).toBe('/login?error=invalid_login');
      const ok = await callAction(signIn, [form({ email: ADMIN.email, password: ADMIN.password })], null);
      expect(ok.redirect).toBe('/campaigns');
      const signOut = BUILT.find((a) => a.key.startsWith('(staff)/layout.tsx#'))!;
      expect((await callAction(signOut, [], await cookieFor('admin'))).redirect).toBe('/login');
    });
  });

  // -------------------------------------------------------------------------------------------
  // Fuzz

  describe('fuzz: hostile arguments with an admin session', () => {
    const NASTY = [
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\uD800',
      '\uDFFF',
      'x\uD83D',
      '\u202Eevil\u202C',
      '\u200B',
      '🙂👩‍👩‍👧‍👦',
      'ـــ',
      'e\u0301',
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'; DROP TABLE signature; --",
      "' OR '1'='1",
      '../../etc/passwd',
      '%00',
      '${7*7}',
      '{{7*7}}',
      '$undefined',
      '$K1',
      '$@0',
      '$$',
      '__proto__',
      'constructor',
      '-1',
      '0',
      '1.5',
      '1e309',
      'NaN',
      'Infinity',
      '9'.repeat(40),
      '0x10',
      'true',
      'null',
      '[]',
      '{}',
      'on',
      'off',
      '1',
      'publish',
      'close',
      'victory',
      'reopen',
      'fraudulent',
      'invalidated',
      'admin',
      'viewer',
      'campaigner',
      'none',
      'daily',
      'weekly',
      '25:99',
      '09:00',
      '7',
      'a@b',
      'user@example.com',
      'ADMIN@E2E.EXAMPLE ',
      '2026-13-45',
      '2026-01-01T00:00:00Z',
      'America/Los_Angeles',
      'Mars/Olympus',
      'ocd-division/country:us',
    ];
    const str: fc.Arbitrary<string> = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('a', 'é', '🙂', '\u0000', '<b>', '9'), fc.integer({ min: 100, max: 40_000 }))
          .map(([s, n]) => s.repeat(n)),
      },
    );
    /** Once in a while a body of a few MB (under the configured 6 MB limit). */
    const huge = fc.constantFrom('A'.repeat(3_500_000), '🙂'.repeat(800_000));
    const anyValue: fc.Arbitrary<unknown> = fc.oneof(
      str,
      fc.constantFrom(undefined, null, true, false, 0, -1, 1.5, NaN, Infinity, -0, 2 ** 53, [], {}),
      fc.integer(),
      fc.array(str, { maxLength: 3 }),
      fc.dictionary(str, str, { maxKeys: 3 }),
    );

    /**
     * Names of extra form parts. Control characters and names past ~16 KB are left out: in a
     * multipart part header they make the body malformed, which Next's parser refuses before any
     * action runs (tested above).
     */
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    const partName = str.map((n) => n.replace(/[\u0000-\u001f\u007f]/g, '_').slice(0, 2000));

    function formOf(
      fields: Record<string, fc.Arbitrary<string>>,
      extra: fc.Arbitrary<[string, string | Blob]>[] = [],
      big = true,
    ): fc.Arbitrary<FormData> {
      const known = Object.entries(fields).map(([k, plausible]) =>
        fc
          .option(fc.array(fc.oneof({ weight: 1, arbitrary: plausible }, { weight: 3, arbitrary: str }), { minLength: 1, maxLength: 2 }), {
            nil: undefined,
            freq: 4,
          })
          .map((vs) => [k, vs] as const),
      );
      return fc
        .tuple(
          fc.tuple(...known),
          fc.array(fc.oneof(fc.tuple(partName, str), ...extra), { maxLength: 3 }),
          big ? fc.option(huge, { freq: 100, nil: undefined }) : fc.constant(undefined),
        )
        .map(([entries, more, big]) => {
          const f = new FormData();
          for (const [k, vs] of entries) for (const v of vs ?? []) f.append(k, v);
          for (const [k, v] of more) f.append(k, v);
          if (big) f.append(Object.keys(fields)[0] ?? 'x', big);
          return f;
        });
    }

    const ids = () => fc.constantFrom(String(campaignId), String(draftCampaignId), String(attachedTargetId), String(freeTargetId), '1', '2');
    const updateIds = () => fc.constantFrom(draftUpdateId, sendingUpdateId, NIL_UUID, 'not-a-uuid');
    const staffIds = () => fc.constantFrom(env.users.viewer.id, env.users.campaigner.id, env.users.deactivated.id, 'cl0000000000000000000000');

    /** [state, FormData] with a FormData of these fields, or (1 in 8) wrong types and shapes. */
    function formAction(fields: () => Record<string, fc.Arbitrary<string>>, extra: () => fc.Arbitrary<[string, string | Blob]>[] = () => []) {
      return () =>
        fc.oneof(
          // A file of several MB and a huge field together would pass the 6 MB body limit.
          { weight: 7, arbitrary: fc.tuple(anyValue, formOf(fields(), extra(), extra().length === 0)).map((a): unknown[] => a) },
          { weight: 1, arbitrary: fc.array(anyValue, { maxLength: 3 }) },
        );
    }

    const FUZZ: Record<string, { runs: number; args: () => fc.Arbitrary<unknown[]> }> = {
      saveCampaignAction: {
        runs: 400,
        args: () => {
          const base = campaignPayload('fuzzed-slug');
          const path = fc.constantFrom(
            'slug',
            'defaultLocale',
            'goal',
            'contactEmail',
            'requireConfirmation',
            'showRecentSigners',
            'includeEmailsInDeliveries',
            'translations',
            'translations.en',
            'translations.en.title',
            'translations.es.body',
            'translations.en.ask',
            'sources',
            'extra',
          );
          const mutation = fc.tuple(
            path,
            fc.oneof(
              anyValue,
              huge.map((h) => h.slice(0, 300_000)),
            ),
            fc.boolean(),
          );
          const payload = fc.oneof(
            {
              weight: 6,
              arbitrary: fc.array(mutation, { minLength: 1, maxLength: 4 }).map((ms) => {
                const p = structuredClone(base) as Record<string, unknown>;
                for (const [where, value, remove] of ms) {
                  const keys = where.split('.');
                  let obj = p;
                  for (const k of keys.slice(0, -1)) {
                    const next = obj[k];
                    obj = next !== null && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : (obj[k] = {});
                  }
                  if (remove) delete obj[keys[keys.length - 1]!];
                  else obj[keys[keys.length - 1]!] = value;
                }
                return p;
              }),
            },
            { weight: 1, arbitrary: anyValue },
          );
          return fc.tuple(fc.oneof(fc.constant(null), fc.constant(campaignId), anyValue), payload).map((a): unknown[] => a);
        },
      },
      checkSlugAction: {
        runs: 400,
        args: () => fc.tuple(anyValue, fc.oneof(fc.constant(null), fc.constant(campaignId), anyValue)).map((a): unknown[] => a),
      },
      lifecycleAction: {
        runs: 150,
        args: formAction(() => ({
          campaignId: ids(),
          action: fc.constantFrom('publish', 'close', 'victory', 'reopen'),
          victoryEn: str,
          victoryEs: str,
        })),
      },
      campaignImageAction: {
        runs: 250,
        args: () =>
          fc.oneof(
            // Over the 5 MB image limit (alone: two of them would pass the 6 MB body limit).
            {
              weight: 1,
              arbitrary: fc.constant<unknown[]>([
                undefined,
                form({ campaignId: String(campaignId), image: new File([new Uint8Array(5_500_000)], 'big.png', { type: 'image/png' }) }),
              ]),
            },
            {
              weight: 15,
              arbitrary: formAction(
                () => ({ campaignId: ids(), alt: str, remove: fc.constantFrom('1', '0') }),
                () => [
                  fc.tuple(
                    fc.constant('image'),
                    fc.oneof(
                      fc.uint8Array({ maxLength: 200 }).map((b) => new File([b], 'x.png', { type: 'image/png' })),
                      fc.constant(new File([PNG], '<script>.png', { type: 'text/html' })),
                      fc.constant(new File([Buffer.from('GIF89a')], 'x.gif', { type: 'image/gif' })),
                    ),
                  ),
                ],
              )(),
            },
          ),
      },
      deliverNowAction: { runs: 250, args: formAction(() => ({ campaignId: ids(), targetId: ids() })) },
      retryDeliveryAction: {
        runs: 250,
        args: formAction(() => ({
          campaignId: ids(),
          deliveryId: fc.constantFrom(failedDeliveryId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid'),
        })),
      },
      sendTestDeliveryAction: { runs: 250, args: formAction(() => ({ campaignId: ids(), targetId: ids() })) },
      moderateAction: {
        runs: 250,
        args: formAction(() => ({
          campaignId: ids(),
          status: fc.constantFrom('fraudulent', 'invalidated', 'counted'),
          expected: fc.constantFrom('0', '1', '-1'),
          ids: fc.constantFrom(...signatureIds, '99999999999999999999'),
          ipHash: fc.constantFrom('a'.repeat(64), '00'),
          emailDomain: fc.constantFrom('example.com', 'gmail.com', '.'),
          from: fc.constantFrom('2020-01-01', '2026-01-01T00:00', 'yesterday'),
          to: fc.constantFrom('2030-01-01', '1970-01-01'),
          reason: str,
        })),
      },
      applyReviewAction: {
        runs: 200,
        args: formAction(() => ({
          campaignId: ids(),
          decision: fc.constantFrom('approve', 'reject', 'delete'),
          expected: fc.constantFrom('0', '1', '2', '-1', '100000000000'),
          statuses: fc.constantFrom('held', 'fraudulent', 'invalidated', 'confirmed'),
          heldReason: fc.constantFrom('ip_rate', 'blocked_ip', 'nope'),
          ids: fc.constantFrom(...heldIds, ...signatureIds, '99999999999999999999'),
          ipHash: fc.constantFrom('ab'.repeat(32), '00', 'zz'.repeat(8)),
          emailDomain: fc.constantFrom('example.org', 'gmail.com', '.'),
          from: fc.constantFrom('2020-01-01T00:00', '2026-01-01T00:00Z', 'yesterday'),
          to: fc.constantFrom('2030-01-01T00:00', '1970-01-01T00:00'),
        })),
      },
      saveResponseAction: {
        runs: 200,
        args: formAction(() => ({
          campaignId: ids(),
          responseId: fc.constantFrom(String(responseId), '0', '999999'),
          targetId: ids(),
          respondedOn: fc.constantFrom('2026-03-02', '2026-02-30', '2999-01-01', 'yesterday'),
          stance: fc.constantFrom('supports', 'opposes', 'no_commitment', 'maybe'),
          textEn: str,
          textEs: str,
          url: fc.constantFrom('https://city.example/r', 'javascript:alert(1)', 'ftp://x', ''),
        })),
      },
      createCampaignEventAction: {
        runs: 150,
        args: formAction(() => ({
          campaignId: ids(),
          name: str,
          startsAt: fc.constantFrom('2030-05-02T10:00', '2030-02-30T10:00', '2030-05-02T10:00Z', 'soon', ''),
          endsAt: fc.constantFrom('2030-05-02T14:00', '2030-05-02T09:00', '2030-06-02T10:00', '2020-01-01T00:00', ''),
          expectedSize: fc.constantFrom('100', '0', '-1', '100001', '2.5', 'lots'),
        })),
      },
      revokeCampaignEventAction: {
        runs: 100,
        args: formAction(() => ({ campaignId: ids(), eventId: fc.constantFrom(String(eventId), '0', '999999', 'x') })),
      },
      deleteResponseAction: {
        runs: 150,
        args: formAction(() => ({ campaignId: ids(), responseId: fc.constantFrom(String(responseId), '0', '999999') })),
      },
      saveUpdateAction: {
        runs: 200,
        args: formAction(() => ({
          campaignId: ids(),
          updateId: updateIds(),
          responseId: fc.constantFrom(String(responseId), '999999'),
          subjectEn: str,
          bodyEn: str,
          subjectEs: str,
          bodyEs: str,
        })),
      },
      previewUpdateAction: {
        runs: 150,
        args: () =>
          fc
            .tuple(
              fc.oneof(fc.constant(campaignId), anyValue),
              // Text of any shape is a valid preview (an empty one included): mostly hostile shapes.
              fc.oneof(
                {
                  weight: 1,
                  arbitrary: fc.record(
                    { subjectEn: str, bodyEn: str, subjectEs: fc.option(str, { nil: null }), bodyEs: fc.option(str, { nil: null }) },
                    { requiredKeys: [] },
                  ),
                },
                { weight: 3, arbitrary: anyValue },
              ),
            )
            .map((a): unknown[] => a),
      },
      deleteUpdateAction: { runs: 150, args: formAction(() => ({ campaignId: ids(), updateId: updateIds() })) },
      sendTestUpdateAction: { runs: 100, args: formAction(() => ({ campaignId: ids(), updateId: updateIds() })) },
      requestUpdateSendAction: { runs: 150, args: formAction(() => ({ campaignId: ids(), updateId: updateIds() })) },
      pauseUpdateAction: { runs: 150, args: formAction(() => ({ campaignId: ids(), updateId: updateIds() })) },
      resumeUpdateAction: { runs: 150, args: formAction(() => ({ campaignId: ids(), updateId: updateIds() })) },
      cancelUpdateAction: { runs: 150, args: formAction(() => ({ campaignId: ids(), updateId: updateIds() })) },
      setUpdateCapAction: {
        runs: 150,
        args: formAction(() => ({
          campaignId: ids(),
          count: fc.constantFrom('3', '0', '-1', '101', '2.5'),
          days: fc.constantFrom('7', '0', '366', 'x'),
        })),
      },
      eraseAction: {
        runs: 250,
        args: formAction(() => ({ campaignId: ids(), personId: fc.constantFrom(...personIds.map(String), '999999999'), reason: str })),
      },
      addAbuseListEntryAction: {
        runs: 150,
        args: formAction(() => ({
          kind: fc.constantFrom('ip_hash', 'email_domain', 'email'),
          mode: fc.constantFrom('block', 'allow', 'hold'),
          value: fc.constantFrom(
            'ab'.repeat(32),
            'AB'.repeat(32),
            '203.0.113.7',
            '::1',
            'bots.example',
            '@bots.example',
            'bot@bots.example',
            'localhost',
          ),
          note: str,
        })),
      },
      removeAbuseListEntryAction: {
        runs: 60,
        args: formAction(() => ({ id: fc.constantFrom(String(abuseEntryId), '0', '-1', '2147483648', '99999', 'x') })),
      },
      erasePersonAction: { runs: 250, args: formAction(() => ({ personId: fc.constantFrom(...personIds.map(String), '999999999'), reason: str })) },
      inviteStaffAction: {
        runs: 250,
        args: formAction(() => ({
          email: fc.constantFrom('new.person@e2e.example', env.users.viewer.email, 'not-an-email'),
          name: str,
          role: fc.constantFrom('admin', 'campaigner', 'viewer', 'owner'),
        })),
      },
      changeRoleAction: {
        runs: 250,
        args: formAction(() => ({ userId: staffIds(), role: fc.constantFrom('admin', 'campaigner', 'viewer', 'root') })),
      },
      setActiveAction: { runs: 250, args: formAction(() => ({ userId: staffIds(), active: fc.constantFrom('true', 'false', 'yes') })) },
      saveTargetAction: {
        runs: 250,
        args: formAction(() => ({
          id: fc.constantFrom(String(attachedTargetId), String(freeTargetId), '0', '999999'),
          title: fc.constantFrom('Mayor', 'Council member'),
          givenName: str,
          familyName: str,
          organization: str,
          email: fc.constantFrom('mayor@city.example', 'nope', ''),
          ocdDivisionId: fc.constantFrom('ocd-division/country:us/state:ca/place:san_jose', 'ocd-division/'),
          postalCodes: fc.constantFrom('95112, 95113', '1', 'ABCDEFGHIJKL'),
          timeZone: fc.constantFrom('America/Los_Angeles', 'UTC', 'Mars/Olympus'),
          returnTo: fc.constantFrom(`/campaigns/${campaignId}/targets`, 'https://evil.example', '/campaigns/1/targets/../../x'),
        })),
      },
      attachTargetAction: { runs: 250, args: formAction(() => ({ campaignId: ids(), targetId: ids() })) },
      detachTargetAction: {
        runs: 250,
        args: formAction(() => ({ campaignId: fc.constantFrom(String(draftCampaignId), '999999'), targetId: ids() })),
      },
      savePolicyAction: {
        runs: 250,
        args: formAction(() => ({
          campaignId: ids(),
          targetId: ids(),
          milestones: fc.constantFrom('10,100', '0', '5,5,5', '-3', ''),
          scheduleCadence: fc.constantFrom('none', 'daily', 'weekly', 'hourly'),
          scheduleTime: fc.constantFrom('09:00', '24:00', '9'),
          scheduleWeekday: fc.constantFrom('0', '6', '7', 'x'),
          constituentsOnly: fc.constantFrom('on', 'off'),
          manualEnabled: fc.constantFrom('on', 'true'),
        })),
      },
      createApiKeyAction: {
        runs: 80,
        args: formAction(() => ({
          name: str,
          scope: fc.constantFrom('read', 'write', 'admin', ''),
          campaigns: fc.constantFrom('all', 'some', 'none'),
          campaignIds: fc.constantFrom(String(campaignId), '0', '999999', 'x'),
          rateLimitPerMinute: fc.constantFrom('600', '0', '100001', '2.5', ''),
        })),
      },
      revokeApiKeyAction: { runs: 40, args: formAction(() => ({ keyId: fc.constantFrom(apiKeyId, NIL_UUID, 'not-a-uuid') })) },
      rotateApiKeyAction: {
        runs: 60,
        args: formAction(() => ({ keyId: fc.constantFrom(apiKeyId, NIL_UUID, 'x'), keepPreviousHours: fc.constantFrom('0', '24', '48') })),
      },
      saveWebhookEndpointAction: {
        runs: 80,
        args: formAction(() => ({
          endpointId: fc.constantFrom(webhookEndpointId, NIL_UUID, 'x'),
          name: str,
          url: fc.constantFrom('https://hooks.example.org/in', 'http://127.0.0.1:9/x', 'http://169.254.169.254/latest', 'ftp://x', 'not a url', ''),
          events: fc.constantFrom('signature.created', 'person.erased', 'nope', ''),
          campaignScope: fc.constantFrom('all', 'some', 'x'),
          campaignIds: fc.constantFrom(String(campaignId), '999999', 'x'),
          includePerson: fc.constantFrom('on', 'yes'),
        })),
      },
      rotateWebhookSecretAction: {
        runs: 40,
        args: formAction(() => ({ endpointId: fc.constantFrom(webhookEndpointId, NIL_UUID, 'x'), keep: fc.constantFrom('0', '24', '1') })),
      },
      setWebhookEnabledAction: {
        runs: 40,
        args: formAction(() => ({
          endpointId: fc.constantFrom(webhookEndpointId, NIL_UUID, 'x'),
          enabled: fc.constantFrom('true', 'false', 'maybe'),
        })),
      },
      deleteWebhookEndpointAction: { runs: 30, args: formAction(() => ({ endpointId: fc.constantFrom(NIL_UUID, 'x', '') })) },
      sendTestWebhookAction: { runs: 40, args: formAction(() => ({ endpointId: fc.constantFrom(webhookEndpointId, NIL_UUID, 'x') })) },
      redeliverWebhookAction: {
        runs: 40,
        args: formAction(() => ({
          endpointId: fc.constantFrom(webhookEndpointId, NIL_UUID),
          deliveryId: fc.constantFrom(webhookDeliveryId, NIL_UUID, 'x'),
        })),
      },
      redeliverFailedWebhooksAction: { runs: 40, args: formAction(() => ({ endpointId: fc.constantFrom(webhookEndpointId, NIL_UUID, 'x') })) },
      signInWithPassword: {
        runs: 150,
        args: () =>
          fc.oneof(
            {
              weight: 6,
              arbitrary: formOf({
                email: fc.constantFrom(ADMIN.email, env.users.viewer.email),
                password: fc.constantFrom('wrong', 'x'.repeat(501)),
              }).map((f): unknown[] => [f]),
            },
            { weight: 1, arbitrary: fc.array(anyValue, { maxLength: 2 }) },
          ),
      },
      signInWithEmail: {
        runs: 150,
        args: () =>
          fc.oneof(
            {
              weight: 6,
              arbitrary: formOf({ email: fc.constantFrom('stranger@e2e.example', 'x@', 'a'.repeat(400) + '@e2e.example') }).map((f): unknown[] => [
                f,
              ]),
            },
            { weight: 1, arbitrary: fc.array(anyValue, { maxLength: 2 }) },
          ),
      },
      $$RSC_SERVER_ACTION_0: { runs: 50, args: () => fc.array(anyValue, { maxLength: 2 }) },
    };

    let total = 0;
    afterAll(() => {
      console.log(`[fuzz] staff actions over HTTP: ${total} inputs`);
    });

    it('fuzzes every action in the table', () => {
      expect(Object.keys(FUZZ).sort()).toEqual(BUILT.map((a) => a.key.split('#')[1]!).sort());
    });

    /** What the answer means: refused (with its clear message), accepted, or a failure. */
    function verdict(name: string, reply: Reply): { kind: 'refused' | 'accepted' | 'bad'; why: string } {
      if (reply.status >= 500) return { kind: 'bad', why: `HTTP ${reply.status}` };
      if (name.startsWith('signIn')) {
        // /login?error=… refuses; the check-email page is the answer to any well-formed address
        // (staff or not, by design), /campaigns a successful password sign-in.
        if (reply.redirect?.startsWith('/login?error=')) return { kind: 'refused', why: reply.redirect };
        return {
          kind: reply.redirect === '/login/check-email' || reply.redirect === '/campaigns' ? 'accepted' : 'bad',
          why: `redirect ${reply.redirect}`,
        };
      }
      if (name.startsWith('$$RSC')) return { kind: reply.redirect === '/login' ? 'accepted' : 'bad', why: `redirect ${reply.redirect}` };
      if (reply.status !== 200) return { kind: 'bad', why: `HTTP ${reply.status}` };
      if (reply.redirect) return { kind: reply.redirect === '/login' ? 'bad' : 'accepted', why: `redirect ${reply.redirect}` };
      const r = reply.result;
      if (name === 'checkSlugAction') {
        if (r === 'invalid') return { kind: 'refused', why: 'invalid' };
        return { kind: r === 'ok' || r === 'taken' ? 'accepted' : 'bad', why: JSON.stringify(r) };
      }
      if (r && typeof r === 'object' && 'ok' in r) {
        const { ok, message } = r as { ok: boolean; message?: unknown };
        if (ok === true) return { kind: 'accepted', why: 'ok' };
        if (typeof message === 'string' && message.length > 0) return { kind: 'refused', why: message };
      }
      return { kind: 'bad', why: `unclear answer ${JSON.stringify(r)}` };
    }

    const describeArgs = (args: unknown[]) =>
      JSON.stringify(args, (_k, v: unknown) =>
        v instanceof FormData
          ? formEntries(v).map(([k, x]) => `${k}=${typeof x === 'string' ? x.slice(0, 80) : `<file ${x.size}>`}`)
          : typeof v === 'string'
            ? v.slice(0, 80)
            : v,
      );

    /**
     * `npm test` runs a third of each action's calls (at least 30) to keep CI near its budget;
     * `npm run test:fuzz:staff` (STAFF_FUZZ_FULL=1) runs the full counts written in FUZZ.
     */
    const runsOf = (written: number) => (process.env.STAFF_FUZZ_FULL === '1' ? written : Math.max(30, Math.ceil(written / 3)));

    it.each(Object.keys(FUZZ))(
      '%s: no 5xx, a clear answer, nothing stored when refused',
      async (name) => {
        const action = BUILT.find((a) => a.key.endsWith(`#${name}`))!;
        const spec = { ...FUZZ[name]!, runs: runsOf(FUZZ[name]!.runs) };
        const cookie = name.startsWith('signIn') ? null : await cookieFor('admin');
        const kinds = { refused: 0, accepted: 0 };
        let last: Record<string, string> | undefined;
        await fc.assert(
          fc.asyncProperty(spec.args(), async (args) => {
            // Calls run one at a time and nothing else writes: the state after one call is the
            // state before the next.
            const before = last ?? (await dbFingerprint());
            last = undefined;
            const reply = await callAction(action, args, cookie);
            total++;
            const v = verdict(name, reply);
            if (v.kind === 'bad') throw new Error(`${name}: ${v.why} for ${describeArgs(args)}\n${reply.text.slice(0, 300)}`);
            kinds[v.kind]++;
            const after = await dbFingerprint();
            last = after;
            if (v.kind === 'refused') {
              const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
              if (changed.length) throw new Error(`${name}: refused (${v.why}) but changed ${changed.join(', ')} for ${describeArgs(args)}`);
            }
          }),
          { numRuns: spec.runs, endOnFailure: true },
        );
        expect(kinds.refused + kinds.accepted).toBe(spec.runs);
        // The generators mostly produce invalid input: the action must have refused most of it
        // (sign-out has nothing to refuse).
        if (!name.startsWith('$$RSC')) expect(kinds.refused).toBeGreaterThan(spec.runs / 2);
      },
      600_000,
    );
  });
});
