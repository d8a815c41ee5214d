// useTestDatabase: the hooks it registers give a file (or describe block) a migrated database of
// its own for its tests, and drop it afterwards, in the order the helper documents.
import pg from 'pg';
import { adminUrl, useTestDatabase, type TestDatabaseHandle } from '.';

async function exists(name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return rowCount === 1;
  } finally {
    await admin.end();
  }
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

const t = useTestDatabase('use_test_database');
const atDefinition = thrown(() => t.db);
let seenBySetup = '';
beforeAll(async () => {
  const [row] = await t.db.$queryRaw<{ name: string }[]>`SELECT current_database()::text AS name`;
  seenBySetup = row!.name;
});

it('throws a clear error when the database is used where tests are defined', () => {
  expect(atDefinition).toBeInstanceOf(Error);
  expect((atDefinition as Error).message).toBe(
    "useTestDatabase('use_test_database'): the test database has not been created yet: use it inside a test or hook, not where tests are defined",
  );
});

it('gives tests, and beforeAll hooks declared after it, a migrated and empty database of its own', async () => {
  expect(seenBySetup).toBe(t.name);
  expect(t.name).toMatch(/^undersigned_t_use_test_database_/);
  expect(new URL(t.url).pathname).toBe(`/${t.name}`);
  expect(await t.db.campaign.count()).toBe(0);
  expect(await exists(t.name)).toBe(true);
});

const inner = { name: '', targetsBeforeDrop: -1, existsInLaterAfterAll: true };
let innerHandle: TestDatabaseHandle | undefined;
describe('a block of its own', () => {
  const db = useTestDatabase('use_test_database_inner', {
    beforeDrop: async () => {
      inner.targetsBeforeDrop = await db.db.target.count();
    },
  });
  innerHandle = db;
  afterAll(async () => {
    inner.existsInLaterAfterAll = await exists(inner.name);
  });

  it('has a database other than the file’s', async () => {
    inner.name = db.name;
    expect(inner.name).not.toBe(t.name);
    await db.db.target.create({ data: { title: 'Mayor', email: 'mayor@city.example' } });
    expect(await t.db.target.count()).toBe(0);
  });
});

it('drops the block’s database when the block ends: beforeDrop still sees it, a later afterAll no longer does', async () => {
  expect(inner.targetsBeforeDrop).toBe(1);
  expect(inner.existsInLaterAfterAll).toBe(false);
  expect(await exists(inner.name)).toBe(false);
  expect(await exists(t.name)).toBe(true);
  expect(() => innerHandle!.db).toThrow("useTestDatabase('use_test_database_inner'): the test database has already been dropped (afterAll)");
});
