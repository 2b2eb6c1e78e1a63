// The preview's browser check (test/preview/*.browser.ts): headless Chromium against `node dist-tools/preview/cli.js`.
// Kept out of `npm test` (its testMatch is **/*.test.ts) because it needs a built app and a Chromium:
//   npm run test:browser (npm run build, then jest -c preview/jest.browser.config.js)
// ts-jest transpiles only (isolatedModules in tsconfig.json), as in jest.config.js.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/preview'],
  testMatch: ['**/*.browser.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
};
