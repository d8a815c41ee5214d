import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { eventually } from './eventually';
import { freePort } from './free-port';
import { waitUntilUp } from './wait-until-up';

describe('eventually', () => {
  it('returns the first truthy value', async () => {
    let n = 0;
    await expect(eventually(() => (++n >= 3 ? { n } : null), { everyMs: 1 })).resolves.toEqual({ n: 3 });
  });

  it('treats a throw as "not yet"', async () => {
    let n = 0;
    const value = await eventually(
      () => {
        n += 1;
        if (n < 3) throw new Error('not listening yet');
        return 'up';
      },
      { everyMs: 1 },
    );
    expect(value).toBe('up');
  });

  it('times out naming the last value it saw', async () => {
    await expect(eventually(() => 0, { timeoutMs: 50, everyMs: 5, what: 'the count' })).rejects.toThrow('the count not met within 50 ms (last: 0)');
    await expect(
      eventually(
        () => {
          throw new Error('ECONNREFUSED');
        },
        { timeoutMs: 30, everyMs: 5 },
      ),
    ).rejects.toThrow('(last: ECONNREFUSED)');
  });
});

describe('freePort', () => {
  it('returns a port a server can listen on', async () => {
    const port = await freePort();
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBe(port);
    await new Promise((resolve) => server.close(resolve));
  });
});

describe('waitUntilUp', () => {
  let status = 503;
  const server = http.createServer((_req, res) => res.writeHead(status).end());
  let url: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('waits while the server answers 5xx and returns once it answers below 500', async () => {
    status = 503;
    setTimeout(() => (status = 200), 300);
    const started = Date.now();
    await waitUntilUp(url, { timeoutMs: 5_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('fails with the last answer when the server never comes up', async () => {
    status = 503;
    await expect(waitUntilUp(url, { timeoutMs: 300, hint: 'see web.log' })).rejects.toThrow(/not up within 300 ms \(last: HTTP 503\); see web.log/);
  });

  it('fails at once when the process it waits for has died', async () => {
    const port = await freePort();
    const started = Date.now();
    await expect(waitUntilUp(`http://127.0.0.1:${port}/`, { timeoutMs: 30_000, alive: () => false })).rejects.toThrow('exited while starting');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
