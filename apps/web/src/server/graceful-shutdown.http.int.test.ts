// Graceful shutdown of the production server (server.ts, SHUTDOWN_DRAIN_MS; apps/web/README.md):
// SIGTERM in the middle of a burst of signing. Needs a production build of apps/web (`npm run
// build -w @undersigned/web`); skipped otherwise. Drill 9 does the same behind nginx under load.
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '@undersigned/core/testing';
import { sleep, startWebServer, testEnv, type WebServer } from '@undersigned/testing';

const WEB = path.resolve(__dirname, '..', '..');
const built = existsSync(path.join(WEB, '.next', 'BUILD_ID'));
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn('[graceful-shutdown] SKIPPED: no production build at apps/web/.next (run `npm run build -w @undersigned/web`)');

const DRAIN_MS = 3_000;
/** One client address and one email domain sign thousands of times here. */
const LIMITS_LIFTED = {
  SIGN_LIMIT_PER_IP_SUSPICIOUS: '1000000',
  SIGN_LIMIT_PER_IP_BLOCK: '1000001',
  SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS: '1000000',
  SIGN_LIMIT_PER_DOMAIN_BLOCK: '1000001',
};
let server: WebServer | undefined;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  error?: string;
}

function signOnce(agent: http.Agent, url: string, slug: string, email: string): Promise<Answer> {
  const body = JSON.stringify({
    person: { given_name: 'Ana', family_name: 'García', email_addresses: [{ address: email }], postal_addresses: [{ postal_code: '95112' }] },
  });
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/api/v1/petitions/${slug}/signatures`,
      { agent, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: e.message }));
    req.end(body);
  });
}

describeBuilt('graceful shutdown of server.ts (production build)', () => {
  const t = useTestDatabase('web_graceful_shutdown', { beforeDrop: () => server?.stop() });

  it('on SIGTERM during a burst of signing answers what is under way (every 2xx a committed row) and exits 0 within SHUTDOWN_DRAIN_MS', async () => {
    const { slug, id } = await createCampaign(t.db, { goal: 100_000 });
    server = await startWebServer({
      env: testEnv({ databaseUrl: t.url, label: 'web_graceful_shutdown', overrides: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS), ...LIMITS_LIFTED } }),
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 40 });
    const answers: { answer: Answer }[] = [];
    let sigtermAt = 0;
    let n = 0;
    const clients = Array.from({ length: 40 }, async () => {
      // Each client signs until the server is gone (a refused connection: nobody listens any more).
      for (;;) {
        n += 1;
        const answer = await signOnce(agent, server!.url, slug, `drain.${n}@example.org`);
        answers.push({ answer });
        if (answer.status === 0 && sigtermAt > 0) return;
        if (answer.status === 503) await sleep(50);
      }
    });
    await sleep(1_500);
    // One request under way across the signal: its body arrives after SIGTERM.
    const slowBody = JSON.stringify({
      person: {
        given_name: 'Slow',
        family_name: 'Upload',
        email_addresses: [{ address: 'slow.upload@example.org' }],
        postal_addresses: [{ postal_code: '95112' }],
      },
    });
    const slow = new Promise<Answer>((resolve) => {
      const req = http.request(`${server!.url}/api/v1/petitions/${slug}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(slowBody) },
      });
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      });
      req.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: e.message }));
      req.write(slowBody.slice(0, 10));
      setTimeout(() => req.end(slowBody.slice(10)), 800);
    });
    await sleep(300);
    sigtermAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    const slowAnswer = await slow;
    const exitedAfterMs = Date.now() - sigtermAt;
    await Promise.all(clients);
    agent.destroy();

    const rows = await t.db.signature.findMany({ where: { campaignId: id }, select: { shareCode: true } });
    const codes = new Set(rows.map((r) => r.shareCode));
    const ok = answers.filter((a) => a.answer.status === 200);
    const codeOf = (a: Answer) =>
      (JSON.parse(a.body) as { identifiers: string[] }).identifiers.find((i) => i.startsWith('undersigned_share:'))!.slice(18);
    expect(ok.length).toBeGreaterThan(100);
    expect(ok.every((a) => codes.has(codeOf(a.answer)))).toBe(true);
    // Only 200, 503 + Retry-After, or no answer at all (a connection the server had closed).
    expect(
      answers.filter((a) => a.answer.status !== 0 && a.answer.status !== 200 && !(a.answer.status === 503 && a.answer.headers['retry-after'])),
    ).toEqual([]);
    // The request under way was answered — row committed — and told to close its connection; the
    // process waited for it.
    expect(slowAnswer.status).toBe(200);
    expect(slowAnswer.headers.connection).toBe('close');
    expect(codes.has(codeOf(slowAnswer))).toBe(true);
    expect(exitedAfterMs).toBeGreaterThanOrEqual(300);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(DRAIN_MS);
    expect(server.output()).toMatch(/"signal":"SIGTERM".*"msg":"draining"/);
  }, 90_000);

  it('exits at SHUTDOWN_DRAIN_MS when a request never finishes (a stalled upload)', async () => {
    server = await startWebServer({
      env: testEnv({ databaseUrl: t.url, label: 'web_graceful_shutdown', overrides: { SHUTDOWN_DRAIN_MS: String(DRAIN_MS) } }),
    });
    const { slug } = await createCampaign(t.db);
    // Headers and half a body, then nothing: the request is in flight until the server gives up.
    const stalled = http.request(`${server.url}/api/v1/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': 100 },
    });
    stalled.on('error', () => undefined);
    stalled.write('{"person":');
    await sleep(300);
    const sigtermAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    const exitedAfterMs = Date.now() - sigtermAt;
    stalled.destroy();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeGreaterThanOrEqual(DRAIN_MS - 100);
    expect(exitedAfterMs).toBeLessThan(DRAIN_MS + 3_000);
    expect(server.output()).toMatch(/drain timeout/);
  }, 90_000);
});
