// Mutation testing of the pure layers (`npm run test:mutation`): Stryker changes src/clevertap, src/input and
// src/wording.ts one small edit at a time and runs their own unit tests (stryker.jest.config.js) against each change;
// a change no test notices is a surviving mutant. Too slow for every CI run: run it after changing those layers.
// Reports go to reports/mutation/ (git-ignored): index.html to browse the survivors, mutation.json for tools.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['src/clevertap/**/*.ts', 'src/input/**/*.ts', 'src/wording.ts'],
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'stryker.jest.config.js' },
  coverageAnalysis: 'perTest',
  // This machine has 2 cores: one jest worker per core.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // The figure README gives; the run fails below 85%.
  thresholds: { high: 90, low: 85, break: 85 },
  // Builds, screenshots and bench results are not copied into the sandbox (.stryker-tmp/); the tests need none of them.
  ignorePatterns: [
    '/dist',
    '/dist-tools',
    '/build',
    '/coverage',
    '/bench-results',
    '/preview-screenshots',
    '/reports',
  ],
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
