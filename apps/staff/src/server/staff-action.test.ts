import { z } from 'zod';
import { AppError, type StaffAction, type StaffActor } from '@undersigned/core';
import { redirect } from 'next/navigation';
import { repeated, staffAction, staffCall } from './staff-action';

// The session is next-auth's (a cookie, a request): these tests stand in for it with a caller
// who either has the permission or is refused the way requireStaff refuses (it throws Next's
// redirect or 403 signal). e2e/staff-actions.spec.ts calls the real actions over HTTP.
const ADMIN: StaffActor = { id: 'u1', email: 'admin@org.example', name: 'Ada', role: 'admin', active: true };
let allowed = true;
const asked: StaffAction[] = [];
jest.mock('./current-staff', () => ({
  requireStaff: jest.fn((permission: StaffAction) => {
    asked.push(permission);
    if (!allowed) throw new Error('NEXT_HTTP_ERROR_FALLBACK;403');
    return Promise.resolve(ADMIN);
  }),
}));
// The real module (core builds Prisma.sql fragments at import), with a stand-in for the database.
jest.mock('@undersigned/db', () => ({ ...jest.requireActual<object>('@undersigned/db'), getDb: () => ({ the: 'db' }) }));

beforeEach(() => {
  allowed = true;
  asked.length = 0;
});

function form(entries: [string, string | Blob][]): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const pair = z.object({ campaignId: z.coerce.number().int().positive(), note: z.string().optional() });

describe('staffAction (form actions)', () => {
  it('checks the permission before reading anything: a refused caller never reaches the body, whatever it sends', async () => {
    const body = jest.fn();
    const action = staffAction('target.edit', pair, body);
    allowed = false;
    for (const sent of [form([['campaignId', '7']]), 'not a form' as unknown as FormData]) {
      await expect(action({}, sent)).rejects.toThrow('403');
    }
    expect(asked).toEqual(['target.edit', 'target.edit']);
    expect(body).not.toHaveBeenCalled();
  });

  it('passes the parsed fields, the actor and the database to the body and answers with what it returns', async () => {
    const action = staffAction('target.edit', pair, (input, ctx) =>
      Promise.resolve({ ok: true, message: JSON.stringify({ input, actor: ctx.actor.id, db: ctx.db }) }),
    );
    const state = await action(
      {},
      form([
        ['campaignId', '7'],
        ['note', 'hi'],
      ]),
    );
    expect(JSON.parse(state.message!)).toEqual({ input: { campaignId: 7, note: 'hi' }, actor: 'u1', db: { the: 'db' } });
  });

  it('answers a non-form argument with INVALID_REQUEST and fields that do not parse with the form’s own message', async () => {
    const body = jest.fn();
    const action = staffAction('target.edit', pair, body, { invalid: { ok: false, message: 'Choose a target.' } });
    expect(await action({}, 'x' as unknown as FormData)).toEqual({ ok: false, message: 'Invalid request.' });
    expect(await action({}, form([['campaignId', 'abc']]))).toEqual({ ok: false, message: 'Choose a target.' });
    // A field sent twice is not what our forms send: refused, not "last one wins".
    expect(
      await action(
        {},
        form([
          ['campaignId', '7'],
          ['campaignId', '8'],
        ]),
      ),
    ).toEqual({ ok: false, message: 'Choose a target.' });
    expect(body).not.toHaveBeenCalled();
  });

  it('treats blank fields as absent, keeps repeated checkboxes as a list and files as files', async () => {
    const schema = z.object({ note: z.string().optional(), ids: repeated(z.array(z.string())).optional(), file: z.instanceof(File).optional() });
    let got: unknown;
    const action = staffAction('signature.moderate', schema, (input) => {
      got = input;
      return Promise.resolve({ ok: true });
    });
    await action(
      {},
      form([
        ['note', ''],
        ['ids', '1'],
      ]),
    );
    expect(got).toEqual({ ids: ['1'] });
    const file = new File([new Uint8Array([1, 2])], 'a.png');
    await action(
      {},
      form([
        ['ids', '1'],
        ['ids', '2'],
        ['file', file],
      ]),
    );
    expect(got).toEqual({ ids: ['1', '2'], file: expect.any(File) });
  });

  it('turns an AppError from core into the message and translated field errors; rethrows redirects and anything else', async () => {
    const failing = (error: Error) => staffAction('target.edit', pair, () => Promise.reject(error));
    expect(await failing(new AppError('validation', 'Check the form.', { email: 'invalid_email' }))({}, form([['campaignId', '1']]))).toEqual({
      ok: false,
      message: 'Check the form.',
      fields: { email: 'Enter a valid email address.' },
    });
    const redirecting = staffAction('target.edit', pair, () => redirect('/targets?saved=1'));
    await expect(redirecting({}, form([['campaignId', '1']]))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
    await expect(failing(new Error('database down'))({}, form([['campaignId', '1']]))).rejects.toThrow('database down');
  });
});

describe('staffCall (actions called with arguments)', () => {
  const check = staffCall(
    (id) => (id === null ? 'campaign.create' : 'campaign.edit'),
    z.tuple([z.number().int().positive().nullable(), z.string().max(5)]),
    ([id, text]) => Promise.resolve(`${id}:${text}`),
    { invalid: 'invalid', mapError: () => 'failed' },
  );

  it('reads the permission from the raw arguments, then validates the argument list', async () => {
    expect(await check(null, 'abc')).toBe('null:abc');
    expect(await check(3, 'abc')).toBe('3:abc');
    expect(asked).toEqual(['campaign.create', 'campaign.edit']);
    expect(await check(3, 'too long')).toBe('invalid');
    expect(await (check as (...args: unknown[]) => Promise<string>)('3', 'abc')).toBe('invalid');
  });

  it('refuses before validating', async () => {
    allowed = false;
    await expect((check as (...args: unknown[]) => Promise<string>)({ hostile: true })).rejects.toThrow('403');
  });
});
