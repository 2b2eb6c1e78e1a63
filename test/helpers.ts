/**
 * What the tests share: the app under Zapier's own tester, a connection, and the two things a user does in the Zap
 * editor (map a trigger's output into a field; pick a connection).
 */
import nock from 'nock';
import { boundaryTester } from './boundary';

/** Zapier's app tester, with what Zapier does to the input before a perform and to its error messages after. */
export const appTester = boundaryTester;

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
export { messageOf } from '../scripts/zapier-boundary';

/** The AppError's parsed JSON (message, code, status). */
export const appErrorOf = (error: unknown) => {
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('AppError');
  return JSON.parse((error as Error).message) as { message: string; code: string; status: number };
};

/**
 * The error a step (or any promise) is expected to end with. A promise that resolves fails the test instead, naming
 * what it returned: a failure at CleverTap must never pass as a success.
 */
export const failureOf = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    (result) => {
      throw new Error(`expected a failure, but it succeeded with ${JSON.stringify(result)}`);
    },
    (error: unknown) => error as Error,
  );

export type UploadBody = { d: Record<string, unknown>[] };
export type UploadAnswer = (records: Record<string, unknown>[], request: number) => [number, unknown];

export const allProcessed: UploadAnswer = (records) => [
  200,
  { status: 'success', processed: records.length, unprocessed: [] },
];

/**
 * One persistent interceptor for every upload to CleverTap (eu1), with the passcode header required: it keeps each
 * request's body and answers with `answer`, so big lists need no interceptor per request. Read the bodies after the step.
 */
export function recordUploads(answer: UploadAnswer = allProcessed): UploadBody[] {
  const sent: UploadBody[] = [];
  nock(EU_HOST, { reqheaders: { 'x-clevertap-passcode': PASSCODE } })
    .persist()
    .post('/1/upload')
    .reply((_uri, body) => {
      const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as UploadBody;
      sent.push(parsed);
      return answer(parsed.d, sent.length);
    });
  return sent;
}

/** An interceptor for CleverTap's eu1 host that matches only requests carrying the connection's exact headers. */
export const cleverTapWithHeaders = () =>
  nock(EU_HOST, {
    reqheaders: {
      'x-clevertap-account-id': authData.accountId,
      'x-clevertap-passcode': PASSCODE,
      'content-type': 'application/json; charset=utf-8',
    },
  });
