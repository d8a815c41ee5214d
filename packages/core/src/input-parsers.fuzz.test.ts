// Property-based drill of the input parsers every staff server action and public entry point
// goes through (issue 7 "Bad input"; docs/DESIGN.md invariant 7): whatever arrives, a parser either
// returns a value or reports a validation error with field keys — it never throws anything else.
import fc from 'fast-check';
import { z } from 'zod';
import { isAppError } from './errors';
import { campaignInputSchema } from './campaign-admin/campaign-input';
import { parseCampaignInput } from './campaign-admin/parse-campaign-input';
import { parseTargetInput, targetInputSchema } from './targets/target-input';
import { deliveryPolicyInputSchema } from './targets/update-delivery-policy';
import { signatureSelectionSchema } from './people/signature-selection';
import { signatureInputSchema, fieldErrorsFrom } from './signatures/signature-input';
import { parseOsdiSignature } from './osdi/parse-osdi-signature';

const runs: Record<string, number> = {};
afterAll(() => {
  console.log(`[fuzz] parser inputs: ${JSON.stringify(runs)}; total ${Object.values(runs).reduce((a, b) => a + b, 0)}`);
});

const HOSTILE = [
  '<script>alert(1)</script>',
  "'; DROP TABLE campaign; --",
  '\u0000',
  '\uD800',
  '\u202E',
  '👩🏽‍🚀',
  'e\u0301',
  '1e400',
  '-0',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom(...HOSTILE),
  fc.integer({ min: 100, max: 60_000 }).map((n) => 'z'.repeat(n)),
);
const anyValue = fc.oneof(
  { weight: 3, arbitrary: text },
  { weight: 2, arbitrary: fc.anything({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.bigInt() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }) },
);
/** An object with the schema's own keys (each maybe missing, hostile or wrong-typed) plus extras. */
function shaped(keys: string[], overrides: Record<string, fc.Arbitrary<unknown>> = {}) {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const k of keys) model[k] = fc.oneof({ weight: 3, arbitrary: overrides[k] ?? anyValue }, { weight: 1, arbitrary: anyValue });
  model.extra = anyValue;
  return fc.oneof({ weight: 4, arbitrary: fc.record(model, { requiredKeys: [] }) }, { weight: 1, arbitrary: fc.anything() });
}

function expectOnlyValidationFailures(name: string, parse: (v: unknown) => unknown, input: fc.Arbitrary<unknown>, numRuns: number) {
  fc.assert(
    fc.property(input, (value) => {
      runs[name] = (runs[name] ?? 0) + 1;
      try {
        parse(value);
      } catch (error) {
        if (isAppError(error) && error.code === 'validation') {
          expect(Object.keys(error.fields ?? {}).length).toBeGreaterThan(0);
          return;
        }
        throw new Error(`${name} threw ${String(error)} for ${fc.stringify(value).slice(0, 200)}`);
      }
    }),
    { numRuns },
  );
}

function safeParseNeverThrows(name: string, schema: z.ZodType, input: fc.Arbitrary<unknown>, numRuns: number) {
  fc.assert(
    fc.property(input, (value) => {
      runs[name] = (runs[name] ?? 0) + 1;
      const result = schema.safeParse(value);
      if (!result.success) expect(result.error.issues.length).toBeGreaterThan(0);
    }),
    { numRuns },
  );
}

const translation = shaped(['title', 'ask', 'body', 'summary'], { title: text, ask: text, body: text, summary: text });
const campaign = shaped(
  [
    'slug',
    'defaultLocale',
    'goal',
    'contactEmail',
    'requireConfirmation',
    'showRecentSigners',
    'includeEmailsInDeliveries',
    'translations',
    'sources',
  ],
  {
    slug: fc.oneof(text, fc.stringMatching(/^[a-z0-9-]{1,20}$/)),
    defaultLocale: fc.constantFrom('en', 'es', 'fr', ''),
    goal: fc.oneof(fc.integer(), fc.double(), text),
    translations: fc.record({ en: fc.oneof(translation, anyValue), es: fc.oneof(translation, anyValue) }, { requiredKeys: [] }),
    sources: fc.array(
      shaped(['citation', 'url'], { citation: text, url: fc.oneof(fc.webUrl(), text, fc.constantFrom('javascript:alert(1)', 'data:text/html,x')) }),
      { maxLength: 4 },
    ),
  },
);
const target = shaped(['title', 'givenName', 'familyName', 'organization', 'email', 'ocdDivisionId', 'postalCodes', 'timeZone'], {
  title: text,
  email: fc.oneof(fc.emailAddress(), text),
  ocdDivisionId: fc.oneof(fc.constant('ocd-division/country:us/state:ca'), text),
  postalCodes: fc.oneof(text, fc.array(text, { maxLength: 5 })),
  timeZone: fc.oneof(fc.constantFrom('America/Los_Angeles', 'Mars/Olympus', '', 'UTC'), text),
});
const policy = shaped(['milestones', 'scheduleCadence', 'scheduleTime', 'scheduleWeekday', 'constituentsOnly', 'manualEnabled'], {
  milestones: fc.oneof(text, fc.array(fc.oneof(fc.integer(), fc.double()), { maxLength: 40 }), fc.constant('100, 1_000, 1e3, -5')),
  scheduleCadence: fc.constantFrom('none', 'daily', 'weekly', 'hourly'),
  scheduleTime: fc.oneof(fc.constantFrom('09:00', '24:00', ''), text),
  scheduleWeekday: fc.oneof(fc.integer({ min: -2, max: 9 }), text),
});
const selection = shaped(['campaignId', 'ids', 'ipHash', 'emailDomain', 'from', 'to', 'statuses'], {
  campaignId: fc.oneof(fc.integer(), fc.double(), text),
  ids: fc.oneof(fc.array(fc.oneof(fc.bigInt(), fc.integer(), text, fc.double()), { maxLength: 5 }), anyValue),
  ipHash: fc.oneof(fc.stringMatching(/^[0-9a-f]{16,64}$/), text),
  emailDomain: fc.oneof(fc.domain(), text),
  from: fc.oneof(fc.date({ noInvalidDate: false }), text, fc.integer()),
  to: fc.oneof(fc.date({ noInvalidDate: false }), text, fc.double()),
  statuses: fc.oneof(fc.array(fc.constantFrom('pending', 'confirmed', 'fraudulent', 'deleted'), { maxLength: 3 }), anyValue),
});
const signature = shaped(['givenName', 'familyName', 'email', 'postalCode', 'country', 'comment', 'subscribe', 'locale', 'source', 'referrerCode'], {
  email: fc.oneof(fc.emailAddress(), text),
  postalCode: fc.oneof(fc.constantFrom('95112', 'SW1A 1AA'), text),
});

describe('staff and public input parsers never throw anything but a validation error', () => {
  it('campaign editor input (parseCampaignInput): value or AppError validation with field keys', () => {
    expectOnlyValidationFailures('campaign', (v) => parseCampaignInput(v as never), campaign, 2500);
    safeParseNeverThrows('campaignSafe', campaignInputSchema, campaign, 500);
  });

  it('target form input (parseTargetInput): value or AppError validation with field keys', () => {
    expectOnlyValidationFailures('target', (v) => parseTargetInput(v as never), target, 2500);
    safeParseNeverThrows('targetSafe', targetInputSchema, target, 500);
  });

  it('delivery policy input: safeParse never throws', () => {
    safeParseNeverThrows('policy', deliveryPolicyInputSchema, policy, 2500);
  });

  it('moderation selection: safeParse never throws; a selection without a narrowing criterion is refused', () => {
    safeParseNeverThrows('selection', signatureSelectionSchema, selection, 2500);
    fc.assert(
      fc.property(fc.integer({ min: 1 }), (campaignId) => {
        runs.selectionBroad = (runs.selectionBroad ?? 0) + 1;
        const r = signatureSelectionSchema.safeParse({ campaignId });
        expect(r.success).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('signature input and OSDI body: never throw; failures map to known field keys', () => {
    const keys = new Set(['required', 'too_long', 'invalid_email', 'invalid_postal_code', 'invalid_characters', 'invalid_value']);
    fc.assert(
      fc.property(signature, (v) => {
        runs.signature = (runs.signature ?? 0) + 1;
        const r = signatureInputSchema.safeParse(v);
        if (!r.success) for (const k of Object.values(fieldErrorsFrom(r.error))) expect(keys.has(k)).toBe(true);
      }),
      { numRuns: 2500 },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ person: signature }, { requiredKeys: [] })), (v) => {
        runs.osdi = (runs.osdi ?? 0) + 1;
        const r = parseOsdiSignature(v);
        if (!r.ok) for (const k of Object.values(r.fields)) expect(keys.has(k)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });
});
