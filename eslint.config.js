import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A task's internals stay in its folder (src/core/tasks/boundaries.test.ts checks every import). */
const TASK_INTERNALS = {
  group: ['**/tasks/arith', '**/tasks/arith/**'],
  message: "A task's internals stay in its folder: use getTask() from src/core/tasks.",
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-e2e',
      'node_modules',
      'test-results',
      'playwright-report',
      'public',
      'training',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The engine runs in workers, in Node and in tests: no DOM, no React, no Node built-ins.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'node:*', 'fs', 'path', '**/app/**', '**/runtime/**'],
              message: 'src/core is pure TypeScript: no React, DOM, Node or runtime imports.',
            },
            TASK_INTERNALS,
          ],
        },
      ],
    },
  },
  {
    // Everything but the engine reaches a task through the registry (src/core/tasks/index.ts).
    files: ['src/**/*.{ts,tsx}', 'workers/**/*.ts', 'cli/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['src/core/**', '**/*.test.ts', 'scripts/emit-golden.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TASK_INTERNALS] }] },
  },
  {
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
