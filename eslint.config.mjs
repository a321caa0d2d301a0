// ESLint: type-aware rules from typescript-eslint for the api, worker, cli, libs and tests, and
// React's hooks rules for the web app. `npm run lint` runs it; .ci/run fails on an error.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'apps/web/src/api/schema.d.ts', 'test/e2e-web/screenshots/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Unused names are the compiler's job (noUnusedLocals); a leading _ marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // An async method may implement an async interface without awaiting (the in-memory queue and
      // throttle store answer at once); a missing await that matters is no-floating-promises' job.
      '@typescript-eslint/require-await': 'off',
      // Codes read from the database (strings) are compared with the enums that name them.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Japanese text uses the full-width space (U+3000) on purpose.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true, skipComments: true }],
    },
  },
  {
    // Tests read HTTP answers (supertest's `res.body` is `any`) and raw query rows by design, and
    // assert on them; typing every answer would add casts, not safety.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.test.{ts,tsx}', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A cast on a query's result names the row shape the test reads.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The rules of hooks and their dependency lists. The plugin's React Compiler rules (refs read
    // during render, setState in an effect) are left out: this app is not compiled by it, and its
    // latest-value refs are the documented pattern without the compiler.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
