// The sign-path benchmark's baseline: a bare node:http server that does nothing but group-commit
// INSERTs into a table of the same shape as `signature` (its columns, defaults, checks and all ten
// indexes: `LIKE signature INCLUDING ALL`) — no validation, rate limit, person upsert, dedupe
// logic beyond ON CONFLICT, counters, foreign keys or framework. The real path is measured
// against this in the same run.
import http from 'node:http';
import pg from 'pg';

const url = process.env.DATABASE_URL!;
const port = Number(process.env.PORT ?? 0);
const pool = new pg.Pool({ connectionString: url, max: 4 });

interface Waiting {
  email: string;
  res: http.ServerResponse;
}
const queue: Waiting[] = [];
let inFlight = 0;

function pump() {
  while (inFlight < 2 && queue.length) {
    const batch = queue.splice(0, 1000);
    inFlight += 1;
    const emails = batch.map((w) => w.email);
    pool
      .query(
        `INSERT INTO bench_baseline (campaign_id, person_id, status, given_name, family_name, postal_code, locality,
                                     region, country, share_code, ip_hash, confirmed_at, status_changed_at)
         SELECT 1, hashtext(e), 'confirmed', 'Ana', 'García', '95112', 'San Jose', 'CA', 'US', md5(e),
                '${'0'.repeat(64)}', now(), now()
         FROM unnest($1::text[]) AS e
         ON CONFLICT DO NOTHING`,
        [emails],
      )
      .then(
        () => batch.forEach((w) => w.res.writeHead(201, { 'content-type': 'application/json' }).end('{"ok":true}')),
        () => batch.forEach((w) => w.res.writeHead(503).end()),
      )
      .finally(() => {
        inFlight -= 1;
        pump();
      });
  }
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString();
    const match = /"address":"([^"]+)"/.exec(body);
    if (!match) return void res.writeHead(400).end();
    queue.push({ email: match[1]!.toLowerCase(), res });
    pump();
  });
});

async function main() {
  await pool.query('CREATE TABLE IF NOT EXISTS bench_baseline (LIKE signature INCLUDING ALL)');
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    console.log(`BASELINE_LISTENING ${typeof address === 'object' && address ? address.port : port}`);
  });
}
void main();
