// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
    },
  },
  {
    // Modules talk to each other only through their index.ts; never through tables or repositories.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(\\.\\./)*modules/[^/]+/(?!index\\.js$).+',
              message: 'Import another module only through its index.ts.',
            },
            {
              regex: '^\\.\\./(?!\\.\\.)[^/]+/.+\\.(repository|table)\\.js$',
              message: "Another module's tables and repositories are private; use its index.ts.",
            },
          ],
        },
      ],
    },
  },
  {
    // Table types are gathered into the one Database type: the only allowed reach into a module's tables.
    files: ['src/platform/db/database.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['src/platform/assets/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['scripts/**', 'bin/**', 'test/**', '**/*.test.ts'],
    rules: { 'no-console': 'off' },
  },
);
