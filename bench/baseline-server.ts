// The sign-path benchmark's baseline: a bare node:http server that does nothing but group-commit
// INSERTs into a table shaped like `signature` — no validation, rate limit, dedupe logic beyond
// ON CONFLICT, counters or framework. The real path is measured against this in the same run.
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
        `INSERT INTO bench_baseline (campaign_id, email, given_name, family_name, postal_code, share_code, created_at)
         SELECT 1, e, 'Ana', 'García', '95112', md5(e), now() FROM unnest($1::text[]) AS e
         ON CONFLICT (campaign_id, email) DO NOTHING`,
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
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_baseline (
    id bigserial PRIMARY KEY, campaign_id int NOT NULL, email text NOT NULL, given_name text, family_name text,
    postal_code text, share_code text, created_at timestamptz, UNIQUE (campaign_id, email))`);
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    console.log(`BASELINE_LISTENING ${typeof address === 'object' && address ? address.port : port}`);
  });
}
void main();
