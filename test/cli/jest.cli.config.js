// The Zapier CLI end-to-end check (test/cli/*.cli.ts): `zapier-platform invoke`, `build` and the zip's own handler
// under Node 22 (from npm) against the sandbox. Kept out of `npm test` (its testMatch is **/*.test.ts) because it
// builds the app and the zip, writes the project's .env for invoke, and needs npm to fetch Node 22:
//   npm run test:cli (jest -c test/cli/jest.cli.config.js)
// ts-jest transpiles only (isolatedModules in tsconfig.json), as in jest.config.js. Each step is listed with its
// time (verbose); the timeouts bound a hang (the first run downloads Node 22), they do not measure speed.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/cli'],
  testMatch: ['**/*.cli.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 180000,
  verbose: true,
};
