// Lint rules. TypeScript: typescript-eslint's recommended set with type information (recommendedTypeChecked:
// no-floating-promises, no-misused-promises, await-thenable, require-await, no-unsafe-*, ...), each file read through
// tsconfig.json by the project service. JavaScript (the configs, index.js, the preview page's script): the rules that
// need no types.
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = defineConfig(
  globalIgnores([
    'node_modules/',
    'dist/',
    'dist-tools/',
    'build/',
    'coverage/',
    'bench-results/',
    '.stryker-tmp/',
    'reports/',
  ]),
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['sandbox/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The tools and tests turn arbitrary JSON (answers, request bodies, field values) into text after checking for
    // objects themselves; the app's own code (src/) keeps the rule.
    files: ['sandbox/**/*.ts', 'scripts/**/*.ts', 'preview/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  {
    // Tests read answers, request bodies and page state as `any` (JSON.parse, nock, the sandbox's logs,
    // page.evaluate) and check them with expect(), which is where a wrong shape fails. The promise rules stay on.
    files: ['test/**/*.ts'],
    rules: {
      // expect(object.method) and jest's mocks pass methods around on purpose.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
