/**
 * The failure scenarios (see failures.test.ts), shared with the secrets scan. Failures, enumerated: every answer CleverTap can give (and a lost connection, and silence) for every action of the
 * app definition and the connection test. Each maps to the right Zapier error class and message, nothing failed is
 * reported as a success, and exactly the expected number of requests is sent: no blind retry (an event sent twice
 * is stored twice). The connection test alone sends more after a refusal: the read-only wrong-region probe.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import zapier from 'zapier-platform-core';
import App from '../../index';
import { Action, actions, auth, connection, minimalInput, recordAll, Responder } from './harness';

const appTester = zapier.createAppTester(App);
type Perform = Parameters<typeof appTester>[0];

const fail = (status: number, error: string) => ({ status: 'fail', error, code: status });
const HTML = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
const ECHOED = { identity: 'echoed-user@example.com', profileData: { Secret: 'ECHOED-PERSONAL-DATA' } };

/** What a step must end with. */
export interface Expected {
  error?: 'AppError' | 'ExpiredAuthError' | 'ThrottledError';
  message?: RegExp;
  delay?: number;
  requests: number;
}

export interface Scenario {
  name: string;
  reply: Responder | 'reset' | 'timeout';
  expect: (action: Action) => Expected;
}

const isUpload = (a: Action) => a.kind === 'create';
/** Whether sending the minimal input twice could store it twice: events, purchases, counters. */
const mayDuplicate = (a: Action) => a.kind === 'create' && !/profile(s)?(_bulk)?$/.test(a.key);

const REFUSED = /CleverTap did not accept the Account ID and Passcode for the Europe \(eu1\) region\./;
const PROBED = /No other CleverTap region accepts them either/;

/** After 401/403 the connection test asks the other five regions (which, here, refuse too). */
const refusal = (a: Action): Expected =>
  a.kind === 'connection'
    ? { error: 'ExpiredAuthError', message: new RegExp(`${REFUSED.source}.*${PROBED.source}`), requests: 6 }
    : { error: 'ExpiredAuthError', message: REFUSED, requests: 1 };

const rejected = (message: RegExp) => (): Expected => ({ error: 'AppError', message, requests: 1 });
const unavailable = (status: number) =>
  rejected(new RegExp(`CleverTap is unavailable right now \\(HTTP ${status}\\)`));

/** A 200 whose body is not a success: uploads and lookups fail; the connection test only needs the 200. */
const notSuccess =
  (upload: RegExp, lookup: RegExp) =>
  (a: Action): Expected =>
    a.kind === 'connection'
      ? { requests: 1 }
      : { error: 'AppError', message: isUpload(a) ? upload : lookup, requests: 1 };

// Bulk steps wrap the same words in a report per item ("Request 1 of 1 (item 1) failed: ...").
const NOT_SAVED = /CleverTap did not save the data|CleverTap confirmed 0 of the 1 \w+ as saved/;
const NO_UPLOAD_ANSWER = /something other than an upload result/;
const NO_LOOKUP_ANSWER = /something other than a profile answer/;

export const SCENARIOS: Scenario[] = [
  { name: '401 Invalid Credentials', reply: () => [401, fail(401, 'Invalid Credentials')], expect: refusal },
  { name: '403 not allowed', reply: () => [403, fail(403, 'Forbidden')], expect: refusal },
  {
    name: '400 with a body',
    reply: () => [400, { ...fail(400, 'Malformed JSON payload'), record: ECHOED }],
    expect: rejected(/CleverTap rejected the request as invalid: Malformed JSON payload/),
  },
  { name: '400 without a body', reply: () => [400, ''], expect: rejected(/invalid: no details given/) },
  {
    name: '404',
    reply: () => [404, fail(404, 'Not Found')],
    expect: rejected(/did not find that API address \(HTTP 404\)/),
  },
  {
    name: '405',
    reply: () => [405, fail(405, 'Method Not Allowed')],
    expect: rejected(/does not allow this request \(HTTP 405\)/),
  },
  {
    name: '409',
    reply: () => [409, fail(409, 'Conflict')],
    expect: rejected(/reported a conflict \(HTTP 409\)/),
  },
  {
    name: '413',
    reply: () => [413, fail(413, 'Payload Too Large')],
    expect: rejected(/too large for CleverTap \(HTTP 413\)/),
  },
  {
    name: '429 with Retry-After',
    reply: () => [429, fail(429, 'Too many concurrent requests'), { 'Retry-After': '7' }],
    expect: () => ({ error: 'ThrottledError', message: /HTTP 429/, delay: 7, requests: 1 }),
  },
  {
    name: '429 without Retry-After',
    reply: () => [429, fail(429, 'Too many concurrent requests')],
    expect: () => ({ error: 'ThrottledError', message: /HTTP 429/, delay: 60, requests: 1 }),
  },
  { name: '500', reply: () => [500, fail(500, 'Internal Server Error')], expect: unavailable(500) },
  {
    name: '502 with an HTML page',
    reply: () => [502, HTML, { 'Content-Type': 'text/html' }],
    expect: unavailable(502),
  },
  {
    name: '503',
    reply: () => [503, fail(503, 'Service unavailable, retry later')],
    expect: unavailable(503),
  },
  {
    name: '200 success',
    reply: (req) =>
      req.method === 'POST'
        ? [
            200,
            {
              status: 'success',
              processed: (JSON.parse(req.body) as { d: unknown[] }).d.length,
              unprocessed: [],
            },
          ]
        : [200, { status: 'success', record: { identity: 'ada@example.com', Name: 'Ada' } }],
    expect: () => ({ requests: 1 }),
  },
  {
    name: '200 partial',
    reply: () => [
      200,
      {
        status: 'partial',
        processed: 0,
        unprocessed: [
          {
            status: 'fail',
            code: 515,
            error: 'Email invalid. ErrorCode: 515 Skipped record number : 1',
            record: ECHOED,
          },
        ],
      },
    ],
    expect: notSuccess(NOT_SAVED, NO_LOOKUP_ANSWER),
  },
  {
    name: '200 fail',
    reply: () => [
      200,
      {
        status: 'fail',
        processed: 0,
        error: 'Server error',
        unprocessed: [
          { status: 'fail', code: 555, error: 'Server error. Skipped record number : 1', record: ECHOED },
        ],
      },
    ],
    expect: notSuccess(NOT_SAVED, /CleverTap could not look up the profile: Server error/),
  },
  {
    name: '200 success that processed nothing',
    reply: () => [200, { status: 'success', processed: 0, unprocessed: [] }],
    expect: (a) =>
      a.kind === 'search'
        ? { requests: 1 } // a lookup answer without a record: "no match"
        : notSuccess(/neither processed nor reported as failed|May or may not be saved/, NO_LOOKUP_ANSWER)(a),
  },
  {
    name: '200 with an empty body',
    reply: () => [200, ''],
    expect: notSuccess(NO_UPLOAD_ANSWER, NO_LOOKUP_ANSWER),
  },
  {
    name: '200 with a non-JSON body',
    reply: () => [200, '<html>maintenance</html>', { 'Content-Type': 'text/html' }],
    expect: notSuccess(NO_UPLOAD_ANSWER, NO_LOOKUP_ANSWER),
  },
  {
    name: 'a connection reset',
    reply: 'reset',
    expect: (a) => ({
      error: 'AppError',
      message: mayDuplicate(a)
        ? /The connection to CleverTap failed \(.+\)\. The data may or may not have been saved: check CleverTap before replaying/
        : /The connection to CleverTap failed \(.+\)\. Nothing is known to be saved; it is safe to replay this step\./,
      requests: 1,
    }),
  },
  {
    name: 'a timeout',
    reply: 'timeout',
    expect: (a) => ({
      error: 'AppError',
      message: mayDuplicate(a)
        ? /CleverTap did not answer within 20 seconds\. The data may or may not have been saved/
        : /CleverTap did not answer within 20 seconds\. Nothing is known to be saved/,
      requests: 1,
    }),
  },
];

/** A local server that reads each request and destroys its socket without answering. */
async function resetServer(): Promise<{ base: string; count: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = http.createServer((req) => {
    count += 1;
    req.resume();
    req.on('end', () => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/{region}`,
    count: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const BASE_URL_VARIABLE = 'CLEVERTAP_API_BASE_URL';

export interface Outcome {
  result?: unknown;
  error?: Error;
  requests: number;
  sent: string[];
  logs: string[];
}

/** How a step is run: by default through core's app tester; the secrets scan runs it with its logs captured. */
export type Runner = (
  action: Action,
  bundle: Record<string, unknown>,
) => Promise<{ result?: unknown; error?: Error; logs?: string[] }>;

const testerRunner: Runner = (action, bundle) =>
  appTester(action.perform as Perform, bundle).then(
    (result) => ({ result }),
    (error: unknown) => ({ error: error as Error }),
  );

/** Runs one action (or the connection test) against one scenario; returns what happened. */
export async function runScenario(
  action: Action,
  scenario: Scenario,
  runner: Runner = testerRunner,
): Promise<Outcome> {
  const bundle = { authData: auth, inputData: action.kind === 'connection' ? {} : minimalInput(action) };
  const settle = async (p: Promise<{ result?: unknown; error?: Error; logs?: string[] }>) => {
    const { logs = [], ...rest } = await p;
    return { ...rest, logs };
  };
  if (scenario.reply === 'reset') {
    const server = await resetServer();
    process.env[BASE_URL_VARIABLE] = server.base;
    try {
      const outcome = await settle(runner(action, bundle));
      return { ...outcome, requests: server.count(), sent: [] };
    } finally {
      delete process.env[BASE_URL_VARIABLE];
      await server.close();
    }
  }
  if (scenario.reply === 'timeout') {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const seen: string[] = [];
      for (const method of ['GET', 'POST'])
        nock(/.*/)
          .persist()
          .intercept(/.*/, method)
          .delay(60_000)
          .reply(function (uri, body) {
            seen.push(`${this.req.method} ${uri} ${typeof body === 'string' ? body : JSON.stringify(body)}`);
            return [200, { status: 'success', processed: 1, unprocessed: [] }];
          });
      const pending = settle(runner(action, bundle));
      await jest.advanceTimersByTimeAsync(20_001);
      return { ...(await pending), requests: seen.length, sent: seen };
    } finally {
      jest.useRealTimers();
    }
  }
  const seen = recordAll(scenario.reply);
  const outcome = await settle(runner(action, bundle));
  return { ...outcome, requests: seen.length, sent: seen.map((s) => `${s.method} ${s.url} ${s.body}`) };
}

export const SUBJECTS = [...actions(), connection];
