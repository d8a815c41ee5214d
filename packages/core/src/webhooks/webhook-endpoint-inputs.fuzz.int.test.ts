// Property-based drill of the webhook endpoint form's inputs (issue 13 "fast-check fuzzing of every
// new endpoint and form"): whatever reaches createWebhookEndpoint, updateWebhookEndpoint or
// rotateWebhookSecret, they either succeed or throw AppError `validation` with field keys — never
// anything else — and an input they refuse stores nothing (no endpoint, no change, no audit entry).
import fc from 'fast-check';
import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { isAppError } from '../errors';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { createWebhookEndpoint } from './create-webhook-endpoint';
import { WEBHOOK_EVENT_TYPES } from './event-types';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { updateWebhookEndpoint } from './update-webhook-endpoint';
import { parseWebhookEndpointInput, webhookEndpointInputSchema } from './webhook-endpoint-input';

const t = useTestDatabase('webhook_endpoint_fuzz');
let admin: StaffActor;
let campaignIds: number[];
let endpointId: string;

/** No network: one public name, one that points inside, everything else does not resolve. */
const policy = {
  lookup: (host: string) =>
    host === 'hooks.crm.example'
      ? Promise.resolve(['93.184.216.34'])
      : host === 'internal.crm.example'
        ? Promise.resolve(['10.0.0.5'])
        : Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' })),
};

beforeAll(async () => {
  admin = await createStaffActor(t.db, { email: 'wh-fuzz-admin@org.example', role: 'admin' });
  campaignIds = [(await createCampaign(t.db)).id, (await createCampaign(t.db)).id];
  endpointId = (
    await createWebhookEndpoint(t.db, admin, { name: 'Fuzzed', url: 'https://hooks.crm.example/h', events: ['signature.created'] }, policy)
  ).endpoint.id;
});

const HOSTILE = [
  '<script>alert(1)</script>',
  "'; DROP TABLE webhook_endpoint; --",
  '\u0000',
  '\uD800',
  '\u202E',
  '👩🏽‍🚀',
  '1e400',
  '-0',
  'NaN',
  '__proto__',
];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...HOSTILE),
  fc.integer({ min: 95, max: 5_000 }).map((n) => 'w'.repeat(n)),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.bigInt() },
);
const url = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('https://hooks.crm.example/undersigned', 'http://93.184.216.34:8080/h?x=1', 'https://[2606:4700::1111]/h'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'http://10.0.0.5/h',
      'http://127.0.0.1/h',
      'http://[::1]/h',
      'http://169.254.169.254/latest',
      'https://internal.crm.example/h',
      'http://localhost:3000/h',
      'http://0x7f000001/h',
      'http://2130706433/h',
      'https://user:pass@hooks.crm.example/h',
      'javascript:alert(1)',
      'ftp://hooks.crm.example/h',
      'https://',
      ' https://hooks.crm.example/trimmed ',
    ),
  },
  { weight: 2, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.constant(`https://hooks.crm.example/${'p'.repeat(2_000)}`) },
  { weight: 2, arbitrary: anyValue },
);
const events = fc.oneof(
  { weight: 4, arbitrary: fc.subarray([...WEBHOOK_EVENT_TYPES]) },
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof(fc.constantFrom(...WEBHOOK_EVENT_TYPES, 'webhook.test', 'signature.deleted', ''), text), { maxLength: 20 }),
  },
  { weight: 1, arbitrary: anyValue },
);
const campaignId = () => fc.oneof(fc.constantFrom(...campaignIds), fc.constantFrom(...campaignIds).map(String), fc.integer(), fc.double(), text);

/** Endpoint inputs: mostly the form's shape with each field plausible, hostile or wrong-typed; sometimes anything. */
const endpointInput = () =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record(
        {
          name: fc.oneof(fc.constantFrom('Action Network', '  CiviCRM  ', ''), text, anyValue),
          url,
          events,
          campaignIds: fc.oneof(
            fc.array(campaignId(), { maxLength: 4 }),
            fc.array(fc.integer({ min: 1 }), { minLength: 499, maxLength: 502 }),
            anyValue,
          ),
          includePerson: fc.oneof(fc.boolean(), anyValue),
          extra: anyValue,
        },
        { requiredKeys: [] },
      ),
    },
    // Mostly valid, so the success path is drilled too (hostile but acceptable names, filters).
    {
      weight: 2,
      arbitrary: fc.record({
        name: fc.oneof(fc.constantFrom('Action Network', '<b>CRM</b>', "O'Brien; DROP", '👩🏽‍🚀 sync'), fc.string({ minLength: 1, maxLength: 30 })),
        url: fc.constantFrom('https://hooks.crm.example/undersigned', 'http://93.184.216.34:8080/h?x=1'),
        events: fc.subarray([...WEBHOOK_EVENT_TYPES], { minLength: 1 }),
        campaignIds: fc.subarray(campaignIds),
        includePerson: fc.boolean(),
      }),
    },
    { weight: 1, arbitrary: fc.anything() },
  );

const counts = async () => ({ endpoints: await t.db.webhookEndpoint.count(), audit: await t.db.auditLog.count() });

function onlyValidation(error: unknown, what: string, value: unknown): void {
  if (isAppError(error) && error.code === 'validation' && Object.keys(error.fields).length > 0) return;
  throw new Error(`${what} threw ${String(error)} for ${fc.stringify(value).slice(0, 200)}`);
}

describe('webhook endpoint inputs under fuzzing', () => {
  it('the schema never throws on safeParse, and the parser throws only validation errors', () => {
    fc.assert(
      fc.property(endpointInput(), (v) => {
        webhookEndpointInputSchema.safeParse(v);
        try {
          parseWebhookEndpointInput(v);
        } catch (error) {
          onlyValidation(error, 'parseWebhookEndpointInput', v);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('createWebhookEndpoint: an endpoint and one audit entry, or a validation error and nothing stored', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(endpointInput(), async (value) => {
        const before = await counts();
        try {
          const { secret } = await createWebhookEndpoint(t.db, admin, value as Record<string, unknown>, policy);
          created += 1;
          expect(secret).toMatch(/^whsec_/);
          expect(await counts()).toEqual({ endpoints: before.endpoints + 1, audit: before.audit + 1 });
        } catch (error) {
          onlyValidation(error, 'createWebhookEndpoint', value);
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
    expect(created).toBeGreaterThan(0);
  }, 120_000);

  it('updateWebhookEndpoint: saved and audited, or a validation error and the endpoint unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(endpointInput(), async (value) => {
        const before = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
        const audit = await t.db.auditLog.count();
        try {
          await updateWebhookEndpoint(t.db, admin, endpointId, value as Record<string, unknown>, policy);
          expect(await t.db.auditLog.count()).toBe(audit + 1);
        } catch (error) {
          onlyValidation(error, 'updateWebhookEndpoint', value);
          expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toEqual(before);
          expect(await t.db.auditLog.count()).toBe(audit);
        }
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('rotateWebhookSecret: a new secret, or a validation error and the secrets unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ keepPreviousHours: fc.oneof(fc.constantFrom(0, 24, '24', 1, -24, 24.5), anyValue) }), fc.anything()),
        async (value) => {
          const before = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } });
          const audit = await t.db.auditLog.count();
          try {
            // As the staff action would never send it: the verb's own check is what is drilled.
            await rotateWebhookSecret(t.db, admin, endpointId, value as { keepPreviousHours: 0 | 24 });
          } catch (error) {
            onlyValidation(error, 'rotateWebhookSecret', value);
            expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId } })).toEqual(before);
            expect(await t.db.auditLog.count()).toBe(audit);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
