// Property-based bad-input drill for the public sign endpoint (issue 7, "Bad input";
// docs/DESIGN.md invariants 6 and 7). fast-check generates OSDI JSON bodies, urlencoded/multipart forms, wrong
// JSON types, hostile Unicode, markup and SQL in every field, huge bodies and wrong content types,
// and drives them through handleSignPost (the production fast path) and the route handlers of the
// public GETs, against a real Postgres (group commit via the batcher) and Redis.
//
// Every property uses an oracle built from core's own schemas (parseOsdiSignature +
// signatureInputSchema): invalid → 4xx with field errors and the signature table unchanged;
// valid → stored exactly as normalised. No answer is ever 5xx.
import fc from 'fast-check';
import { parseOsdiSignature, signatureInputSchema } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
let endpoint: typeof import('./sign-endpoint');
let routes: {
  collection: typeof import('@/app/api/v1/petitions/route');
  petition: typeof import('@/app/api/v1/petitions/[slug]/route');
  count: typeof import('@/app/api/v1/petitions/[slug]/count/route');
  signatures: typeof import('@/app/api/v1/petitions/[slug]/signatures/route');
};
let slug: string;
let campaignId: number;
/** Generated inputs run, per property, printed at the end. */
const runs: Record<string, number> = {};

beforeAll(async () => {
  t = await startWebTestApp('web_fuzz', {
    // This file is about input, not floods (web-security covers those with the default limits).
    SIGN_LIMIT_PER_IP_SUSPICIOUS: '1000000',
    SIGN_LIMIT_PER_IP_BLOCK: '2000000',
    SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS: '1000000',
    SIGN_LIMIT_PER_DOMAIN_BLOCK: '2000000',
  });
  endpoint = await import('./sign-endpoint');
  routes = {
    collection: await import('@/app/api/v1/petitions/route'),
    petition: await import('@/app/api/v1/petitions/[slug]/route'),
    count: await import('@/app/api/v1/petitions/[slug]/count/route'),
    signatures: await import('@/app/api/v1/petitions/[slug]/signatures/route'),
  };
  const c = await createCampaign(t.db);
  slug = c.slug;
  campaignId = c.id;
});

afterAll(async () => {
  console.log(`[fuzz] generated inputs per property: ${JSON.stringify(runs)}; total ${Object.values(runs).reduce((a, b) => a + b, 0)}`);
  await t.close();
});

// ---------- generators ----------

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE signature; --",
  "' OR '1'='1",
  '\u0000',
  '\uD800',
  '\uDC00x',
  '\u202Eevil\u202C',
  '\u200F\u200E',
  '👩🏽‍🚀',
  'e\u0301\u0301\u0301',
  'ﷺ',
  '\u2028\u2029',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%00%0d%0a',
  '\r\nSet-Cookie: x=1',
  'null',
  'undefined',
  'NaN',
];

/** Strings a hostile client might send in any text field. */
const nasty = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('a', '\u0000', '\uD83D', '\u202E', '<', "'", ' '), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 90, max: 400 }).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE)).map(([a, b]) => a + b) },
);

/** Any JSON value, used where a string belongs (wrong types). */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

const asText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const fieldValue = fc.oneof({ weight: 6, arbitrary: nasty }, { weight: 1, arbitrary: wrongType });
/** A field that may be absent (undefined → the key is dropped by JSON.stringify). */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 6 });

let uniq = 0;
const validEmail = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('example.net', 'Example.ORG', 'mail.example.com'))
  .map(([local, domain]) => `${local}.${process.pid}.${(uniq += 1)}@${domain}`);
const validPostal = fc.constantFrom('95112', '10001', 'SW1A 1AA', '95112-1234', '  94103 ');

/** An OSDI body where each field is either valid or hostile, keys sometimes missing or extra. */
const randomOsdiBody = fc.record(
  {
    person: fc.record(
      {
        given_name: fc.oneof(nasty, fieldValue),
        family_name: fc.oneof(nasty, fieldValue),
        email_addresses: fc.oneof(
          fc.tuple(fc.oneof(validEmail, fieldValue)).map(([address]) => [{ address }]),
          wrongType,
          fc.constant([]),
        ),
        postal_addresses: fc.oneof(
          fc.tuple(fc.oneof(validPostal, fieldValue), maybe(fieldValue)).map(([postal_code, country]) => [{ postal_code, country }]),
          wrongType,
        ),
        languages_spoken: maybe(fc.oneof(fc.constant(['es']), wrongType)),
        extra_field: maybe(fieldValue),
      },
      { requiredKeys: [] },
    ),
    comments: maybe(fieldValue),
    add_to_list: maybe(fc.oneof(fc.boolean(), wrongType)),
    referrer_data: maybe(fc.oneof(fc.record({ source: maybe(fieldValue), referrer: maybe(fieldValue) }), wrongType)),
  },
  { requiredKeys: [] },
);

/** A valid body with zero or one field replaced by a hostile value, wrong type, or removed. */
const mutatedOsdiBody = fc
  .record({
    given: fc.stringMatching(/^[A-Za-zÁ-ú' -]{1,30}$/),
    family: fc.stringMatching(/^[A-Za-z' -]{1,30}$/),
    email: validEmail,
    postal: validPostal,
    mutate: fc.constantFrom('none', 'given_name', 'family_name', 'email', 'postal', 'comments', 'add_to_list', 'referrer', 'drop_person_key'),
    value: fc.option(fieldValue, { nil: undefined, freq: 8 }),
  })
  .map(({ given, family, email, postal, mutate, value }) => {
    const person: Record<string, unknown> = {
      given_name: given,
      family_name: family,
      email_addresses: [{ address: email }],
      postal_addresses: [{ postal_code: postal }],
    };
    const body: Record<string, unknown> = { person };
    if (mutate === 'given_name' || mutate === 'family_name') person[mutate] = value;
    if (mutate === 'email') person.email_addresses = [{ address: value }];
    if (mutate === 'postal') person.postal_addresses = [{ postal_code: value }];
    if (mutate === 'comments') body.comments = value;
    if (mutate === 'add_to_list') body.add_to_list = value;
    if (mutate === 'referrer') body.referrer_data = { source: value, referrer: value };
    if (mutate === 'drop_person_key') delete person[['given_name', 'family_name', 'email_addresses', 'postal_addresses'][given.length % 4]!];
    return body;
  });

const osdiBody = fc.oneof({ weight: 1, arbitrary: randomOsdiBody }, { weight: 1, arbitrary: mutatedOsdiBody });

/** A body that passes every rule but carries markup, RTL, emoji, combining marks in the names. */
const validButHostileBody = fc
  .record({
    given: fc.oneof(
      fc.constantFrom(
        '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>',
        "O'Brien; DROP TABLE person;--",
        'José',
        'e\u0301mile',
        '\u202Eanna',
        '👩🏽‍🚀 Ada',
        'محمد',
        'ゆき',
      ),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 50 }).filter((s) => s.trim().length > 0),
    ),
    family: fc.constantFrom('<b>Ruiz</b>', "D'Angelo", 'Nguyễn', '\u200FCohen', '&amp;lt;', 'Smith'),
    email: validEmail,
    postal: validPostal,
    comment: fc.constantFrom('', '<iframe src=javascript:alert(1)>', 'Sí, se puede ✊'),
  })
  .map((v) => ({
    person: {
      given_name: v.given,
      family_name: v.family,
      email_addresses: [{ address: v.email }],
      postal_addresses: [{ postal_code: v.postal }],
    },
    comments: v.comment,
  }));

// ---------- oracle and helpers ----------

type Verdict = { valid: true; givenName: string } | { valid: false };

function oracle(body: unknown): Verdict {
  const osdi = parseOsdiSignature(body, 'en');
  if (!osdi.ok) return { valid: false };
  const parsed = signatureInputSchema.safeParse(osdi.input);
  return parsed.success ? { valid: true, givenName: parsed.data.givenName } : { valid: false };
}

let ipCounter = 0;
const nextIp = () => {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

const rowCount = () => t.db.signature.count({ where: { campaignId } });

function expectNot5xx(status: number, what: unknown) {
  if (status >= 500) throw new Error(`5xx (${status}) for ${JSON.stringify(what).slice(0, 300)}`);
}

async function expectStoredAnswer(res: { status: number; body: unknown }, givenName: string) {
  expect(res.status).toBe(200);
  const body = res.body as { identifiers: string[] };
  const shareCode = body.identifiers[0]!.replace('undersigned_share:', '');
  // Every generated valid email is new, so this is a first signature storing exactly this name.
  const row = await t.db.signature.findFirstOrThrow({ where: { shareCode } });
  expect(row.campaignId).toBe(campaignId);
  expect(row.givenName).toBe(givenName);
  expect(JSON.stringify(res.body)).not.toMatch(/@example|@mail\./i);
}

const NUM = { osdi: 3000, hostileValid: 400, wrongJson: 1500, form: 2000, multipart: 400, contentType: 800, gets: 2000, huge: 30 };

// ---------- properties ----------

describe('sign endpoint under generated bad input (fast-check)', () => {
  // Every property runs hundreds of requests against a real database: on a box busy with other
  // work (a CI run beside a build) one went past jest's 30 s; the properties themselves are unchanged.
  jest.setTimeout(120_000);

  it('OSDI JSON: invalid → 400 with field errors and nothing stored; valid → 200 and stored; never 5xx', async () => {
    let valid = 0;
    await fc.assert(
      fc.asyncProperty(osdiBody, async (body) => {
        runs.osdi = (runs.osdi ?? 0) + 1;
        const verdict = oracle(body);
        const before = verdict.valid ? 0 : await rowCount();
        const res = await endpoint.handleSignPost({ slug, contentType: 'application/json', body: JSON.stringify(body), ip: nextIp(), locale: null });
        expectNot5xx(res.status, body);
        if (verdict.valid) {
          valid += 1;
          await expectStoredAnswer(res, verdict.givenName);
        } else {
          expect(res.status).toBe(400);
          const answer = res.body as { error: string; fields: Record<string, string> };
          expect(answer.error).toBe('validation');
          expect(Object.keys(answer.fields).length).toBeGreaterThan(0);
          for (const message of Object.values(answer.fields)) expect(message).toMatch(/\w{3}/);
          expect(await rowCount()).toBe(before);
        }
      }),
      { numRuns: NUM.osdi },
    );
    console.log(`[fuzz] osdi: ${valid} of ${NUM.osdi} generated bodies were valid`);
    expect(valid).toBeGreaterThan(NUM.osdi / 10);
  });

  it('valid signatures with markup, RTL, emoji and combining marks are stored NFC-normalised, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(validButHostileBody, async (body) => {
        runs.hostileValid = (runs.hostileValid ?? 0) + 1;
        const res = await endpoint.handleSignPost({ slug, contentType: 'application/json', body: JSON.stringify(body), ip: nextIp(), locale: 'es' });
        const verdict = oracle(body);
        expect(verdict.valid).toBe(true);
        expect(res.status).toBe(200);
        const shareCode = (res.body as { identifiers: string[] }).identifiers[0]!.split(':')[1]!;
        const row = await t.db.signature.findFirstOrThrow({ where: { shareCode } });
        expect(row.givenName).toBe(verdict.valid ? verdict.givenName : '');
      }),
      { numRuns: NUM.hostileValid },
    );
  });

  it('bodies that are not JSON objects (garbage text, arrays, scalars, truncated JSON) → 400 and nothing stored', async () => {
    const before = await rowCount();
    const garbage = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
      osdiBody.map((b) => JSON.stringify(b).slice(0, -1)),
      fc.constantFrom('', ' ', 'null', '[]', '"x"', '{"person":null}', '{"__proto__":{"person":1}}', '\uFEFF{}'),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (text) => {
        runs.wrongJson = (runs.wrongJson ?? 0) + 1;
        const res = await endpoint.handleSignPost({ slug, contentType: 'application/json', body: text, ip: nextIp(), locale: null });
        expectNot5xx(res.status, text);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          expect(res.status).toBe(400);
          expect((res.body as { error: string }).error).toBe('invalid_json');
          return;
        }
        if (!oracle(parsed).valid) expect(res.status).toBe(400);
      }),
      { numRuns: NUM.wrongJson },
    );
    expect(await rowCount()).toBe(before);
  });

  it('urlencoded form: invalid → 303 back to the form (#sign) and nothing stored; valid → 303 to thanks; never 5xx', async () => {
    const formFields = fc.record(
      {
        givenName: fieldValue.map(asText),
        familyName: fieldValue.map(asText),
        email: fc.oneof(validEmail, nasty),
        postalCode: fc.oneof(validPostal, nasty),
        comment: nasty,
        subscribe: fc.constantFrom('on', 'true', '1', '<x>'),
        locale: fc.constantFrom('en', 'es', '<script>', ''),
        source: nasty,
        ref: nasty,
        website: fc.constantFrom('', 'http://spam.example'),
        unexpected: nasty,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(formFields, async (fields) => {
        runs.form = (runs.form ?? 0) + 1;
        const before = await rowCount();
        const res = await endpoint.handleSignPost({
          slug,
          contentType: 'application/x-www-form-urlencoded; charset=utf-8',
          body: new URLSearchParams(fields).toString(),
          ip: nextIp(),
          locale: null,
        });
        expectNot5xx(res.status, fields);
        expect(res.status).toBe(303);
        const location = new URL(res.headers.Location!);
        expect(location.origin).toBe('https://petitions.example');
        if (location.pathname.endsWith('/thanks')) {
          expect(await rowCount()).toBeGreaterThanOrEqual(before);
        } else {
          expect(location.hash).toBe('#sign');
          expect(await rowCount()).toBe(before);
        }
      }),
      { numRuns: NUM.form },
    );
  });

  it('multipart bodies (well-formed and broken) → never 5xx; unreadable → 400 invalid_body', async () => {
    const before = await rowCount();
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), fc.boolean(), async (text, withBoundary) => {
        runs.multipart = (runs.multipart ?? 0) + 1;
        const contentType = withBoundary ? 'multipart/form-data; boundary=XyZ' : 'multipart/form-data';
        const body = withBoundary ? `--XyZ\r\nContent-Disposition: form-data; name="givenName"\r\n\r\n${text}\r\n--XyZ--\r\n` : text;
        const res = await endpoint.handleSignPost({ slug, contentType, body, ip: nextIp(), locale: null });
        expectNot5xx(res.status, text);
        expect([303, 400]).toContain(res.status);
      }),
      { numRuns: NUM.multipart },
    );
    expect(await rowCount()).toBe(before);
  });

  it('wrong or hostile content types with OSDI bodies → never 5xx and the JSON oracle holds', async () => {
    const contentType = fc.oneof(
      fc.constantFrom(
        '',
        'text/plain',
        'application/xml',
        'application/json; charset=latin1',
        'APPLICATION/JSON',
        'image/png',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=',
      ),
      fc.string({ unit: 'binary', maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(contentType, osdiBody, async (type, body) => {
        runs.contentType = (runs.contentType ?? 0) + 1;
        const before = await rowCount();
        const res = await endpoint.handleSignPost({ slug, contentType: type, body: JSON.stringify(body), ip: nextIp(), locale: null });
        expectNot5xx(res.status, { type, body });
        const isForm = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type);
        // A JSON body read as a form has no fields: the form redirect (303) or an unreadable form (400).
        if (isForm) expect([303, 400]).toContain(res.status);
        if (isForm || !oracle(body).valid) expect(await rowCount()).toBe(before);
      }),
      { numRuns: NUM.contentType },
    );
  });

  it('huge bodies through the route handler → 413 before parsing; overlong fields → 400 too_long; nothing stored', async () => {
    const before = await rowCount();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 17_000, max: 2_000_000 }), fc.constantFrom('json', 'form'), async (size, kind) => {
        runs.huge = (runs.huge ?? 0) + 1;
        const filler = 'A'.repeat(size);
        const body =
          kind === 'json'
            ? JSON.stringify({
                person: {
                  given_name: filler,
                  family_name: 'R',
                  email_addresses: [{ address: 'a@example.net' }],
                  postal_addresses: [{ postal_code: '95112' }],
                },
              })
            : `givenName=${filler}&familyName=R&email=a%40example.net&postalCode=95112`;
        const res = await routes.signatures.POST(
          new Request(`https://petitions.example/api/v1/petitions/${slug}/signatures`, {
            method: 'POST',
            headers: { 'content-type': kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', 'x-forwarded-for': nextIp() },
            body,
          }),
          { params: Promise.resolve({ slug }) },
        );
        expect(res.status).toBe(413);
        // The same field just over its limit, straight to the handler: a field error, not a 5xx.
        const direct = await endpoint.handleSignPost({
          slug,
          contentType: 'application/json',
          body: body.replace(filler, filler.slice(0, 101)),
          ip: nextIp(),
          locale: null,
        });
        if (kind === 'json') {
          expect(direct.status).toBe(400);
          expect((direct.body as { fields: Record<string, string> }).fields['person.given_name']).toBeDefined();
        }
      }),
      { numRuns: NUM.huge },
    );
    expect(await rowCount()).toBe(before);
  });

  it('GET collection / single / count with generated slugs and query strings → never 5xx; unknown slugs 404; JSON always', async () => {
    const slugArb = fc.oneof(
      fc.constant(() => slug),
      nasty.map((s) => () => s),
      fc.stringMatching(/^[a-z0-9-]{1,80}$/).map((s) => () => s),
    );
    const queryArb = fc.dictionary(fc.constantFrom('page', 'per_page', 'locale', 'x', '__proto__'), fc.oneof(nasty, fc.integer().map(String)), {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(slugArb, queryArb, fc.constantFrom('collection', 'petition', 'count'), async (slugOf, query, which) => {
        runs.gets = (runs.gets ?? 0) + 1;
        const s = slugOf();
        const qs = new URLSearchParams(query).toString();
        // The handlers read the slug from params (Next decodes the path); the URL carries the query.
        const url = `https://petitions.example/api/v1/petitions${which === 'collection' ? '' : '/p'}${which === 'count' ? '/count' : ''}?${qs}`;
        const params = { params: Promise.resolve({ slug: s }) };
        const res =
          which === 'collection'
            ? await routes.collection.GET(new Request(url))
            : which === 'petition'
              ? await routes.petition.GET(new Request(url), params)
              : await routes.count.GET(new Request(url), params);
        expectNot5xx(res.status, { url });
        expect(res.headers.get('content-type')).toMatch(/json/);
        const text = await res.text();
        expect(() => JSON.parse(text)).not.toThrow();
        if (which !== 'collection') expect(res.status).toBe(s === slug ? 200 : 404);
        else expect(res.status).toBe(200);
        // Nothing signer-identifying ever leaves these endpoints.
        expect(text).not.toMatch(/@example\.|ip_?hash|canonical/i);
      }),
      { numRuns: NUM.gets },
    );
  });
});
