#!/usr/bin/env node
// `npm run dev`: one command for a working local stack.
//  1. .env from .env.example on first run;
//  2. PostgreSQL and Redis: use the local ones when reachable; otherwise start redis-server if it
//     is installed, or `docker compose up -d` the services in docker/ when a Docker engine answers;
//     otherwise stop with one message naming what to install;
//  3. create the database, apply migrations (prisma migrate deploy), seed the demo data;
//  4. run the mail catcher (SMTP :1025, inbox http://localhost:1080), web (:3000), staff (:3001)
//     and the worker, until Ctrl-C.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { warnOnOldNode } from './check-node-version.mjs';

const root = path.resolve(import.meta.dirname, '..');
const log = (msg) => console.log(`\x1b[36m[dev]\x1b[0m ${msg}`);
const fail = (msg) => {
  console.error(`\x1b[31m[dev]\x1b[0m ${msg}`);
  process.exit(1);
};

warnOnOldNode('dev');

if (!existsSync(path.join(root, '.env'))) {
  copyFileSync(path.join(root, '.env.example'), path.join(root, '.env'));
  log('Created .env from .env.example (dev values).');
}
// Variables already exported win over .env (as for every entry point: packages/config/load-env-file.ts).
process.loadEnvFile(path.join(root, '.env'));
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  FORCE_COLOR: process.env.FORCE_COLOR ?? '1',
  // Readable log lines in the terminal (production's default is one JSON object per line: docs/logs.md).
  LOG_FORMAT: process.env.LOG_FORMAT ?? 'pretty',
};

const dbUrl = new URL(env.DATABASE_URL ?? fail('DATABASE_URL is not set in .env'));
const redisUrl = new URL(env.REDIS_URL ?? fail('REDIS_URL is not set in .env'));
const dbName = decodeURIComponent(dbUrl.pathname.slice(1));
const adminUrl = new URL(dbUrl);
adminUrl.pathname = '/postgres';

async function postgresUp() {
  const client = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return client;
  } catch {
    return null;
  }
}

function redisUp() {
  return new Promise((resolve) => {
    const socket = net.connect({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG') || d.toString().includes('NOAUTH')));
  });
}

const has = (cmd, args = ['--version']) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
const dockerEngine = () => has('docker', ['info']);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function ensureServices() {
  let client = await postgresUp();
  let redis = await redisUp();
  if (!redis && has('redis-server') && ['127.0.0.1', 'localhost'].includes(redisUrl.hostname)) {
    log('Redis is not running: starting redis-server (no persistence; Redis holds only rebuildable data).');
    spawnSync('redis-server', ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', redisUrl.port || '6379', '--save', '', '--appendonly', 'no'], {
      stdio: 'inherit',
    });
    for (let i = 0; i < 20 && !(redis = await redisUp()); i++) await sleep(250);
  }
  if ((!client || !redis) && dockerEngine()) {
    const services = [!client && 'postgres', !redis && 'redis'].filter(Boolean);
    log(`Starting ${services.join(' and ')} with docker compose (docker/compose.yaml)…`);
    spawnSync('docker', ['compose', '-f', 'docker/compose.yaml', 'up', '-d', '--wait', ...services], { cwd: root, stdio: 'inherit' });
    client ??= await postgresUp();
    redis ||= await redisUp();
  }
  const missing = [];
  if (!client)
    missing.push(`PostgreSQL at ${dbUrl.host} (install it: apt-get install postgresql, or start Docker so docker/compose.yaml can run it)`);
  if (!redis) missing.push(`Redis at ${redisUrl.host} (install it: apt-get install redis-server, or start Docker)`);
  if (missing.length) fail(`Cannot start: no ${missing.join('; no ')}.`);
  return client;
}

function run(cmd, args, label) {
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) fail(`${label} failed (exit ${r.status}).`);
}

const client = await ensureServices();
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName]);
if (exists.rowCount === 0) {
  await client.query(`CREATE DATABASE "${dbName.replaceAll('"', '""')}"`);
  log(`Created database ${dbName}.`);
}
await client.end();

log('Applying migrations (prisma migrate deploy)…');
run('npm', ['run', '--silent', 'db:migrate'], 'Migrations');
log('Seeding demo data (idempotent)…');
run('npm', ['run', '--silent', 'db:seed'], 'Seed');

const children = [];
function start(cmd, args, name) {
  const child = spawn(cmd, args, { cwd: root, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      console.error(`[dev] ${name} exited (${signal ?? code}); stopping everything.`);
      shutdown(1);
    }
  });
  children.push(child);
}

let shuttingDown = false;
function shutdown(code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

start('npx', ['maildev', '--smtp', '1025', '--web', '1080', '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'], 'mail catcher');
start(
  'npx',
  ['turbo', 'run', 'dev', '--filter=@undersigned/web', '--filter=@undersigned/staff', '--filter=@undersigned/worker', '--ui=stream'],
  'apps',
);
log('Public site  http://localhost:3000   (San José petition: /petitions/san-jose-stand-with-immigrants)');
log('Staff app    http://localhost:3001   (sign in with ADMIN_EMAIL / ADMIN_PASSWORD from .env)');
log('Mail inbox   http://localhost:1080   (every email sent in dev lands here)');
log('Worker       http://localhost:' + (env.WORKER_PORT ?? '3002') + '/healthz');
