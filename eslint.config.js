import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'Runtime-specific: keep it out of this layer.' };
// zod's configuration (no eval under a CSP) must be in force before any schema is built.
const configuredZod = { name: 'zod', message: 'Import z from src/shared/zod, which configures it.' };

export default tseslint.config(
  { ignores: ['out', 'dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches Electron only through window.parley.' },
            configuredZod,
          ],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/server/**', '**/preload/**'],
              message: 'The renderer imports only src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'src/shared is runtime-neutral.' },
            { name: 'ws', message: 'src/shared is runtime-neutral.' },
            configuredZod,
          ],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/main/**', '**/server/**', '**/preload/**', '**/renderer/**'],
              message: 'src/shared imports nothing else of ours.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The server runs in plain Node too.' }],
          patterns: [
            {
              group: ['**/main/**', '**/preload/**', '**/renderer/**'],
              message: 'The server imports only src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [configuredZod] }] },
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [configuredZod],
          patterns: [
            {
              group: ['**/main/**', '**/server/**', '**/renderer/**'],
              message: 'The preload imports only src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/zod.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
