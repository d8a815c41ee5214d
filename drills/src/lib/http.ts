// A keep-alive HTTP client for the drills: many requests, bounded concurrency, every answer kept.
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Set when no HTTP answer came at all (connection refused/reset). */
  error?: string;
}

export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function request(agent: http.Agent, url: string, method: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = http.request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        headers: body === undefined ? headers : { 'content-length': Buffer.byteLength(body), ...headers },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: String(e) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: '', error: String(e) }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The OSDI record-signature body the public API takes. */
export function osdiSignature(p: { email: string; givenName?: string; familyName?: string; postalCode?: string }): string {
  return JSON.stringify({
    person: {
      given_name: p.givenName ?? 'Ana',
      family_name: p.familyName ?? 'García',
      email_addresses: [{ address: p.email }],
      postal_addresses: [{ postal_code: p.postalCode ?? '95112' }],
    },
  });
}

export function sign(agent: http.Agent, baseUrl: string, slug: string, email: string): Promise<Answer> {
  return request(agent, `${baseUrl}/api/v1/petitions/${slug}/signatures`, 'POST', osdiSignature({ email }), {
    'content-type': 'application/json',
  });
}

/** The share code of a 2xx OSDI answer (identifiers: ["undersigned_share:<code>"]). */
export function shareCodeOf(answer: Answer): string | null {
  try {
    const body = JSON.parse(answer.body) as { identifiers?: string[] };
    const id = body.identifiers?.find((i) => i.startsWith('undersigned_share:'));
    return id ? id.slice('undersigned_share:'.length) : null;
  } catch {
    return null;
  }
}

/** Runs tasks with at most `concurrency` in flight; results in input order. */
export async function pool<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!, i);
    }
  });
  await Promise.all(runners);
  return results;
}
