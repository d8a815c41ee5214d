// Before the test run: drop test databases left by crashed runs and build the template database.
import { dropStaleTestDatabases, ensureTestTemplate } from '@undersigned/db/testing';

async function main() {
  const dropped = await dropStaleTestDatabases();
  if (dropped) console.log(`Dropped ${dropped} stale test database(s).`);
  await ensureTestTemplate();
}

main().catch((error) => {
  console.error('Could not prepare the test database:', error instanceof Error ? error.message : error);
  console.error('Is PostgreSQL running on 127.0.0.1:5432? (see README: Running the tests)');
  process.exit(1);
});
