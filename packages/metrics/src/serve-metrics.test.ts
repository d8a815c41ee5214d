import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsAccess, serveMetrics, startMetricsListener, listenerPort } from './serve-metrics';
import { processMetrics, resetProcessMetrics } from './process-metrics';
import { sampleValue } from './sample-value';
import { instrumentHttp } from './instrument-http';
import { signObserver } from './observers';

const TOKEN = 'a-metrics-token-of-32-characters';

afterEach(() => resetProcessMetrics());

describe('metricsAccess', () => {
  const ask = (over: Partial<Parameters<typeof metricsAccess>[0]>) =>
    metricsAccess({ enabled: true, token: TOKEN, listener: 'public', authorization: `Bearer ${TOKEN}`, ...over });

  it('serves the public port only to the bearer of METRICS_TOKEN', () => {
    expect(ask({})).toBe('serve');
    expect(ask({ authorization: `bearer ${TOKEN}` })).toBe('serve');
    expect(ask({ authorization: undefined })).toBe('unauthorized');
    expect(ask({ authorization: 'Bearer wrong-token-wrong-token' })).toBe('unauthorized');
    expect(ask({ authorization: `Basic ${TOKEN}` })).toBe('unauthorized');
    expect(ask({ authorization: `Bearer ${TOKEN}x` })).toBe('unauthorized');
  });

  it('answers 404 on the public port when no token is configured, whatever is presented', () => {
    expect(ask({ token: undefined })).toBe('not_found');
    expect(ask({ token: undefined, authorization: undefined })).toBe('not_found');
  });

  it('serves the private listener without a token', () => {
    expect(ask({ listener: 'private', token: undefined, authorization: undefined })).toBe('serve');
  });

  it('answers 404 everywhere when metrics are off', () => {
    expect(ask({ enabled: false })).toBe('not_found');
    expect(ask({ enabled: false, listener: 'private' })).toBe('not_found');
  });
});

/** A node:http server answering /metrics with serveMetrics and 'other' elsewhere. */
async function server(token: string | undefined): Promise<{ url: string; close: () => Promise<void> }> {
  const s = http.createServer((req, res) => serveMetrics(req, res, { METRICS_TOKEN: token }) || res.end('other'));
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, close: () => new Promise((resolve) => s.close(() => resolve())) };
}

describe('serveMetrics over HTTP', () => {
  it('answers 200 in the Prometheus text format with the token, 401 without, and leaves other paths alone', async () => {
    const metrics = processMetrics({ METRICS_ENABLED: true }, 'test')!;
    signObserver(metrics)({ outcome: 'accepted', status: 'confirmed', heldReason: null });
    const s = await server(TOKEN);
    try {
      const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = await ok.text();
      expect(sampleValue(body, 'undersigned_signatures_total', { outcome: 'accepted', reason: 'confirmed', app: 'test' })).toBe(1);
      expect(body).toContain('process_cpu_user_seconds_total');
      const denied = await fetch(`${s.url}/metrics`);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await denied.text()).not.toContain('undersigned_');
      expect(await (await fetch(`${s.url}/healthz`)).text()).toBe('other');
    } finally {
      await s.close();
    }
  });

  it('answers 404 without a configured token', async () => {
    processMetrics({ METRICS_ENABLED: true }, 'test');
    const s = await server(undefined);
    try {
      expect((await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('serves the private listener without a token, on its own port', async () => {
    processMetrics({ METRICS_ENABLED: true }, 'test');
    const listener = (await startMetricsListener({ METRICS_ENABLED: true, METRICS_PORT: 0, METRICS_HOST: '127.0.0.1', METRICS_TOKEN: TOKEN }))!;
    try {
      const res = await fetch(`http://127.0.0.1:${listenerPort(listener)}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('undersigned_signatures_total');
      expect((await fetch(`http://127.0.0.1:${listenerPort(listener)}/other`)).status).toBe(404);
    } finally {
      listener.close();
    }
  });

  it('refuses to start on a port already taken, naming METRICS_PORT', async () => {
    processMetrics({ METRICS_ENABLED: true }, 'test');
    const env = { METRICS_ENABLED: true, METRICS_PORT: 0, METRICS_HOST: '127.0.0.1', METRICS_TOKEN: undefined };
    const first = (await startMetricsListener(env))!;
    try {
      await expect(startMetricsListener({ ...env, METRICS_PORT: listenerPort(first) })).rejects.toThrow(/METRICS_PORT \d+ on 127\.0\.0\.1 is in use/);
    } finally {
      first.close();
    }
  });
});

describe('METRICS_ENABLED=false', () => {
  it('creates no registry, wraps nothing, starts no listener and answers /metrics with 404', async () => {
    expect(processMetrics({ METRICS_ENABLED: false }, 'test')).toBeNull();
    const handler = (_req: http.IncomingMessage, res: http.ServerResponse) => res.end();
    expect(instrumentHttp(null, () => 'route', handler)).toBe(handler);
    expect(await startMetricsListener({ METRICS_ENABLED: false, METRICS_PORT: 0, METRICS_HOST: '127.0.0.1', METRICS_TOKEN: undefined })).toBeNull();
    const s = await server(TOKEN);
    try {
      expect((await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await s.close();
    }
  });
});

describe('instrumentHttp', () => {
  it('records each request under its route name and status, never its path', async () => {
    const metrics = processMetrics({ METRICS_ENABLED: true }, 'test')!;
    const handler = instrumentHttp(
      metrics,
      () => 'campaign_page',
      (_req, res) => res.writeHead(201).end(),
    );
    const s = http.createServer(handler);
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      await (await fetch(`http://127.0.0.1:${(s.address() as AddressInfo).port}/petitions/secret-slug-123`)).text();
      // Recorded when the response closes, just after the client has it.
      let text = await metrics.registry.metrics();
      for (let i = 0; i < 50 && !text.includes('route="campaign_page"'); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        text = await metrics.registry.metrics();
      }
      expect(
        sampleValue(text, 'undersigned_http_request_duration_seconds_count', { route: 'campaign_page', method: 'GET', status: '201', app: 'test' }),
      ).toBe(1);
      expect(text).not.toContain('secret-slug-123');
    } finally {
      await new Promise((resolve) => s.close(resolve));
    }
  });
});
