import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  // generated/: graphql-codegen output (`npm run codegen`), checked by `npm run codegen:check` rather than linted.
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'web/dist/**', 'coverage/**', 'bench/results/**', '**/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only config.ts files (and the launch scripts that hand the environment to them) read process.env.
      'no-process-env': 'error',
      'no-console': 'error',
    },
  },
  {
    files: [
      '**/config.ts',
      '**/*.config.ts',
      'scripts/**',
      'packages/testing/**',
      '**/test/**',
      '**/*.test.ts',
      'bench/**',
      'schema/compose.ts',
      'infra/test/**',
      'web/e2e/**',
    ],
    rules: { 'no-process-env': 'off' },
  },
  {
    files: ['scripts/**', 'bench/**', 'schema/compose.ts', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // The Rules of React for the SPA (recommended set; `npm run lint` allows no warnings).
  { ...reactHooks.configs.flat.recommended, files: ['web/**/*.{ts,tsx}'] },
  {
    // The admins' GraphQL explorer: plain browser scripts served as they are, after the React 18 / GraphiQL 3 UMD bundles.
    files: ['gateway/src/explorer/static/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, React: 'readonly', ReactDOM: 'readonly', GraphiQL: 'readonly' },
    },
  },
);
