/**
 * The connection label as Zapier shows it beside a connected account: the definition's `connectionLabel` template
 * filled from the connection test's result. `{{bundle.inputData.x}}` is the test's result, `{{bundle.authData.x}}`
 * the connection's fields, `{{x}}` a key of the result; `__` may stand for `.`; a missing value is empty. A function
 * (or request) label is run through zapier-platform-core instead (see steps.ts).
 */

const TAG = /{{\s*([^{}]+?)\s*}}/g;

function lookUp(scope: Record<string, unknown>, path: string): unknown {
  let value: unknown = scope;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.prototype.hasOwnProperty.call(value, part))
      return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function renderConnectionLabel(
  template: string,
  authData: Record<string, unknown>,
  testResult: unknown,
): string {
  const result =
    typeof testResult === 'object' && testResult !== null ? (testResult as Record<string, unknown>) : {};
  const scope = { ...result, bundle: { authData, inputData: result } };
  return template
    .replace(TAG, (_tag, path: string) => {
      const value = lookUp(scope, path.replaceAll('__', '.'));
      if (value === undefined || value === null) return '';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    })
    .trim();
}
