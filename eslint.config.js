// Lint, including the import boundaries of DESIGN.md section 2: src-common imports nothing of the
// repo and no platform; the server never imports Electron or React; the renderer never imports
// Electron, Node built-ins or the server; the main process never imports React or renderer code
// and uses the server only through its embed API; the sandboxed preload imports only Electron
// and the contracts. The renderer's core is framework-free and layered (see CORE_LAYERS).
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Type-only imports are allowed across zones: the contracts use mediasoup-client's types.
// `regexes` catch what globs cannot say (an exception inside a banned folder).
const zone = (message, groups, regexes = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...groups.map((group) => ({ group, message, allowTypeImports: true })),
        ...regexes.map((regex) => ({ regex, message, allowTypeImports: true })),
      ],
    },
  ],
});

// The renderer also runs in a plain browser; `extra` adds a part's own rules (rule options do not
// merge across config blocks, so every renderer block repeats the base). Only the base lets
// type-only imports through (the contracts use mediasoup-client's types): a layer rule holds for
// types too.
const RENDERER_BASE = {
  allowTypeImports: true,
  message: 'The renderer also runs in a plain browser: no Electron, Node built-ins or server code.',
  groups: [
    ['electron', 'electron-log', 'electron-log/*', 'better-sqlite3', 'node:*', 'mediasoup', 'ws'],
    ['**/server/**', '**/src-main/**'],
  ],
};
const rendererZone = (...extra) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [RENDERER_BASE, ...extra].flatMap(({ message, groups = [], regexes = [], allowTypeImports = false }) => [
        ...groups.map((group) => ({ group, message, allowTypeImports })),
        ...regexes.map((regex) => ({ regex, message, allowTypeImports })),
      ]),
    },
  ],
});

/** The renderer core's folders, lowest first. */
const CORE_LAYERS = ['base', 'signaling', 'media', 'session', 'meeting', 'desktop', 'app'];

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
      ['node:*', 'electron', 'electron-log', 'electron-log/*', 'better-sqlite3', 'react', 'react-dom', 'mediasoup', 'ws'],
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
      ...rendererZone(),
    },
  },
  // The UI reaches the session through core/session and core/meeting; sockets and requests stay below.
  {
    files: ['src-renderer/src/**/*.{ts,tsx}'],
    ignores: ['src-renderer/src/core/**'],
    rules: rendererZone({ message: 'Components and hooks never reach signaling directly: go through core/session or core/meeting.', groups: [['**/core/signaling/**']] }),
  },
  // core is framework-free and layered bottom-up (base <- signaling <- media <- session <- meeting
  // <- desktop <- app): a folder imports its own and lower folders, never React or the UI.
  ...CORE_LAYERS.map((layer, index) => ({
    files: [`src-renderer/src/core/${layer}/**/*.ts`],
    rules: rendererZone(
      { message: 'core is framework-free: no React, components or hooks.', groups: [['react', 'react-dom', 'react/*', 'react-dom/*', '**/components/**', '**/hooks/**']] },
      ...(index < CORE_LAYERS.length - 1
        ? [
            {
              message: `core/${layer} sits below ${CORE_LAYERS.slice(index + 1).join(', ')}: dependencies point down the layers.`,
              // `../session`, and the same reached the long way round (`../../core/session`).
              regexes: [`^(\\.\\./)+(core/)?(${CORE_LAYERS.slice(index + 1).join('|')})(/|$)`],
            },
          ]
        : []),
    ),
  })),
  // Everything in core is in a layer folder (a new folder would escape the layer rules) and is .ts.
  {
    files: ['src-renderer/src/core/**/*.{ts,tsx}'],
    ignores: CORE_LAYERS.map((layer) => `src-renderer/src/core/${layer}/**/*.ts`),
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: `core code lives in one of its layer folders (${CORE_LAYERS.join(', ')}), as .ts (no JSX).` }] },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/preload/**'],
    rules: zone('The main process has no React or renderer code, and embeds the server only through its embed API (server/src/embed.ts).', [
      ['react', 'react-dom', 'react/*', 'mediasoup-client', 'mediasoup-client/*'],
      ['**/src-renderer/**'],
    ], ['(^|/)server/(?!src/(createServer|embed)$)']),
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: zone('The preload is sandboxed: only Electron and the contracts, no Node built-ins, no main or renderer code.', [
      ['node:*', 'fs', 'path', 'child_process', 'os', 'better-sqlite3', 'electron-log', 'electron-log/*', 'react', 'react-dom', 'mediasoup-client'],
      ['**/src-renderer/**', '**/server/**'],
    ], ['^\\.\\./(?!\\.\\./src-common/)']),
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'bin/**/*.mjs', '*.config.{js,ts}'],
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
