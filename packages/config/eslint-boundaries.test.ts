// Proves that the repository's ESLint config (eslint.config.mjs here) holds the architecture: each
// fixture below is linted as if it were the named file, and each rule must fire where it should
// and stay quiet where it should.
//
// Fixtures take the path of an existing file whose content they replace in memory: the
// type-checked rules need a file that its workspace's tsconfig.json includes, and these files
// (entry points, core's errors.ts) do not move. A replaced file stays replaced for the rest of
// the run, so no fixture imports a file that another fixture stands in for. ESLint loads its
// config with import(), which jest's module sandbox cannot run, so the fixtures are linted in one
// child `node` process with ESLint's Node API.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface Message {
  ruleId: string | null;
  message: string;
}

const RUNNER = `
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
const { root, config, fixtures } = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root, overrideConfigFile: config });
const results = {};
for (const [name, { file, code }] of Object.entries(fixtures)) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  results[name] = result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message }));
}
process.stdout.write(JSON.stringify(results));
`;

const fixtures = {
  coreImportsNext: {
    file: 'packages/core/src/errors.ts',
    code: "import { redirect } from 'next/navigation';\nexport const go = redirect;\n",
  },
  coreImportsReact: {
    file: 'packages/core/src/errors.ts',
    code: "import { useState } from 'react';\nexport const state = useState;\n",
  },
  uiImportsDb: {
    file: 'packages/ui/src/index.ts',
    code: "import { getDb } from '@undersigned/db';\nexport const db = getDb;\n",
  },
  uiReachesIntoCoreByPath: {
    file: 'packages/ui/src/index.ts',
    code: "export { AppError } from '../../core/src/errors';\n",
  },
  packageImportsApp: {
    file: 'packages/jobs/src/index.ts',
    code: "export { webEnv } from '../../../apps/web/src/server/env';\nexport type { WorkerEnv } from '@undersigned/worker';\n",
  },
  deepPackageImport: {
    file: 'apps/worker/src/index.ts',
    code: "export { signPetition } from '@undersigned/core/src/signatures/sign-petition';\n",
  },
  coreAlias: {
    file: 'apps/worker/src/index.ts',
    code: "export { AppError } from '@core/errors';\n",
  },
  floatingPromise: {
    file: 'packages/core/src/errors.ts',
    code: 'async function save(): Promise<void> {}\nexport function handler(): void {\n  save();\n}\n',
  },
  misusedPromise: {
    file: 'packages/core/src/errors.ts',
    code: 'export function handler(pending: Promise<boolean>): string {\n  return pending ? "yes" : "no";\n}\n',
  },
  envInCore: {
    file: 'packages/core/src/errors.ts',
    code: 'export const secret = process.env.IP_HASH_SECRET;\nexport const mode = process.env.NODE_ENV;\n',
  },
  envInEnvModule: {
    file: 'apps/worker/src/env.ts',
    code: 'export const concurrency = process.env.WORKER_CONCURRENCY;\n',
  },
  appQueriesPrisma: {
    file: 'apps/worker/src/index.ts',
    code: [
      "import type { Db } from '@undersigned/db';",
      'export async function run(db: Db): Promise<void> {',
      '  await db.campaign.findMany();',
      '  await db.$queryRaw`SELECT 1`;',
      '  await db.$transaction(async (tx) => tx.signature.count());',
      '  await db.$disconnect();',
      '}',
      '',
    ].join('\n'),
  },
  appCallsCoreVerb: {
    file: 'apps/worker/src/index.ts',
    code: [
      "import { checkDatabase } from '@undersigned/core';",
      "import { getDb } from '@undersigned/db';",
      'export async function run(): Promise<void> {',
      '  await checkDatabase(getDb());',
      '  await getDb().$disconnect();',
      '}',
      '',
    ].join('\n'),
  },
  cleanCore: {
    file: 'packages/core/src/errors.ts',
    code: [
      "import type { Db } from '@undersigned/db';",
      'export async function countCampaigns(db: Db): Promise<number> {',
      '  return db.campaign.count();',
      '}',
      '',
    ].join('\n'),
  },
};

let results: Record<keyof typeof fixtures, Message[]>;

beforeAll(() => {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', RUNNER], {
    cwd: __dirname,
    input: JSON.stringify({ root, config: path.join(__dirname, 'eslint.config.mjs'), fixtures }),
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`linting the fixtures failed:\n${run.stderr}`);
  results = JSON.parse(run.stdout) as typeof results;
}, 180_000);

/** "ruleId: first words of the message" per problem, to compare with toEqual/toContain. */
function problems(name: keyof typeof fixtures): string[] {
  return results[name].map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

describe('boundaries', () => {
  it('core may not import Next.js', () => {
    expect(problems('coreImportsNext')).toEqual([expect.stringMatching(/^no-restricted-imports: .*core is framework-free/)]);
  });

  it('core may not import React', () => {
    expect(problems('coreImportsReact')).toEqual([expect.stringMatching(/^no-restricted-imports: .*core is framework-free/)]);
  });

  it('ui may not import @undersigned/db', () => {
    expect(problems('uiImportsDb')).toEqual([expect.stringMatching(/^no-restricted-imports: .*ui renders what it is given/)]);
  });

  it('ui may not reach into core by a relative path', () => {
    expect(problems('uiReachesIntoCoreByPath')).toEqual([
      expect.stringMatching(/^undersigned\/no-relative-import-across-workspaces: .*from packages\/ui into packages\/core/),
    ]);
  });

  it('a package may not import an app, by path or by package name', () => {
    expect(problems('packageImportsApp')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^no-restricted-imports: '\.\.\/\.\.\/\.\.\/apps\/web\/src\/server\/env'.*packages never import apps/),
        expect.stringMatching(/^undersigned\/no-relative-import-across-workspaces: .*into apps\/web/),
        expect.stringMatching(/^no-restricted-imports: '@undersigned\/worker'.*packages never import apps/),
      ]),
    );
  });

  it('nobody imports a package around its entry points', () => {
    expect(problems('deepPackageImport')).toEqual([expect.stringMatching(/^no-restricted-imports: .*through its entry points/)]);
  });

  it('the @core/* path alias is refused', () => {
    expect(problems('coreAlias')).toEqual([expect.stringMatching(/^no-restricted-imports: .*@core\/\* alias/)]);
  });
});

describe('type-checked rules', () => {
  it('a promise left floating is an error', () => {
    expect(problems('floatingPromise')).toEqual([expect.stringMatching(/^@typescript-eslint\/no-floating-promises: /)]);
  });

  it('a promise used as a condition is an error', () => {
    expect(problems('misusedPromise')).toEqual([expect.stringMatching(/^@typescript-eslint\/no-misused-promises: /)]);
  });
});

describe('environment', () => {
  it('core may not read process.env, except NODE_ENV', () => {
    expect(problems('envInCore')).toEqual([
      expect.stringMatching(/^undersigned\/no-process-env: Read `process.env.IP_HASH_SECRET` through the validated env module/),
    ]);
  });

  it('an env module may read process.env', () => {
    expect(problems('envInEnvModule')).toEqual([]);
  });
});

describe('apps and Prisma', () => {
  it('an app may not use model delegates, raw queries or transactions, but may disconnect', () => {
    expect(problems('appQueriesPrisma')).toEqual([
      expect.stringMatching(/^undersigned\/no-prisma-in-apps: .*\(`\.campaign`\)/),
      expect.stringMatching(/^undersigned\/no-prisma-in-apps: .*\(`\.\$queryRaw`\)/),
      expect.stringMatching(/^undersigned\/no-prisma-in-apps: .*\(`\.\$transaction`\)/),
      expect.stringMatching(/^undersigned\/no-prisma-in-apps: .*\(`\.signature`\)/),
    ]);
  });

  it('an app may hand the client to a core verb', () => {
    expect(problems('appCallsCoreVerb')).toEqual([]);
  });

  it('core may query its models (the rule is for apps only)', () => {
    expect(problems('cleanCore')).toEqual([]);
  });
});
