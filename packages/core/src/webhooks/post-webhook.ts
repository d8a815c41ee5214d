import http from 'node:http';
import https from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
/** The most of an endpoint's answer we read; the rest is discarded unread. */
export const WEBHOOK_RESPONSE_READ_BYTES = 4_096;
/** The most of it kept in the attempt log. */
export const WEBHOOK_RESPONSE_LOG_BYTES = 1_000;

export interface PostWebhookInput {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  /** Development only: connect to private and loopback addresses. */
  allowPrivate?: boolean;
}

export interface PostWebhookResult {
  /** 2xx. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The first bytes of the answer, or what went wrong (never the request's headers or secrets). */
  detail: string;
}

// Keep-alive agents, one pair per mode. The filtering agents check the address actually connected
// to (after DNS, at connect time): a name that resolved to a public address when the URL was
// checked and to a private one now (DNS rebinding) is still refused.
const agents = {
  filtered: {
    http: new RequestFilteringHttpAgent({ keepAlive: true, maxSockets: 64 }),
    https: new RequestFilteringHttpsAgent({ keepAlive: true, maxSockets: 64 }),
  },
  open: { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) },
};

/**
 * One POST: no redirects followed (a 3xx is a failure, named in the detail), an overall deadline
 * (connect + answer + the read) of timeoutMs, at most WEBHOOK_RESPONSE_READ_BYTES of the answer
 * read. Never throws: every failure comes back as a result for the attempt log.
 */
export function postWebhook(input: PostWebhookInput): Promise<PostWebhookResult> {
  const started = performance.now();
  const timeoutMs = input.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  return new Promise<PostWebhookResult>((resolve) => {
    let settled = false;
    let latencyMs: number | null = null;
    const finish = (result: Omit<PostWebhookResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: Math.round(latencyMs ?? performance.now() - started) });
    };
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      resolve({ ok: false, statusCode: null, latencyMs: 0, detail: 'Invalid URL' });
      return;
    }
    const secure = url.protocol === 'https:';
    const mode = input.allowPrivate ? agents.open : agents.filtered;
    const request = (secure ? https : http).request(url, {
      method: 'POST',
      agent: secure ? mode.https : mode.http,
      headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish({ ok: false, statusCode: null, detail: `Timed out after ${timeoutMs} ms` });
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ? ` (${error.code})` : '';
      finish({ ok: false, statusCode: null, detail: `${error.message}${code}`.slice(0, WEBHOOK_RESPONSE_LOG_BYTES) });
    });
    request.on('response', (response) => {
      latencyMs = performance.now() - started;
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        response.destroy();
        const location = typeof response.headers.location === 'string' ? ` to ${response.headers.location.slice(0, 300)}` : '';
        finish({ ok: false, statusCode: status, detail: `Redirect (${status})${location} not followed: webhook URLs must answer directly` });
        return;
      }
      const chunks: Buffer[] = [];
      let bytes = 0;
      const done = (truncated: boolean) => {
        const text = Buffer.concat(chunks).subarray(0, WEBHOOK_RESPONSE_LOG_BYTES).toString('utf8');
        finish({
          ok: status >= 200 && status < 300,
          statusCode: status,
          detail: truncated || bytes > WEBHOOK_RESPONSE_LOG_BYTES ? `${text}…` : text,
        });
      };
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = WEBHOOK_RESPONSE_READ_BYTES - bytes;
        chunks.push(chunk.subarray(0, room));
        bytes += Math.min(chunk.length, room);
        if (bytes >= WEBHOOK_RESPONSE_READ_BYTES) {
          response.destroy();
          done(true);
        }
      });
      response.on('end', () => done(false));
      response.on('error', () => done(true));
    });
    request.end(input.body);
  });
}
