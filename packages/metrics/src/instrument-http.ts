import type http from 'node:http';
import type { Metrics } from './process-metrics';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Wraps a node:http request handler to record each request's duration by route, method and status
 * (`undersigned_http_request_duration_seconds`). `routeOf` names the route from a fixed small set
 * (never the raw path: slugs and ids would make a series each); it runs before the handler, which
 * may rewrite `req.url`. A request the client abandoned before the answer ended counts as 499.
 * With metrics off (null) the handler is returned as it is: no cost at all.
 */
export function instrumentHttp(metrics: Metrics | null, routeOf: (req: http.IncomingMessage) => string, handler: Handler): Handler {
  if (!metrics) return handler;
  const { httpRequests } = metrics;
  // One child per label set, looked up once: a request costs a Map lookup, not prom-client hashing its labels.
  const children = new Map<string, { observe(seconds: number): void }>();
  return (req, res) => {
    const started = performance.now();
    const route = routeOf(req);
    const method = METHODS.has(req.method ?? '') ? req.method! : 'other';
    res.once('close', () => {
      const status = res.writableFinished ? String(res.statusCode) : '499';
      const key = `${route} ${method} ${status}`;
      let child = children.get(key);
      if (!child) children.set(key, (child = httpRequests.labels(route, method, status)));
      child.observe((performance.now() - started) / 1000);
    });
    handler(req, res);
  };
}
