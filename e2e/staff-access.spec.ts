// The route × role matrix: every staff route, for anonymous / viewer / campaigner / admin (and a
// deactivated account), answered by the real production server → allowed, redirected to /login,
// or 403. The expected table is written out by hand here, independent of the rules in
// packages/core/src/authorization, so a wrong rule or a page that forgets its check fails.
import { startStaffEnvironment, type StaffEnvironment } from '../apps/staff/e2e/harness';

type Who = 'anonymous' | 'viewer' | 'campaigner' | 'admin' | 'deactivated';
type Outcome = 'allowed' | 'redirect' | 403 | 401;

let env: StaffEnvironment;
let campaignId: number;
let targetId: number;
let updateId: string;
let endpointId: string;
let eventId: number;
let reviewJobId: string;

beforeAll(async () => {
  env = await startStaffEnvironment('access');
  const c = await env.db.campaign.findFirstOrThrow({ where: { slug: 'san-jose-stand-with-immigrants' }, include: { targets: true } });
  campaignId = c.id;
  targetId = c.targets[0]!.targetId;
  updateId = (await env.db.campaignUpdate.create({ data: { campaignId, subjectEn: 'News', bodyEn: 'The Mayor answered.' } })).id;
  eventId = (
    await env.db.campaignEvent.create({
      data: {
        campaignId,
        name: 'Church hall',
        code: 'accessEvent1',
        startsAt: new Date(),
        endsAt: new Date(Date.now() + 86_400_000),
        expectedSize: 100,
      },
    })
  ).id;
  endpointId = (
    await env.db.webhookEndpoint.create({
      data: {
        name: 'CRM',
        url: 'https://hooks.example.org/undersigned',
        events: ['signature.created'],
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    })
  ).id;
  reviewJobId = (
    await env.db.reviewJob.create({ data: { campaignId, decision: 'approve', selection: { campaignId, statuses: ['held'] }, expected: 600 } })
  ).id;
});
afterAll(async () => {
  await env?.stop();
});

const ALL = ['viewer', 'campaigner', 'admin'] as const;
const EDITORS = ['campaigner', 'admin'] as const;
const ADMINS = ['admin'] as const;

/** route → roles that may open it. Everything else: anonymous → /login, others → 403. */
const PAGES: [string, readonly string[]][] = [
  ['/campaigns', ALL],
  ['/campaigns/new', EDITORS],
  ['/campaigns/:id', ALL],
  ['/campaigns/:id/edit', EDITORS],
  ['/campaigns/:id/preview', ALL],
  ['/campaigns/:id/targets', ALL],
  ['/campaigns/:id/signatures', EDITORS],
  ['/campaigns/:id/review', EDITORS],
  ['/campaigns/:id/deliveries', ALL],
  ['/campaigns/:id/deliveries/preview?target=:target', EDITORS],
  ['/campaigns/:id/responses', ALL],
  ['/campaigns/:id/updates', ALL],
  ['/campaigns/:id/updates/new', EDITORS],
  ['/campaigns/:id/updates/:update', ALL],
  ['/campaigns/:id/events', ALL],
  ['/campaigns/:id/events/:event/print', EDITORS],
  ['/targets', ALL],
  ['/targets/new', EDITORS],
  ['/targets/:target', EDITORS],
  ['/people', EDITORS],
  ['/review/lists', EDITORS],
  ['/review/lists?mode=block&ipPage=2&domainPage=x', EDITORS],
  ['/review', EDITORS],
  ['/staff', ADMINS],
  ['/audit', ADMINS],
  ['/integrations/api-keys', ADMINS],
  ['/integrations/webhooks', ADMINS],
  ['/integrations/webhooks/new', ADMINS],
  ['/integrations/webhooks/:endpoint', ADMINS],
  ['/integrations/webhooks/:endpoint/edit', ADMINS],
  ['/admin/queues', ADMINS],
  ['/admin/queues/queue/deliveries', ADMINS],
];

async function headersFor(who: Who): Promise<Record<string, string>> {
  if (who === 'anonymous') return {};
  const user = env.users[who];
  const cookie = await env.sessionCookie(user.id, user.email);
  return { cookie: `${cookie.name}=${cookie.value}` };
}

function expected(allowed: readonly string[], who: Who): Outcome {
  if (who === 'anonymous' || who === 'deactivated') return 'redirect';
  return allowed.includes(who) ? 'allowed' : 403;
}

function outcome(res: Response): 'allowed' | 'redirect' | number {
  if (res.status === 200) return 'allowed';
  if (
    (res.status === 307 || res.status === 303 || res.status === 302) &&
    new URL(res.headers.get('location') ?? '', env.baseUrl).pathname === '/login'
  ) {
    return 'redirect';
  }
  return res.status;
}

describe('staff route × role matrix', () => {
  const everyone: Who[] = ['anonymous', 'viewer', 'campaigner', 'admin', 'deactivated'];

  it('answers every page for every role exactly as the table says', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [pattern, allowed] of PAGES) {
      const path = pattern
        .replace(':id', String(campaignId))
        .replace(':target', String(targetId))
        .replace(':update', updateId)
        .replace(':endpoint', endpointId)
        .replace(':event', String(eventId));
      for (const who of everyone) {
        const res = await fetch(`${env.baseUrl}${path}`, { headers: await headersFor(who), redirect: 'manual' });
        got.push(`${pattern} ${who} → ${outcome(res)}`);
        want.push(`${pattern} ${who} → ${expected(allowed, who)}`);
      }
    }
    expect(got).toEqual(want);
  });

  it('exports CSV only for campaigners and admins, and only from the same origin', async () => {
    const url = `${env.baseUrl}/campaigns/${campaignId}/export`;
    const post = async (who: Who, origin = env.baseUrl) =>
      fetch(url, { method: 'POST', headers: { ...(await headersFor(who)), origin }, redirect: 'manual' });
    expect((await post('anonymous')).status).toBe(401);
    expect((await post('deactivated')).status).toBe(401);
    expect((await post('viewer')).status).toBe(403);
    expect((await post('campaigner', 'https://evil.example')).status).toBe(403);
    const ok = await post('campaigner');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/csv');
    const csv = await ok.text();
    const confirmed = await env.db.signature.count({ where: { campaignId } });
    expect(csv.trim().split('\r\n')).toHaveLength(confirmed + 1);
    expect(await env.db.auditLog.count({ where: { action: 'signatures.export', entityId: String(campaignId) } })).toBe(1);
  });

  it('serves an event’s QR code (SVG download) to campaigners and admins only', async () => {
    const url = `${env.baseUrl}/campaigns/${campaignId}/events/${eventId}/qr`;
    expect((await fetch(url, { headers: await headersFor('anonymous') })).status).toBe(401);
    expect((await fetch(url, { headers: await headersFor('deactivated') })).status).toBe(401);
    expect((await fetch(url, { headers: await headersFor('viewer') })).status).toBe(403);
    expect((await fetch(`${env.baseUrl}/campaigns/${campaignId}/events/999999/qr`, { headers: await headersFor('campaigner') })).status).toBe(404);
    const ok = await fetch(`${url}?lang=es`, { headers: await headersFor('campaigner') });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('image/svg+xml');
    expect(ok.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-qr\.svg"$/);
    expect(await ok.text()).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('shows event links and QR codes to campaigners, and the list with counts but no link to viewers', async () => {
    const page = async (who: Who) => (await fetch(`${env.baseUrl}/campaigns/${campaignId}/events`, { headers: await headersFor(who) })).text();
    const campaigner = await page('campaigner');
    expect(campaigner).toContain('?event=accessEvent1');
    expect(campaigner).toContain('Revoke');
    const viewer = await page('viewer');
    expect(viewer).toContain('Church hall');
    expect(viewer).not.toContain('accessEvent1');
    expect(viewer).not.toContain('Revoke');
    expect(viewer).not.toContain('Create an event sign-up link');
  });

  it('serves uploaded images to signed-in staff only', async () => {
    const url = `${env.baseUrl}/images/00000000-0000-4000-8000-000000000000`;
    expect((await fetch(url, { headers: await headersFor('anonymous') })).status).toBe(401);
    expect((await fetch(url, { headers: await headersFor('deactivated') })).status).toBe(401);
    expect((await fetch(url, { headers: await headersFor('viewer') })).status).toBe(404);
  });

  it('answers an update’s progress (JSON, counts only) to signed-in staff of every role, 401 to others', async () => {
    const url = `${env.baseUrl}/campaigns/${campaignId}/updates/${updateId}/progress`;
    expect((await fetch(url, { headers: await headersFor('anonymous') })).status).toBe(401);
    expect((await fetch(url, { headers: await headersFor('deactivated') })).status).toBe(401);
    for (const who of ['viewer', 'campaigner', 'admin'] as const) {
      const res = await fetch(url, { headers: await headersFor(who) });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'draft', sent: 0, remaining: 0, finished: false });
    }
    const other = `${env.baseUrl}/campaigns/${campaignId + 1000}/updates/${updateId}/progress`;
    expect((await fetch(other, { headers: await headersFor('admin') })).status).toBe(404);
    expect((await fetch(`${env.baseUrl}/campaigns/${campaignId}/updates/not-a-uuid/progress`, { headers: await headersFor('admin') })).status).toBe(
      404,
    );
  });

  it('shows the trends panel (IP hashes, email domains) on the home page to campaigners and admins, never to viewers', async () => {
    const person = await env.db.person.create({
      data: { canonicalEmail: 'trend@trend-panel.example', email: 'trend@trend-panel.example', givenName: 'Tere', familyName: 'Ruiz' },
    });
    await env.db.signature.create({
      data: {
        campaignId,
        personId: person.id,
        givenName: 'Tere',
        familyName: 'Ruiz',
        shareCode: `trend${process.pid}`,
        ipHash: 'e2'.repeat(32),
        status: 'held',
        heldReason: 'ip_rate',
      },
    });
    const home = async (who: Who) => (await fetch(`${env.baseUrl}/campaigns`, { headers: await headersFor(who) })).text();
    for (const who of ['campaigner', 'admin'] as const) {
      const html = await home(who);
      expect(html).toContain('id="trends-heading"');
      expect(html).toContain('e2e2e2e2e2e2');
      expect(html).toContain('trend-panel.example');
    }
    const viewer = await home('viewer');
    expect(viewer).not.toContain('trends-heading');
    expect(viewer).not.toContain('e2e2e2e2e2e2');
    expect(viewer).not.toContain('trend-panel.example');
  });

  it('answers a review job’s progress (JSON, counts only) to campaigners and admins, 403 to viewers, 401 to others', async () => {
    const url = `${env.baseUrl}/review/jobs/${reviewJobId}`;
    expect((await fetch(url, { headers: await headersFor('anonymous') })).status).toBe(401);
    expect((await fetch(url, { headers: await headersFor('deactivated') })).status).toBe(401);
    expect((await fetch(url, { headers: await headersFor('viewer') })).status).toBe(403);
    for (const who of ['campaigner', 'admin'] as const) {
      const res = await fetch(url, { headers: await headersFor(who) });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'queued', done: 0, expected: 600, percent: 0, finished: false });
    }
    expect((await fetch(`${env.baseUrl}/review/jobs/not-a-uuid`, { headers: await headersFor('admin') })).status).toBe(404);
  });

  it('opens the queue dashboard’s API and static files to admins only, and refuses its forbidden actions even to them', async () => {
    const api = `${env.baseUrl}/admin/queues/api/queues`;
    const call = async (who: Who, url: string, init: RequestInit = {}) =>
      fetch(url, {
        ...init,
        headers: { ...(await headersFor(who)), origin: env.baseUrl, ...(init.headers as Record<string, string>) },
        redirect: 'manual',
      });
    const page = await (await call('admin', `${env.baseUrl}/admin/queues`)).text();
    const script = /src="(static\/js\/main\.[^"]+)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const asset = `${env.baseUrl}/admin/queues/${script}`;
    const retry = `${env.baseUrl}/admin/queues/api/queues/deliveries/no-such-job/retry`;
    const cleanAll = `${env.baseUrl}/admin/queues/api/queues/deliveries/clean/completed`;
    const got: string[] = [];
    for (const who of ['anonymous', 'deactivated', 'viewer', 'campaigner', 'admin'] as const) {
      got.push(`GET api ${who} → ${(await call(who, api)).status}`);
      got.push(`GET asset ${who} → ${(await call(who, asset)).status}`);
      got.push(`PUT retry ${who} → ${(await call(who, retry, { method: 'PUT' })).status}`);
      got.push(`PUT clean ${who} → ${(await call(who, cleanAll, { method: 'PUT' })).status}`);
    }
    expect(got).toEqual(
      ['anonymous', 'deactivated', 'viewer', 'campaigner', 'admin'].flatMap((who) => {
        const refused = who === 'anonymous' || who === 'deactivated' ? 401 : who === 'admin' ? null : 403;
        // An admin's retry of a job that does not exist: Bull Board's own 404.
        return [
          `GET api ${who} → ${refused ?? 200}`,
          `GET asset ${who} → ${refused ?? 200}`,
          `PUT retry ${who} → ${refused ?? 404}`,
          `PUT clean ${who} → ${refused ?? 200}`,
        ];
      }),
    );
    // Read-mostly even for admins: pausing, emptying, adding, removing are refused, from another origin too.
    expect((await call('admin', `${env.baseUrl}/admin/queues/api/queues/deliveries/pause`, { method: 'PUT' })).status).toBe(403);
    expect((await call('admin', `${env.baseUrl}/admin/queues/api/queues/deliveries/empty`, { method: 'PUT' })).status).toBe(403);
    expect((await call('admin', `${env.baseUrl}/admin/queues/api/queues/deliveries/add`, { method: 'POST', body: '{}' })).status).toBe(403);
    expect((await call('admin', `${env.baseUrl}/admin/queues/api/queues/deliveries/some-job/clean`, { method: 'PUT' })).status).toBe(403);
    expect((await call('admin', cleanAll, { method: 'PUT', headers: { origin: 'https://evil.example' } })).status).toBe(403);
    const queues = (await (await call('admin', api)).json()) as { queues: { name: string }[] };
    expect(queues.queues.map((q) => q.name).sort()).toEqual(['deliveries', 'emails', 'maintenance', 'review', 'updates', 'webhooks']);
  });

  it('refuses a forged session cookie', async () => {
    const res = await fetch(`${env.baseUrl}/campaigns`, {
      headers: { cookie: 'authjs.session-token=forged.value.here' },
      redirect: 'manual',
    });
    expect(outcome(res)).toBe('redirect');
  });
});
