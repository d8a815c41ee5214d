// Property-based drill of the API key forms' inputs (issue 13 "fast-check fuzzing of every new
// endpoint and form"): whatever reaches createApiKey or rotateApiKey, they either succeed or throw
// AppError `validation` with field keys — never anything else — and an input they refuse stores
// nothing (no key, no audit entry).
import fc from 'fast-check';
import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { isAppError } from '../errors';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { createApiKey, createApiKeyInputSchema } from './create-api-key';
import { rotateApiKey, rotateApiKeyInputSchema } from './rotate-api-key';

const t = useTestDatabase('api_key_fuzz');
let admin: StaffActor;
let campaignIds: number[];
let keyId: string;

beforeAll(async () => {
  admin = await createStaffActor(t.db, { email: 'fuzz-admin@org.example', role: 'admin' });
  campaignIds = [(await createCampaign(t.db)).id, (await createCampaign(t.db)).id];
  keyId = (await createApiKey(t.db, admin, { name: 'Fuzzed', scope: 'read' })).key.id;
});

const HOSTILE = ['<script>alert(1)</script>', "'; DROP TABLE api_key; --", '\u0000', '\uD800', '\u202E', '👩🏽‍🚀', '1e400', '-0', 'NaN', '__proto__'];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(...HOSTILE),
  fc.integer({ min: 90, max: 5_000 }).map((n) => 'k'.repeat(n)),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.bigInt() },
);
const number = fc.oneof(fc.integer(), fc.double(), fc.integer({ min: -5, max: 200_000 }).map(String), text);
const campaignId = () => fc.oneof(fc.constantFrom(...campaignIds), fc.constantFrom(...campaignIds).map(String), number, anyValue);

/** Create inputs: mostly the form's shape with each field plausible, hostile or wrong-typed; sometimes anything. */
const createInput = () =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record(
        {
          name: fc.oneof(fc.constantFrom('CRM sync', ' Action Network '), text, anyValue),
          scope: fc.oneof(fc.constantFrom('read', 'write', 'admin', ''), anyValue),
          campaignIds: fc.oneof(
            fc.array(campaignId(), { maxLength: 4 }),
            fc.array(fc.integer({ min: 1 }), { minLength: 99, maxLength: 102 }),
            anyValue,
          ),
          rateLimitPerMinute: fc.oneof(fc.constantFrom(1, 600, 100_000, 100_001, '600', ' 42 '), number, anyValue),
          extra: anyValue,
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: fc.anything() },
  );

const counts = async () => ({ keys: await t.db.apiKey.count(), audit: await t.db.auditLog.count() });

function onlyValidation(error: unknown, what: string, value: unknown): void {
  if (isAppError(error) && error.code === 'validation' && Object.keys(error.fields).length > 0) return;
  throw new Error(`${what} threw ${String(error)} for ${fc.stringify(value).slice(0, 200)}`);
}

describe('API key inputs under fuzzing', () => {
  it('the create and rotate schemas never throw on safeParse', () => {
    fc.assert(
      fc.property(createInput(), (v) => {
        createApiKeyInputSchema.safeParse(v);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.record({ keepPreviousHours: anyValue }), fc.anything()), (v) => {
        rotateApiKeyInputSchema.safeParse(v);
      }),
      { numRuns: 1000 },
    );
  });

  it('createApiKey: a key and one audit entry, or a validation error and nothing stored', async () => {
    let created = 0;
    await fc.assert(
      fc.asyncProperty(createInput(), async (value) => {
        const before = await counts();
        try {
          const { secret } = await createApiKey(t.db, admin, value);
          created += 1;
          expect(secret).toMatch(/^us_/);
          expect(await counts()).toEqual({ keys: before.keys + 1, audit: before.audit + 1 });
        } catch (error) {
          onlyValidation(error, 'createApiKey', value);
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
    // The arbitraries reach the success path too, not only refusals.
    expect(created).toBeGreaterThan(0);
  }, 120_000);

  it('rotateApiKey: a new secret, or a validation error and the key unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ keepPreviousHours: fc.oneof(fc.constantFrom(0, 24, '24', 1, -24), anyValue) }), fc.anything()),
        async (value) => {
          const before = await t.db.apiKey.findUniqueOrThrow({ where: { id: keyId } });
          const audit = await t.db.auditLog.count();
          try {
            await rotateApiKey(t.db, admin, keyId, value);
          } catch (error) {
            onlyValidation(error, 'rotateApiKey', value);
            expect(await t.db.apiKey.findUniqueOrThrow({ where: { id: keyId } })).toEqual(before);
            expect(await t.db.auditLog.count()).toBe(audit);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 120_000);
});
