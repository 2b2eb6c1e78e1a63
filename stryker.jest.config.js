// The jest config Stryker runs (`npm run test:mutation`, stryker.config.mjs): the project's unit project
// (jest.config.js), limited to the unit tests of the pure layers it mutates (src/clevertap, src/input,
// src/wording.ts): their "quick suite". One project, not `projects`, so Stryker's jest runner sees one plain config.
const unit = require('./jest.config.js').projects.find((project) => project.displayName === 'unit');

/** @type {import('jest').Config} */
module.exports = {
  ...unit,
  testMatch: ['**/test/clevertap/**/*.test.ts', '**/test/input/**/*.test.ts', '**/test/wording.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
