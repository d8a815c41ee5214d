import { requestIdFrom } from './request-id';
import { routeConsoleTo } from './route-console';
import { captureLogger } from './testing';

const capture = (level: 'info' | 'debug' = 'info') => captureLogger(level);

describe('createLogger', () => {
  it('writes one JSON object per line with level name, ISO time, service and msg', () => {
    const { logger, lines } = capture();
    logger.info({ batchId: 'b-1', size: 3 }, 'sign batch committed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', service: 'test', msg: 'sign batch committed', batchId: 'b-1', size: 3 });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
  });

  it('leaves out lines below LOG_LEVEL', () => {
    const { logger, lines } = capture('info');
    logger.debug('hidden');
    logger.warn('shown');
    expect(lines.map((l) => l.msg)).toEqual(['shown']);
  });

  it('redacts personal data and secrets at the top level and nested, in child bindings too', () => {
    const { logger, raw } = capture();
    logger.child({ ip: '203.0.113.77' }).info(
      {
        email: 'ana.redact@example.org',
        signer: { first_name: 'Anastasia', family_name: 'Quintanilla', address: '17 Rue Redact' },
        rows: [{ email: 'row.redact@example.org', name: 'Row Person' }],
        headers: { authorization: 'Bearer sekrit-token', cookie: 'session=abc' },
        body: '{"email":"body.redact@example.org"}',
        token: 'confirm-token-xyz',
      },
      'x',
    );
    const line = raw.join('\n');
    for (const secret of [
      'ana.redact@example.org',
      'Anastasia',
      'Quintanilla',
      '17 Rue Redact',
      'row.redact@example.org',
      'Row Person',
      'sekrit-token',
      'session=abc',
      'body.redact@example.org',
      'confirm-token-xyz',
      '203.0.113.77',
    ]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });

  it('logs an error as type, message, code and stack: never its other properties, and no email address in its text', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('duplicate key for ana.err@example.org'), {
      code: '23505',
      detail: 'Key (canonical_email)=(ana.err@example.org) already exists.',
      meta: { body: 'raw request body' },
    });
    logger.error({ err: error, reqId: 'r-1' }, 'signing failed');
    const err = lines[0]!.err as Record<string, unknown>;
    expect(err).toMatchObject({ type: 'Error', message: 'duplicate key for [email]', code: '23505' });
    expect(Object.keys(err).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(lines[0])).not.toContain('ana.err@example.org');
    expect(JSON.stringify(lines[0])).not.toContain('raw request body');
  });

  it('keeps an SMTP reply code and scrubs the recipient from the reply', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <o@city.example>: no such user"), {
      responseCode: 550,
      response: '550 5.1.1 <o@city.example>: no such user',
    });
    logger.warn({ err: error }, 'smtp refused');
    expect(lines[0]!.err).toMatchObject({ responseCode: 550 });
    expect(JSON.stringify(lines[0])).not.toContain('o@city.example');
  });
});

describe('routeConsoleTo', () => {
  it('turns what libraries print into JSON lines: colors stripped, email addresses scrubbed, an error as err', () => {
    const saved = { ...console };
    const { logger, lines } = capture();
    try {
      routeConsoleTo(logger);
      console.log('\x1b[32m✓\x1b[39m Ready in %d ms', 12);
      console.error('failed for', 'ana.console@example.org', Object.assign(new Error('boom'), { detail: 'secret detail' }));
    } finally {
      Object.assign(console, saved);
    }
    expect(lines[0]).toMatchObject({ level: 'info', component: 'console', msg: '✓ Ready in 12 ms' });
    expect(lines[1]).toMatchObject({ level: 'error', msg: 'failed for [email]', err: expect.objectContaining({ message: 'boom' }) });
    expect(JSON.stringify(lines)).not.toContain('secret detail');
  });
});

describe('requestIdFrom', () => {
  it("keeps the proxy's id when it is a sane token", () => {
    expect(requestIdFrom('req-42.a:b_C')).toBe('req-42.a:b_C');
  });

  it('replaces a missing, empty, too long or unsafe id with a new UUID', () => {
    for (const bad of [undefined, null, '', 'x'.repeat(65), 'has space', 'quote"', 'line\nbreak', '<script>']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
