// A real reverse proxy in front of the public app, as operators run it: nginx from Debian's
// `nginx-light` package, started in the foreground with a config written to a temp dir (its error
// log, pid file, temp files and access log live there too), on loopback. Used by the rolling
// restart and scale-out drills (drills 9 and 10); docker/nginx.compose.conf is the same config
// for the compose file.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { startProcess, type TestProcess } from './processes';
import { waitUntilUp } from './wait-until-up';

export const NGINX_BINARY = '/usr/sbin/nginx';

export interface ProxyOptions {
  /** The web processes, e.g. ['127.0.0.1:41001', '127.0.0.1:41002'] (fixed: restart them on the same port). */
  upstreams: string[];
  /** The proxy's own port on 127.0.0.1 (a free one when not given). */
  port?: number;
  /** How long an upstream that refused or reset a connection is left out (nginx fail_timeout; default 2 s). */
  failTimeoutSeconds?: number;
  /** Failures within failTimeoutSeconds that leave an upstream out (nginx max_fails; default 1, 0 = never left out). */
  maxFails?: number;
}

export interface ProxyAccess {
  status: number;
  /** The upstream(s) nginx tried, in order, e.g. ['127.0.0.1:41001'] or, after a retry, two of them. */
  upstreams: string[];
  upstreamStatuses: string[];
  method: string;
  uri: string;
  requestId: string;
}

export interface Proxy extends TestProcess {
  url: string;
  port: number;
  /** The config nginx runs with (for a look in a failed test). */
  config: string;
  /** One entry per request nginx answered so far (its access log). */
  access(): ProxyAccess[];
  /** The error log (retries to another upstream show up here as "upstream prematurely closed…" etc.). */
  errorLog(): string;
  /** Stops nginx (SIGQUIT: graceful) and removes its directory. */
  close(): Promise<void>;
}

/** The sign endpoint: the one POST nginx may send again to another upstream (see the config comment). */
const SIGN_LOCATION = '~ ^/api/v1/petitions/[^/]+/signatures/?$';

/**
 * nginx's config for `upstreams`: keep-alive connections to the upstreams, X-Forwarded-For
 * appended (so the app, with TRUSTED_PROXY_HOPS=2, sees the address nginx saw), X-Request-Id
 * passed through or made up, and a request that could not reach one upstream sent to the next.
 */
export function nginxConfig(options: {
  dir: string;
  port: number;
  upstreams: string[];
  failTimeoutSeconds?: number;
  maxFails?: number;
  asRoot: boolean;
}): string {
  const { dir, port, upstreams } = options;
  const fail = options.failTimeoutSeconds ?? 2;
  const proxied = `
      proxy_pass http://web;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Request-Id $request_id_in;
      proxy_connect_timeout 2s;
      proxy_read_timeout 30s;`;
  return `# Written by @undersigned/testing startProxy (packages/testing/src/proxy.ts).
${options.asRoot ? 'user root root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  log_format drill '$status "$upstream_addr" "$upstream_status" $request_method $request_uri $request_id_in';
  access_log ${dir}/access.log drill;
  keepalive_timeout 65s;
  keepalive_requests 100000;

  # A request id from the client is passed on; without one nginx makes one up.
  map $http_x_request_id $request_id_in {
    default $http_x_request_id;
    "" $request_id;
  }

  upstream web {
${upstreams.map((u) => `    server ${u} max_fails=${options.maxFails ?? 1} fail_timeout=${fail}s;`).join('\n')}
    keepalive 64;
  }

  server {
    listen 127.0.0.1:${port};
    client_max_body_size 1m;

    location / {${proxied}
      # GET, HEAD… go to the next web process when one cannot be reached.
      proxy_next_upstream error timeout;
    }

    # A refused connection is tried on the next process whatever the method (nothing was sent).
    # The sign POST is also sent again after it went out and the connection broke without an
    # answer (non_idempotent) — e.g. a keep-alive connection closed by a process beginning to
    # drain for a restart just as the request was written to it. That is safe because
    # signing is idempotent per canonical email (docs/DESIGN.md invariant 2): a signature sent
    # twice is one row, and both answers name it. Only errors and timeouts are retried — an
    # answer (even a 5xx) is passed back to the client as it is.
    location ${SIGN_LOCATION} {${proxied}
      proxy_next_upstream error timeout non_idempotent;
    }
  }
}
`;
}

function parseAccess(line: string): ProxyAccess | null {
  const m = /^(\d+) "([^"]*)" "([^"]*)" (\S+) (\S+) (\S*)$/.exec(line);
  if (!m) return null;
  // nginx separates the upstreams one request tried with ", " (and groups with " : ").
  const list = (s: string) => s.split(/\s*[,:]\s+/).filter((x) => x && x !== '-');
  return {
    status: Number(m[1]),
    upstreams: list(m[2]!),
    upstreamStatuses: list(m[3]!),
    method: m[4]!,
    uri: m[5]!,
    requestId: m[6]!,
  };
}

/** Starts nginx in front of `upstreams`; resolves once it answers on its port. */
export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  if (!existsSync(NGINX_BINARY)) throw new Error(`${NGINX_BINARY} is missing: install Debian's nginx-light (see .ci/run)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'undersigned-nginx-'));
  const port = options.port ?? (await freePort());
  const config = nginxConfig({
    dir,
    port,
    upstreams: options.upstreams,
    failTimeoutSeconds: options.failTimeoutSeconds,
    maxFails: options.maxFails,
    asRoot: process.getuid?.() === 0,
  });
  const confFile = path.join(dir, 'nginx.conf');
  writeFileSync(confFile, config);
  // -e: the error log before the config is read (else /var/log/nginx, not writable for non-root).
  const proc = startProcess(NGINX_BINARY, ['-e', path.join(dir, 'error.log'), '-p', dir, '-c', confFile], {
    cwd: dir,
    env: { PATH: '/usr/sbin:/usr/bin:/bin' },
  });
  const url = `http://127.0.0.1:${port}`;
  const errorLog = () => (existsSync(path.join(dir, 'error.log')) ? readFileSync(path.join(dir, 'error.log'), 'utf8') : '');
  try {
    // Any answer (even a 502 while no upstream is up yet) means nginx is listening.
    await waitUntilUp(`${url}/__proxy_up`, { timeoutMs: 10_000, alive: proc.alive, ready: () => true });
  } catch (error) {
    await proc.stop(2_000);
    throw new Error(`nginx did not start: ${(error as Error).message}\n${proc.output()}\n${errorLog()}`);
  }
  return {
    ...proc,
    url,
    port,
    config,
    access: () => {
      const file = path.join(dir, 'access.log');
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .map(parseAccess)
        .filter((a): a is ProxyAccess => a !== null);
    },
    errorLog,
    async close() {
      if (proc.alive()) {
        proc.child.kill('SIGQUIT');
        const timer = setTimeout(() => proc.child.kill('SIGKILL'), 5_000);
        await proc.exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
