/**
 * What the shared suites of every kind of action (acting.ts, single-upload.ts, bulk.ts) are built from: running a
 * step through Zapier's boundary, recording what it sent, and refusing bad input before anything is sent. What every
 * action does with each of CleverTap's answers (errors, classes, replay advice, request counts) is the failure
 * matrix's (test/reliability/failures.test.ts), not these suites'.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { appTester, authData, EU_HOST, failureOf, messageOf, PASSCODE } from '../../helpers';

/** Any create's perform, whatever its fields. */
export type Perform = (z: ZObject, bundle: Bundle<never>) => unknown;

export type Input = Record<string, unknown>;

/** Runs `perform` with the test connection and `inputData`, as Zapier hands it over. */
export const runner = (perform: Perform) => (inputData: Input) =>
  appTester(perform as (z: ZObject, bundle: Bundle) => unknown, { authData, inputData });

/** What one request carried: its body as the text sent, and its headers. */
export interface Sent {
  body: string;
  headers: Record<string, unknown>;
}

/** Records every POST to `path` on CleverTap's eu1 host, answering each with `answer`. Read them after the step. */
export function recordPosts(path: string, answer: [number, unknown]): Sent[] {
  const sent: Sent[] = [];
  nock(EU_HOST)
    .persist()
    .post(path)
    .reply(function (_uri, body) {
      sent.push({ body: typeof body === 'string' ? body : JSON.stringify(body), headers: this.req.headers });
      return answer;
    });
  return sent;
}

/** The headers every call carries: the connection's two credentials, and a JSON body's one Content-Type. */
export const CONNECTION_HEADERS = {
  'x-clevertap-account-id': authData.accountId,
  'x-clevertap-passcode': PASSCODE,
  'content-type': 'application/json; charset=utf-8',
};

/** An input the step must refuse: what is wrong, the input, the message (or its start) naming the field. */
export type Refusal = [what: string, inputData: Input, message: RegExp | string];

/** For each case: an AppError naming the field, and nothing sent to `path`. */
export function itRefusesBeforeSending(perform: Perform, path: string, cases: Refusal[]): void {
  const run = runner(perform);
  describe('refuses bad input before sending anything', () => {
    it.each(cases)('%s', async (_what, inputData, expected) => {
      const scope = nock(EU_HOST).post(path).reply(200, { status: 'success' });
      const error = await failureOf(run(inputData));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toMatch(expected);
      expect(scope.isDone()).toBe(false);
    });
  });
}

/** The keys of a list of declared fields. */
export const keysOf = (fields: unknown) => ((fields ?? []) as { key: string }[]).map((f) => f.key);
