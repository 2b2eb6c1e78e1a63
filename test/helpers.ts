/**
 * What the tests share: the app under Zapier's own tester, a connection, and the two things a user does in the Zap
 * editor (map a trigger's output into a field; pick a connection).
 */
import zapier from 'zapier-platform-core';
import App from '../index';

export const appTester = zapier.createAppTester(App);

export const PASSCODE = 'test-passcode-SECRET-9f2c';

export const authData = { accountId: 'TEST-ACC-123', passcode: PASSCODE, region: 'eu1' };

export const EU_HOST = 'https://api.clevertap.com';

/** The value at a dotted path of a trigger sample, as Zapier's mapping inserts it: text, or '' when absent. */
function valueAt(sample: unknown, path: string): string {
  const value = path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      sample,
    );
  return value === undefined || value === null ? '' : String(value);
}

/** Fills `{{path}}` placeholders with a trigger's values, exactly as the Zap editor's mapping does (no escaping). */
export function mapFields<T extends Record<string, string>>(template: T, sample: unknown): T {
  return Object.fromEntries(
    Object.entries(template).map(([key, text]) => [
      key,
      text.replace(/\{\{([^}]+)\}\}/g, (_, path) => valueAt(sample, path.trim())),
    ]),
  ) as T;
}

/** The message of an AppError (z.errors.Error stores JSON in .message). */
export function messageOf(error: unknown): string {
  const text = (error as Error).message;
  try {
    const parsed = JSON.parse(text) as { message?: string };
    return parsed.message ?? text;
  } catch {
    return text;
  }
}
