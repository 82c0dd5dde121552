// @ts-check
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const MODULES = 'server/src/modules';

// Module boundaries (docs: style.md "Habits" 1–2, architecture.md "medusa v2").
// Written with the core no-restricted-imports rule and regexes over the import
// string, so no plugin is needed. Relative paths depend on how deep the
// importing file sits inside its module, hence one pattern set per depth.

/** Files that may do I/O; every other file in a module is pure domain logic. */
const IO_FILES = [
  '**/*.repository.ts',
  '**/*.table.ts',
  '**/*.routes.ts',
  '**/*.service.ts',
  '**/*.plugin.ts',
  '**/*.test.ts',
  '**/index.ts',
];

const PURE_PATTERNS = [
  {
    regex: '^(drizzle-orm|fastify|@fastify/|pg$|pg/|@electric-sql/)',
    caseSensitive: true,
    message:
      'Pure domain files (not *.repository/table/routes/service/plugin.ts) take plain data and do no I/O: no Drizzle, Fastify, pg or PGlite here.',
  },
  {
    regex: '(^|/)[^/]+\\.(routes|repository|table)(\\.[cm]?[jt]s)?$',
    caseSensitive: true,
    message:
      'Pure domain files must not import routes, repositories or tables; let a service pass the data in.',
  },
];

/**
 * Patterns for a file `depth` folders below server/src/modules/<module>/ (1 = the module's root).
 * `../B/x` (or `../../modules/B/x`) may only be B's index.ts or a B/*.table.ts.
 */
function crossModulePatterns(depth) {
  const up = '\\.\\./'.repeat(depth);
  const toModules = `(${up}|${up}\\.\\./modules/)`;
  const allowed = '(index|[^/]+\\.table)(\\.[cm]?[jt]s)?$';
  return [
    {
      regex: `^${toModules}(?!\\.)[^/]+/(?!${allowed}).+`,
      caseSensitive: true,
      message:
        "Another module's internals: import its public surface (../<module>/index.ts), or its *.table.ts for a foreign key.",
    },
  ];
}

const MAX_DEPTH = 4;
const boundaryConfigs = [];
for (let depth = 1; depth <= MAX_DEPTH; depth++) {
  const files = [`${MODULES}/*/${'*/'.repeat(depth - 1)}*.ts`];
  const cross = crossModulePatterns(depth);
  boundaryConfigs.push(
    {
      name: `guanxi/module-boundaries/depth-${depth}`,
      files,
      rules: { 'no-restricted-imports': ['error', { patterns: cross }] },
    },
    {
      // Later entries replace earlier rule options, so pure files get both sets.
      name: `guanxi/pure-domain/depth-${depth}`,
      files,
      ignores: IO_FILES,
      rules: { 'no-restricted-imports': ['error', { patterns: [...cross, ...PURE_PATTERNS] }] },
    },
  );
}

/** Node globals for the few plain-JS files (scripts, configs); TS files get theirs from @types/node. */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'performance',
  ].map((name) => [name, 'readonly']),
);

export default defineConfig([
  globalIgnores([
    'web/dist/',
    'node_modules/',
    'data/',
    'server/drizzle/',
    'test/e2e/artifacts/',
    'coverage/',
    'bench/out/',
  ]),
  {
    name: 'guanxi/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: nodeGlobals },
  },
  {
    name: 'guanxi/typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  ...boundaryConfigs,
]);
