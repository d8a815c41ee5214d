// startProxy: Debian's nginx in front of test upstreams, with the config the drills and compose use.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { startProxy, type Proxy } from './proxy';

interface Seen {
  method: string;
  url: string;
  forwardedFor: string | undefined;
  requestId: string | undefined;
}

let proxy: Proxy | undefined;
let upstream: http.Server | undefined;
const droppers: net.Server[] = [];
const seen: Seen[] = [];
afterAll(async () => {
  await proxy?.close();
  await new Promise((resolve) => upstream?.close(resolve));
  for (const d of droppers) await new Promise((resolve) => d.close(resolve));
});

function post(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

it('appends the client address to X-Forwarded-For, passes or makes up X-Request-Id, and sends only the sign POST on to the next upstream when one drops the connection with the request', async () => {
  upstream = http.createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      forwardedFor: req.headers['x-forwarded-for'] as string | undefined,
      requestId: req.headers['x-request-id'] as string | undefined,
    });
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  await new Promise<void>((resolve) => upstream!.listen(0, '127.0.0.1', resolve));
  const live = `127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  // The other upstream takes each request and drops the connection without an answer (a web
  // process going away with the request in flight: nginx cannot know whether it was handled).
  const dropper = net.createServer((socket) => socket.once('data', () => socket.destroy()));
  await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
  droppers.push(dropper);
  const dead = `127.0.0.1:${(dropper.address() as AddressInfo).port}`;
  // maxFails 0: the dropping upstream keeps its turn however often it fails (round robin).
  proxy = await startProxy({ upstreams: [dead, live], maxFails: 0 });

  // The sign POST is sent on to the next upstream after a dropped connection (non_idempotent:
  // signing is idempotent per canonical email), so the client gets its answer.
  const signUrl = `${proxy.url}/api/v1/petitions/some-campaign/signatures`;
  const signs = [];
  for (let i = 0; i < 4; i++) signs.push(await post(signUrl, { 'x-forwarded-for': '1.2.3.4' }));
  expect(signs.map((a) => a.status)).toEqual([200, 200, 200, 200]);
  const retried = proxy.access().filter((a) => a.uri.endsWith('/signatures') && a.upstreams.join(' ') === `${dead} ${live}`);
  expect(retried.length).toBeGreaterThan(0);
  // A client that writes its own X-Forwarded-For: nginx appends the address it saw.
  expect(seen.filter((s) => s.url.endsWith('/signatures')).map((s) => s.forwardedFor)).toEqual(Array(4).fill('1.2.3.4, 127.0.0.1'));

  await post(signUrl, { 'x-request-id': 'client-chosen-id' });
  expect(seen.at(-1)!.requestId).toBe('client-chosen-id');
  expect(seen.filter((s) => s.requestId === undefined)).toEqual([]);
  expect(new Set(seen.map((s) => s.requestId)).size).toBe(seen.length);

  // Any other POST is not sent again after its request went out (nginx's default for
  // non-idempotent methods): the client gets 502.
  const others = [];
  for (let i = 0; i < 4; i++) others.push((await post(`${proxy.url}/api/v1/other`)).status);
  expect(others).toContain(502);
  const failed = proxy.access().filter((a) => a.uri === '/api/v1/other' && a.status === 502);
  expect(failed.every((a) => a.upstreams.join(' ') === dead)).toBe(true);
}, 30_000);
