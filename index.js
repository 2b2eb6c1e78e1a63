// The Zapier CLI and its build wrapper load the app with require('<app root>/index.js'); the definition is written in
// TypeScript (index.ts) and compiled to dist/ by `npm run build`, so this file only hands over its default export.
module.exports = require('./dist/index.js').default;
