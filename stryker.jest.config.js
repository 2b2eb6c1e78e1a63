// The jest config Stryker runs (`npm run test:mutation`, stryker.config.mjs): the project's own jest config, limited to
// the unit tests of the pure layers it mutates (src/clevertap, src/input, src/wording.ts): their "quick suite".
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/test/clevertap/**/*.test.ts', '**/test/input/**/*.test.ts', '**/test/wording.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
