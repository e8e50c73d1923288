// Lint, including the import boundaries of DESIGN.md section 2: src-common imports nothing of the
// repo and no platform; the server never imports Electron or React; the renderer never imports
// Electron, Node built-ins or the server.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Type-only imports are allowed across zones: the contracts use mediasoup-client's types.
const zone = (message, groups) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group, message, allowTypeImports: true })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-results/', 'playwright-report/', 'bench/results/', 'bench/.build/', 'bench/.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src-common/**/*.ts'],
    rules: zone('src-common is shared by every target: no platform, no other part of the repo.', [
      ['node:*', 'electron', 'react', 'react-dom', 'mediasoup', 'ws'],
      ['**/server/**', '**/src-main/**', '**/src-renderer/**'],
    ]),
  },
  {
    files: ['server/**/*.ts'],
    rules: zone('The server runs standalone and embedded: no Electron, React or renderer code.', [
      ['electron', 'react', 'react-dom', 'mediasoup-client'],
      ['**/src-renderer/**', '**/src-main/**'],
    ]),
  },
  {
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...zone('The renderer also runs in a plain browser: no Electron, Node built-ins or server code.', [
        ['electron', 'node:*', 'mediasoup', 'ws'],
        ['**/server/**', '**/src-main/**'],
      ]),
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Benchmarks drive the server's parts directly (worker pool, codecs) but never the renderer.
    files: ['bench/**/*.ts'],
    rules: zone('Benchmarks measure the server and the browser from outside: no renderer or Electron code.', [
      ['electron', 'react', 'react-dom'],
      ['**/src-renderer/**', '**/src-main/**'],
    ]),
  },
  {
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
