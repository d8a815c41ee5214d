// The one ESLint config of the repository. Every workspace's eslint.config.mjs re-exports it, and
// so does the root one (for e2e/, bench/, scripts/ and prisma/seed). Every object below carries
// `basePath: <repository root>`, so its globs mean the same paths whichever eslint.config.mjs
// ESLint loaded: a rule about packages/core/ applies when linting from packages/core or from the root.
//
// It holds the architecture the README states (apps → packages; core framework-free; ui without
// db/core; packages through their entry points; apps never query Prisma; env only via env.ts)
// and the type-checked rules. eslint-boundaries.test.ts proves each rule fires.
//
// Boundaries are no-restricted-imports per area plus a local rule for relative paths rather than
// eslint-plugin-boundaries: tried (7.2.0 with eslint-import-resolver-typescript), it needed a
// native resolver binary, missed `@undersigned/core/src/...` (resolved through node_modules it
// counts as external) and `next/navigation` in core, and its messages name policies by index.
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import undersigned from './eslint-rules/index.mjs';

const root = path.resolve(import.meta.dirname, '../..');

const TYPESCRIPT = ['**/*.{ts,tsx,mts,cts}'];

/** Test code and tooling: may read process.env and query the database as fixtures need. */
const TESTS_AND_TOOLS = [
  '**/*.test.{ts,tsx}',
  '**/testing/**',
  'packages/testing/**',
  'apps/*/e2e/**',
  'e2e/**',
  'drills/**',
  'bench/**',
  'scripts/**',
  'prisma/seed/**',
  '**/*.config.{js,mjs,ts}',
  'packages/config/*.js',
];

/** Where process.env may be read: the validated env modules, config files, tests and tools. */
const ENV_READERS = [
  'packages/*/src/env.ts',
  'apps/*/src/server/env.ts',
  'apps/worker/src/env.ts',
  'packages/config/env.ts',
  'packages/config/load-env-file.ts',
  ...TESTS_AND_TOOLS,
];

// no-restricted-imports options do not merge across config objects (a later object replaces the
// whole option list), so each area below lists every restriction that applies to it.
const DEEP_IMPORTS = [
  {
    group: ['@undersigned/*/src', '@undersigned/*/src/**'],
    message: 'Import a package through its entry points (@undersigned/core, @undersigned/db/testing …), not its files.',
  },
  {
    group: ['@core/*'],
    message: 'The @core/* alias reaches around @undersigned/core’s entry point: import from @undersigned/core.',
  },
];
const APPS = ['@undersigned/web', '@undersigned/web/*', '@undersigned/staff', '@undersigned/staff/*', '@undersigned/worker', '@undersigned/worker/*'];
const NOT_APPS = [{ group: [...APPS, '**/apps/**'], message: 'Dependencies point one way, apps → packages: packages never import apps.' }];
const NOT_OTHER_APPS = [{ group: APPS, message: 'Apps depend on packages only, never on another app.' }];
const NOT_NEXT = [
  {
    group: ['next', 'next/*', 'react', 'react/*', 'react-dom', 'react-dom/*'],
    message: 'core is framework-free: no Next.js or React here (apps map core’s results to pages and responses).',
  },
];
const NOT_DB_OR_CORE = [
  {
    group: ['@undersigned/db', '@undersigned/db/*', '@undersigned/core', '@undersigned/core/*'],
    message: 'ui renders what it is given: it never imports @undersigned/db or @undersigned/core.',
  },
];
const restrictImports = (...patterns) => ['error', { patterns: patterns.flat() }];

const config = defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/.next/**',
      '**/dist/**',
      '**/generated/**',
      '**/next-env.d.ts',
      '**/coverage/**',
      'e2e/artifacts/**',
      'bench/results/**',
      'drills/results/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  // Type-checked rules on TypeScript: each file is checked with the tsconfig.json nearest to it.
  {
    files: TYPESCRIPT,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } },
    rules: {
      // React props such as <form action={async () => …}> take promise-returning functions by design.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // An async function without await is how an implementation keeps an async contract (render
      // functions, Prisma's adapter factory, test doubles); flagging it would only add noise.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read JSON answers (`await res.json()` is `any`) and check their shape with expect();
    // the no-unsafe-* rules stay on where an `any` could leak into product behaviour.
    files: TESTS_AND_TOOLS,
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        module: 'readonly',
        require: 'readonly',
        __dirname: 'readonly',
      },
    },
    plugins: { undersigned },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      'no-restricted-imports': restrictImports(DEEP_IMPORTS),
      'undersigned/no-relative-import-across-workspaces': ['error', { root }],
      'undersigned/no-process-env': ['error', { allow: ['NODE_ENV', 'NEXT_RUNTIME'] }],
    },
  },

  // Architecture.
  { files: ['packages/**'], rules: { 'no-restricted-imports': restrictImports(DEEP_IMPORTS, NOT_APPS) } },
  { files: ['packages/core/**'], rules: { 'no-restricted-imports': restrictImports(DEEP_IMPORTS, NOT_APPS, NOT_NEXT) } },
  { files: ['packages/ui/**'], rules: { 'no-restricted-imports': restrictImports(DEEP_IMPORTS, NOT_APPS, NOT_DB_OR_CORE) } },
  { files: ['apps/**'], rules: { 'no-restricted-imports': restrictImports(DEEP_IMPORTS, NOT_OTHER_APPS) } },
  {
    files: ['apps/*/src/**/*.{ts,tsx}', 'apps/web/server.ts'],
    ignores: TESTS_AND_TOOLS,
    rules: { 'undersigned/no-prisma-in-apps': 'error' },
  },
  { files: ENV_READERS, rules: { 'undersigned/no-process-env': 'off' } },
);

export default config.map((object) => ({ basePath: root, ...object }));
