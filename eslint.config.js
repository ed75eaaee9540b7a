// Lint enforces the layer table of DESIGN §3, so a wrong import fails `npm run lint` instead of review.
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'net'], message: 'Node APIs are not available here (see DESIGN §3).' };
// main/<capability>/ may use another capability only through its index.
const capabilityInternals = { regex: '^\\.\\./(?!\\.\\.)[^/]+/.+', message: 'Import another capability through its index (../capability), not its internals.' };

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.d.ts', 'infra/cdk.out/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
      // Without a parser for .ts the plugin cannot read the files an import leads to, and no-cycle passes blind.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The core depends on nothing above it (DESIGN §3): a capability that needs something from a layer
      // above is given it (a function, a narrow type), never imports it back.
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './shared', from: ['./main', './renderer', './preload'], message: 'shared/ is imported by every layer and imports none of them.' },
            { target: './renderer', from: ['./main', './preload'], message: 'The renderer talks to main/ only through the contract client.' },
            { target: './preload', from: ['./main', './renderer'], message: 'The preload sees only shared/ types and electron.' },
            { target: './main', from: ['./renderer', './preload'], message: 'main/ never imports UI or preload code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [nodeBuiltins, { group: ['electron', 'react', 'kysely', 'mysql2'], message: 'shared/ holds pure code and zod only.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [nodeBuiltins, { group: ['electron'], message: 'The renderer reaches Electron only through window.cloudbank.' }] }] },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/ may import electron.' }], patterns: [capabilityInternals] }] },
  },
  { files: ['main/electron/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [capabilityInternals] }] } },
);
