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
  // The project's machines have 2 cores: one jest worker per core. Each worker starts afresh every 100 mutants: jest
  // run again and again in one process grows to gigabytes, and a worker busy collecting garbage times out.
  concurrency: 2,
  maxTestRunnerReuse: 100,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  // The terminal lists the surviving mutants and the score table, not every test.
  clearTextReporter: { allowColor: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  // Below 85% (issue 12's bar) the run fails.
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
  // `npm run test:mutation -- --incremental` reuses the last run's results for code and tests that did not change.
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
