// The test tiers, as jest projects (`npm test` runs all three):
//   unit         npm run test:unit         test/ except e2e/ and reliability/: src/ file by file, the sandbox's and
//                                           the preview's own tests (both run local servers, in process)
//   e2e          npm run test:e2e          test/e2e: the app through Zapier's app tester against the sandbox
//   reliability  npm run test:reliability  test/reliability: generated inputs, the failure matrix, secrets
// The scripts pick a tier with JEST_TIER=NAME rather than `--selectProjects NAME`, which would swallow a path given
// after it (`npm run test:unit -- test/input`) as one more project name.
// The CLI and browser checks need a build (and Chromium, or Node 22 from npm): their own configs, not projects here
// (test/cli/jest.cli.config.js, preview/jest.browser.config.js). docs/testing.md has each tier's coverage and time.
//
// ts-jest only transpiles, one file at a time (`isolatedModules` in tsconfig.json, ts-jest 29's non-deprecated switch
// for it): `npm run typecheck` is what type-checks the tests.
//
// `npm run test:quick` (JEST_QUICK=1, FC_RUNS=100): the unit folders and the generated-input property runs
// (test/reliability/properties-*) cut down to 100 cases per action; not the end-to-end runs (test/e2e), the sandbox's
// own tests (test/sandbox) or the other reliability runs. Kept here rather than as --testPathIgnorePatterns in the
// script, which would swallow a path given after it (`npm run test:quick -- test/input`) as one more pattern.
//
// The root of every project is the whole project (tests are still only test/**/*.test.ts) so that jest's module map
// holds src/, index.ts and the tools: `-o` and `--findRelatedTests src/x.ts` follow imports from a changed file to its
// tests (with roots: [test/] they found nothing). The builds, Stryker's sandbox copy and reports are left out of the map.
//
// One worker per core (jest's default leaves one core to its main process, which mostly waits): on a 2-core machine
// two test files run at once instead of one, about halving the wall-clock time of both suites.
const QUICK_SKIPS = ['/test/e2e/', '/test/sandbox/', '/test/reliability/(?!properties-)'];
const quick = process.env.JEST_QUICK === '1';

/** What every project shares: ts-jest, the setup file, the module map. */
const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  modulePathIgnorePatterns: [
    '<rootDir>/dist/',
    '<rootDir>/dist-tools/',
    '<rootDir>/build/',
    '<rootDir>/coverage/',
    '<rootDir>/.stryker-tmp/',
    '<rootDir>/reports/',
  ],
  // TypeScript first, so `import App from '../index'` tests index.ts itself, not the build in dist/ behind index.js.
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  clearMocks: true,
};

/** A project: `folders` (under test/) are its tests, `skip` folders are another project's. */
const project = (displayName, folders, skip = []) => ({
  ...shared,
  displayName,
  testMatch: folders.map((folder) => `<rootDir>/test/${folder}**/*.test.ts`),
  testPathIgnorePatterns: ['/node_modules/', ...skip, ...(quick ? QUICK_SKIPS : [])],
});

const projects = [
  project('unit', [''], ['<rootDir>/test/e2e/', '<rootDir>/test/reliability/']),
  project('e2e', ['e2e/']),
  project('reliability', ['reliability/']),
];
const tier = process.env.JEST_TIER;
if (tier && !projects.some((p) => p.displayName === tier))
  throw new Error(
    `JEST_TIER=${tier}: not a tier; the tiers are ${projects.map((p) => p.displayName).join(', ')}`,
  );

/**
 * How long a worker may take to end after its last file (jest's default, 500 ms, then "A worker process has failed
 * to exit gracefully and has been force exited"). Measured on the 2-core CI machine (issue 17): at the end, nothing
 * of the tests is left in a worker (only its stdio and IPC pipes), its 'exit' event comes within 20 ms, yet the
 * process is still running 500 ms later, in Node's own teardown of its heap (workers ended at 300-750 MB RSS before the
 * heap limit below). A plain `node` process holding that much, with one core kept busy, takes 0.5-0.7 s (300 MB) and
 * 1.3-2.1 s (750 MB) from its 'exit' event to its end. 5 s covers that; a handle a test leaves open keeps a worker
 * alive for ever, so it is still reported, 5 s later.
 */
const WORKER_EXIT_MS = 5_000;

/**
 * The heap a worker may hold after a file before jest replaces it with a fresh one. Each test file loads the app and
 * zapier-platform-core in its own module registry, and core's module graph stays reachable after the file ends (about
 * 20 MB a file, measured by loading only `zapier-platform-core/src/create-app` in ten empty test files, issue 17):
 * without a limit a worker ends the unit tier at 600 MB of heap and the whole suite at 750 MB, and ending a process
 * that large takes seconds on a loaded machine, which jest reports as a worker "force exited". Replacing a worker
 * costs a new process (the transformed files stay in jest's cache); the unit tier takes less time with it (22 s
 * against 32 s here), as the workers spend less time collecting garbage.
 */
const WORKER_HEAP_LIMIT = '300MB';

/**
 * How long one test may run before jest calls it hung. Jest's default, 5 s, is a speed test on a loaded machine (the
 * 2500-event e2e run took longer with both cores busy), so the bound is far beyond the slowest test there; no test
 * asserts a duration. Jest 30 reads this from the top level only (jest-circus takes the global config's value; a
 * project's own `testTimeout` is ignored).
 */
const HANG_MS = 120_000;

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: '100%',
  testTimeout: HANG_MS,
  workerGracefulExitTimeout: WORKER_EXIT_MS,
  workerIdleMemoryLimit: WORKER_HEAP_LIMIT,
  projects: tier ? projects.filter((p) => p.displayName === tier) : projects,
};
