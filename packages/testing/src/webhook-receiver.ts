import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One event as received (the elements of the JSON array each POST carries). */
export interface ReceivedWebhookEvent {
  id: string;
  type: string;
  [field: string]: unknown;
}

export interface WebhookReceiverPost {
  webhookId: string;
  at: number;
  status: number;
  events: number;
}

export type WebhookReceiverBehaviour = 'ok' | 'error' | 'hang';

export interface WebhookReceiver {
  url: string;
  port: number;
  /** Every POST that arrived (verified or not), with the status answered. */
  posts: WebhookReceiverPost[];
  /** POSTs whose signature did not verify (answered 401). */
  rejected: number;
  /** Every verified event accepted with a 2xx, in arrival order (duplicates included). */
  events: ReceivedWebhookEvent[];
  /** Accepted deliveries by webhook-id (a repeat of an id already accepted is counted, not added). */
  deliveries: Map<string, ReceivedWebhookEvent[]>;
  /** How many times each webhook-id was accepted (> 1 means a duplicate delivery). */
  acceptedCount: Map<string, number>;
  /** Accepted events after deduplication by webhook-id. */
  uniqueEvents(): ReceivedWebhookEvent[];
  /**
   * Awaited after a POST verified and before it is recorded and answered (e.g. a drill kills the
   * sender here: the receiver has the events, the sender never hears the answer).
   */
  onPost: ((webhookId: string, events: ReceivedWebhookEvent[]) => Promise<void> | void) | null;
  /** Answer 500 ('error') or never answer ('hang') until `untilMs` (epoch ms), then 200 again. */
  misbehave(behaviour: WebhookReceiverBehaviour, untilMs?: number): void;
  clear(): void;
  close(): Promise<void>;
}

/**
 * A webhook endpoint for tests: verifies every POST with the `standardwebhooks` package (as any
 * receiver would), answers 401 to a bad signature, records accepted events and counts POSTs.
 * Listens on 127.0.0.1 (the sender needs WEBHOOK_ALLOW_PRIVATE_URLS / allowPrivateUrls for it).
 */
export async function startWebhookReceiver(options: { secret: string; port?: number }): Promise<WebhookReceiver> {
  const verifier = new Webhook(options.secret);
  let behaviour: WebhookReceiverBehaviour = 'ok';
  let behaviourUntil = Infinity;
  const hanging = new Set<http.ServerResponse>();
  const receiver = {
    posts: [] as WebhookReceiverPost[],
    rejected: 0,
    events: [] as ReceivedWebhookEvent[],
    deliveries: new Map<string, ReceivedWebhookEvent[]>(),
    acceptedCount: new Map<string, number>(),
    onPost: null as WebhookReceiver['onPost'],
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle());
    const handle = async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const webhookId = String(req.headers['webhook-id'] ?? '');
      const answer = (status: number, text: string, events = 0) => {
        receiver.posts.push({ webhookId, at: Date.now(), status, events });
        res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      };
      let parsed: ReceivedWebhookEvent[];
      try {
        verifier.verify(body, {
          'webhook-id': webhookId,
          'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
        });
        parsed = JSON.parse(body) as ReceivedWebhookEvent[];
      } catch {
        receiver.rejected += 1;
        answer(401, 'bad signature');
        return;
      }
      if (receiver.onPost) await receiver.onPost(webhookId, parsed);
      if (Date.now() >= behaviourUntil) behaviour = 'ok';
      if (behaviour === 'hang') {
        receiver.posts.push({ webhookId, at: Date.now(), status: 0, events: parsed.length });
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (behaviour === 'error') {
        answer(500, 'receiver is down');
        return;
      }
      receiver.acceptedCount.set(webhookId, (receiver.acceptedCount.get(webhookId) ?? 0) + 1);
      if (!receiver.deliveries.has(webhookId)) receiver.deliveries.set(webhookId, parsed);
      receiver.events.push(...parsed);
      answer(200, 'ok', parsed.length);
    };
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    uniqueEvents: () => [...receiver.deliveries.values()].flat(),
    misbehave(next: WebhookReceiverBehaviour, untilMs = Infinity) {
      behaviour = next;
      behaviourUntil = untilMs;
    },
    clear() {
      receiver.posts.length = 0;
      receiver.events.length = 0;
      receiver.rejected = 0;
      receiver.deliveries.clear();
      receiver.acceptedCount.clear();
      receiver.onPost = null;
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
