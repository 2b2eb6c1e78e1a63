// Core's own validation (what `zapier-platform validate` runs locally), reached by its internal path: fine with the
// exact pin of zapier-platform-core. Typed here because core ships no declarations for it.
declare module 'zapier-platform-core/src/tools/schema' {
  export function prepareApp(app: object): object;
  export function validateApp(compiledApp: object): unknown[];
}
