// A Bull Board server adapter for fetch-style route handlers (Next's App Router): Request in,
// Response out. Bull Board's own adapters wrap a framework (express, fastify, hono, …) and render
// its page with ejs; this one is the same few steps without a framework, and renders the page
// with the staff app's per-request CSP nonce on its scripts (and without the Google Fonts link,
// which the CSP would block and which would tell Google who opens the dashboard).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  AppControllerRoute,
  AppViewRoute,
  BullBoardQueues,
  ControllerHandlerReturnType,
  IServerAdapter,
  UIConfig,
} from '@bull-board/api/typings/app';
import { boardRoutePolicy, isRetryableState, needsFailedJob, REFUSED_MESSAGE, type BoardMethod } from './policy';
import { maskEmailsDeep } from './redact';

interface CompiledRoute {
  method: BoardMethod;
  route: string;
  regex: RegExp;
  keys: string[];
  definition: AppControllerRoute;
}

interface Match {
  route: CompiledRoute;
  params: Record<string, string>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

function compile(route: string): { regex: RegExp; keys: string[] } {
  const keys: string[] = [];
  const source = route
    .split('/')
    .map((segment) => {
      if (segment.startsWith(':')) {
        keys.push(segment.slice(1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { regex: new RegExp(`^${source === '' ? '/' : source}/?$`), keys };
}

function json(body: unknown, status: number, extra: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(maskEmailsDeep(body)), {
    status,
    headers: { ...(status === 204 ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'cache-control': 'no-store', ...extra },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Fills Bull Board's index.ejs, which only interpolates (`<%= x %>` escaped, `<%- x %>` raw):
 * anything else in the template (a later version adding logic) fails loudly rather than render
 * half a page. Every <script> gets the nonce; the Google Fonts stylesheet is dropped.
 */
export function renderBoardPage(template: string, params: Record<string, unknown>, nonce: string): string {
  const filled = template.replace(/<%([=-])\s*([A-Za-z_][A-Za-z0-9_]*)\s*%>/g, (_, kind: string, name: string) => {
    const value = params[name];
    const text =
      typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : value == null
          ? ''
          : JSON.stringify(value);
    return kind === '=' ? escapeHtml(text) : text;
  });
  if (filled.includes('<%')) throw new Error('Bull Board page template uses more than interpolation');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(nonce)) throw new Error('CSP nonce must be base64');
  return filled.replace(/<link[^>]*fonts\.(?:googleapis|gstatic)\.com[^>]*>\s*/g, '').replace(/<script(?=[\s>])/g, `<script nonce="${nonce}"`);
}

export class FetchAdapter implements IServerAdapter {
  private queues: BullBoardQueues | undefined;
  private viewsPath: string | undefined;
  private staticRoute = '/static';
  private staticPath: string | undefined;
  private entryRoute: AppViewRoute | undefined;
  private entryRoutes: { regex: RegExp }[] = [];
  private errorHandler: ((error: Error) => ControllerHandlerReturnType) | undefined;
  private apiRoutes: CompiledRoute[] = [];
  private uiConfig: UIConfig = {};
  private template: Promise<string> | undefined;

  /** `basePath`: where the board is mounted, e.g. "/admin/queues" (no trailing slash). */
  constructor(readonly basePath: string) {}

  setQueues(queues: BullBoardQueues): this {
    this.queues = queues;
    return this;
  }

  setViewsPath(viewsPath: string): this {
    this.viewsPath = viewsPath;
    return this;
  }

  setStaticPath(staticRoute: string, staticPath: string): this {
    this.staticRoute = staticRoute;
    this.staticPath = path.resolve(staticPath);
    return this;
  }

  setEntryRoute(route: AppViewRoute): this {
    this.entryRoute = route;
    this.entryRoutes = (Array.isArray(route.route) ? route.route : [route.route]).map((r) => compile(r));
    return this;
  }

  setErrorHandler(handler: (error: Error) => ControllerHandlerReturnType): this {
    this.errorHandler = handler;
    return this;
  }

  setApiRoutes(routes: AppControllerRoute[]): this {
    // Registration order is match order, as in Bull Board's express and hono adapters.
    for (const definition of routes) {
      const methods = Array.isArray(definition.method) ? definition.method : [definition.method];
      const paths = Array.isArray(definition.route) ? definition.route : [definition.route];
      for (const method of methods) {
        for (const route of paths) this.apiRoutes.push({ method, route, ...compile(route), definition });
      }
    }
    return this;
  }

  setUIConfig(config: UIConfig): this {
    this.uiConfig = config;
    return this;
  }

  /** The API route a method and sub-path resolve to (first match wins), with decoded params. */
  matchApi(method: string, subPath: string): Match | undefined {
    for (const route of this.apiRoutes) {
      if (route.method !== method) continue;
      const m = route.regex.exec(subPath);
      if (!m) continue;
      try {
        return { route, params: Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1]!)])) };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** Whether any API route answers this sub-path with another method (→ 405 rather than 404). */
  private pathHasOtherMethods(subPath: string): string[] {
    return [...new Set(this.apiRoutes.filter((r) => r.regex.test(subPath)).map((r) => r.method.toUpperCase()))];
  }

  /**
   * Answers one request below the mount point. `subPath` starts with "/" ("/" is the board's
   * home). The caller has already checked the session and the permission.
   */
  async handle(request: Request, subPath: string, nonce: string | null): Promise<Response> {
    const method = request.method.toLowerCase();
    if (method === 'get' && subPath.startsWith(`${this.staticRoute}/`)) return this.serveStatic(subPath.slice(this.staticRoute.length + 1));
    if (method === 'get' && !subPath.startsWith('/api/') && this.entryRoutes.some((r) => r.regex.test(subPath))) return this.servePage(nonce);

    const match = this.matchApi(method, subPath);
    if (!match) {
      const allow = this.pathHasOtherMethods(subPath);
      return allow.length ? json({ error: 'Method not allowed.' }, 405, { allow: allow.join(', ') }) : json({ error: 'Not found.' }, 404);
    }
    const verdict = boardRoutePolicy(match.route.method, match.route.route, match.params);
    if (!verdict.allowed) return json({ error: verdict.reason }, 403);
    if (needsFailedJob(match.route.method, match.route.route)) {
      const job = await this.queues?.get(match.params.queueName ?? '')?.getJob(match.params.jobId ?? '');
      if (job && !isRetryableState(await job.getState())) return json({ error: REFUSED_MESSAGE }, 403);
    }
    return this.callApi(request, match);
  }

  private async callApi(request: Request, { route, params }: Match): Promise<Response> {
    if (!this.queues || !this.errorHandler) throw new Error('Bull Board is not set up (createBullBoard first)');
    let body: Record<string, unknown> = {};
    if (route.method !== 'get') {
      try {
        const parsed: unknown = await request.json();
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      } catch {
        // The UI sends no body with most actions.
      }
    }
    const url = new URL(request.url);
    try {
      const answer = await route.definition.handler({
        queues: this.queues,
        uiConfig: this.uiConfig,
        params,
        query: Object.fromEntries(url.searchParams),
        body,
        headers: Object.fromEntries(request.headers),
      });
      return json(answer.body, answer.status ?? 200);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      const answer = this.errorHandler(error);
      return json(answer.body, answer.status && answer.status !== 204 ? answer.status : 500);
    }
  }

  private async servePage(nonce: string | null): Promise<Response> {
    if (!this.entryRoute || !this.viewsPath) throw new Error('Bull Board is not set up (createBullBoard first)');
    if (!nonce) throw new Error('No CSP nonce on the request (src/proxy.ts sets one)');
    const { name, params } = this.entryRoute.handler({ basePath: this.basePath, uiConfig: this.uiConfig });
    const viewsPath = this.viewsPath;
    this.template ??= readFile(path.join(viewsPath, name), 'utf8');
    const html = renderBoardPage(await this.template, params, nonce);
    return new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } });
  }

  private async serveStatic(relative: string): Promise<Response> {
    if (!this.staticPath) return json({ error: 'Not found.' }, 404);
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      return json({ error: 'Not found.' }, 404);
    }
    const file = path.resolve(this.staticPath, decoded);
    if (!file.startsWith(this.staticPath + path.sep)) return json({ error: 'Not found.' }, 404);
    try {
      const content = await readFile(file);
      const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
      // Hashed bundles never change; the rest (locales, images) may with an upgrade.
      const cache = /\.[0-9a-f]{8,}\.(?:js|css)$/.test(file) ? 'private, max-age=31536000, immutable' : 'private, max-age=3600';
      return new Response(new Uint8Array(content), { status: 200, headers: { 'content-type': type, 'cache-control': cache } });
    } catch {
      return json({ error: 'Not found.' }, 404);
    }
  }
}
