// Lint rules. TypeScript: typescript-eslint's recommended set with type information (recommendedTypeChecked:
// no-floating-promises, no-misused-promises, await-thenable, require-await, no-unsafe-*, ...), each file read through
// tsconfig.json by the project service. JavaScript (the configs, index.js, the preview page's script): the rules that
// need no types.
const { defineConfig, globalIgnores } = require('eslint/config');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

// The layers, as an import rule (docs/architecture.md, "The layers"): creates/searches/triggers -> fields -> input -> clevertap;
// creates -> zapier -> clevertap; nothing back up. Each folder lists what it may import; anything else fails lint
// (test/layers.test.ts proves it on deliberate back-imports). The leaf modules of src/ (wording.ts: quoting and the
// 250-character budget; compile-checks.ts: tsc checks of constants; guards.ts: the one object guard) import nothing and may be imported by every layer.
// index.ts wires everything and is not restricted. The tools (sandbox/, scripts/, preview/) import nothing of src/.
const LEAVES = 'wording|compile-checks|guards';
const CORE = { regex: '^zapier-platform-core$', message: 'no Zapier here: this layer is plain TypeScript.' };
/** Relative imports one folder below src/ may make: only the leaves and the folders named. */
const onlyFrom = (folders, message) => ({
  regex: `^\\.\\./(?!(${LEAVES})$${folders.map((f) => `|${f}/[^/]+$`).join('')})`,
  message,
});
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const ACTIONS_APART = {
  regex: '^(\\./|\\.\\./(creates|searches|triggers|authentication)(/|$)|\\.\\./\\.\\.)',
  message:
    'actions are thin adapters: they import the layers below (fields, input, clevertap, zapier), never each other; index.ts wires them.',
};
const LAYERS = [
  {
    files: ['src/clevertap/**/*.ts'],
    rules: restrict(
      CORE,
      onlyFrom(
        [],
        'src/clevertap/ is pure CleverTap facts: it imports only src/clevertap/ and the leaf modules.',
      ),
    ),
  },
  {
    files: ['src/input/**/*.ts'],
    rules: restrict(
      CORE,
      onlyFrom(['clevertap'], 'src/input/ imports only src/input/, src/clevertap/ and the leaves.'),
    ),
  },
  {
    files: ['src/fields/**/*.ts'],
    rules: restrict(
      onlyFrom(
        ['clevertap', 'input'],
        'src/fields/ imports only src/fields/, src/input/, src/clevertap/ and the leaves.',
      ),
    ),
  },
  {
    files: ['src/zapier/**/*.ts'],
    rules: restrict(
      onlyFrom(
        ['clevertap'],
        'src/zapier/ imports only src/zapier/, src/clevertap/ and the leaves (input parsing lives in src/fields/).',
      ),
    ),
  },
  {
    files: ['src/creates/**/*.ts', 'src/searches/**/*.ts', 'src/triggers/**/*.ts'],
    rules: restrict(ACTIONS_APART),
  },
  {
    files: ['src/authentication.ts'],
    rules: restrict({
      regex: '^(\\./(creates|searches|triggers)/|\\.\\./)',
      message: 'the connection imports the layers below, not the actions; index.ts wires them.',
    }),
  },
  {
    files: ['src/wording.ts', 'src/compile-checks.ts', 'src/guards.ts'],
    rules: restrict({
      regex: '^\\.',
      message: 'a leaf module imports nothing of the app, so every layer may import it.',
    }),
  },
  {
    files: ['sandbox/**/*.ts', 'scripts/**/*.ts', 'preview/**/*.ts'],
    rules: restrict({
      regex: '(^|/)src(/|$)',
      message: "the tools import nothing of src/: only the app's public entry (index.ts, or its build).",
    }),
  },
];

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
  ...LAYERS,
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
