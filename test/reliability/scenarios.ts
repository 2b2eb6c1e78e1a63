/**
 * The failure scenarios (see failures.test.ts), shared with the secrets scan. Failures, enumerated: every answer
 * CleverTap can give (and a lost connection, and silence) for every action of the app definition and the connection
 * test, each step run through Zapier's boundary (../boundary.ts). Each maps to the right Zapier error class and
 * message, nothing failed is reported as a success, and exactly the expected number of requests is sent: no blind
 * retry (an event sent twice is stored twice). The connection test alone sends more after a refusal: the read-only
 * wrong-region probe, which here either finds the credentials in another region or finds them nowhere.
 *
 * The single steps say what failed; a bulk step reports what became of its one item ("CleverTap saved 0 of 1
 * events; 1 not saved (item 1). <what to do>. <why>"), the why shortened to what fits in 250 characters.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Action, actions, auth, connection, minimalInput, recordAll, Responder } from './harness';
import { boundaryTester } from '../boundary';

const appTester = boundaryTester;
type Perform = Parameters<typeof appTester>[0];

const fail = (status: number, error: string) => ({ status: 'fail', error, code: status });
const HTML = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';
const ECHOED = { identity: 'echoed-user@example.com', profileData: { Secret: 'ECHOED-PERSONAL-DATA' } };

/** What a step must end with. */
export interface Expected {
  error?: 'AppError' | 'ExpiredAuthError' | 'ThrottledError';
  message?: RegExp;
  /** Facts that must be inside the part of the message Zapier shows (the first 250 characters). */
  essential?: string[];
  /** A fact the message must lead with: inside its first sentence. */
  leads?: string;
  delay?: number;
  /** The step's output, when it is known exactly. */
  result?: unknown;
  requests: number;
}

export interface Scenario {
  name: string;
  reply: Responder | 'reset' | 'timeout';
  expect: (action: Action) => Expected;
}

/** Whether sending the minimal input twice could store it twice: events, purchases, counters. */
const mayDuplicate = (a: Action) => a.kind === 'create' && !/profile(s)?(_bulk)?$/.test(a.key);
/** The bulk steps: their failures are reports of what became of each item. */
export const isBulk = (a: Action) => a.kind === 'create' && /_bulk$/.test(a.key);

/** The connection's region (harness.ts `auth`), as messages name it. */
export const CONNECTION_REGION = 'Europe (eu1)';
/** The region the wrong-region scenario accepts the credentials in. */
const OTHER_REGION = { host: 'in1.api.clevertap.com', name: 'India (in1)' };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const REFUSED = new RegExp(
  `^CleverTap refused the Account ID or Passcode for ${escape(CONNECTION_REGION)}\\.`,
);

/**
 * The start of a bulk report for the minimal input (one item) with nothing saved: the count saved, the item numbers
 * not saved or uncertain, and the one thing to do, in that order. `uncertain` when the request got no usable answer.
 */
function bulkHead(a: Action, uncertain: boolean): string {
  const noun =
    a.key === 'upload_events_bulk' ? 'events' : a.key === 'upsert_profiles_bulk' ? 'profiles' : '\\w+';
  if (!uncertain)
    return `^CleverTap saved 0 of 1 ${noun}; 1 not saved \\(item 1\\)\\. Nothing was saved, so replaying is safe`;
  const advice = mayDuplicate(a)
    ? "Don't replay the step: check the uncertain items in CleverTap"
    : 'Replaying is safe: saved \\w+ are only updated again\\.';
  return `^CleverTap saved 0 of 1 ${noun}; 1 uncertain \\(item 1\\)\\. ${advice}`;
}

/** A bulk report: its head, then (as far as it fits) the cause. */
const report = (a: Action, uncertain: boolean, cause?: RegExp) =>
  new RegExp(cause ? `${bulkHead(a, uncertain)}.* ${cause.source}` : bulkHead(a, uncertain), 's');

/** A refused request: the single steps say why; a bulk step reports item 1 not saved, then why. */
const requestFailed = (single: RegExp, a: Action) =>
  isBulk(a)
    ? report(a, false, new RegExp(`Request 1 of 1 failed: ${single.source.replace(/^\^/, '')}`))
    : single;
/** A request without a usable answer: a bulk step reports item 1 as uncertain, then why, as far as it fits. */
const noAnswer = (single: RegExp, a: Action, prefix: RegExp) =>
  isBulk(a) ? report(a, true, new RegExp(`Request 1 of 1 got no answer: ${prefix.source}`)) : single;

/** After 401/403 the connection test asks the other five regions (which, here, refuse too). */
const refusal = (a: Action): Expected =>
  a.kind === 'connection'
    ? // Its message is worded elsewhere (region-probe.ts): it must name the region and fit.
      { error: 'ExpiredAuthError', essential: [CONNECTION_REGION], requests: 6 }
    : {
        error: 'ExpiredAuthError',
        // A bulk report names the refusal (which region) before the advice: it is what the user acts on.
        message: isBulk(a)
          ? new RegExp(
              `^CleverTap saved 0 of 1 \\w+; 1 not saved \\(item 1\\)\\. Request 1 of 1 failed: ${REFUSED.source.slice(1)}` +
                '.* Nothing was saved, so replaying is safe\\.',
            )
          : REFUSED,
        essential: [CONNECTION_REGION],
        requests: 1,
      };

const rejected =
  (message: RegExp) =>
  (a: Action): Expected => ({ error: 'AppError', message: requestFailed(message, a), requests: 1 });
const unavailable = (status: number) =>
  rejected(new RegExp(`CleverTap is unavailable right now \\(HTTP ${status}\\)`));
const throttled =
  (delay: number) =>
  (a: Action): Expected => ({
    error: 'ThrottledError',
    message: isBulk(a)
      ? report(a, false, /Request 1 of 1 failed: CleverTap was busy with too many requests .*\(HTTP 429\)/)
      : /HTTP 429/,
    delay,
    requests: 1,
  });

/**
 * A 200 whose body is not a success: uploads (`single`, or for a bulk step `bulk`) and lookups fail; the connection
 * test only needs the 200.
 */
const notSuccess =
  (failed: { single: RegExp; bulk?: RegExp; lookup: RegExp }) =>
  (a: Action): Expected =>
    a.kind === 'connection'
      ? { requests: 1 }
      : {
          error: 'AppError',
          message:
            a.kind === 'search' ? failed.lookup : isBulk(a) && failed.bulk ? failed.bulk : failed.single,
          requests: 1,
        };

const NO_UPLOAD_ANSWER = /something other than an upload result/;
const NO_LOOKUP_ANSWER = /something other than a profile answer/;
const NOT_FOUND_ADDRESS = /CleverTap did not find that API address \(HTTP 404\)/;

export const SCENARIOS: Scenario[] = [
  { name: '401 Invalid Credentials', reply: () => [401, fail(401, 'Invalid Credentials')], expect: refusal },
  { name: '403 not allowed', reply: () => [403, fail(403, 'Forbidden')], expect: refusal },
  {
    name: `401 here, the credentials accepted in ${OTHER_REGION.name}`,
    reply: (req) =>
      new URL(req.url).host === OTHER_REGION.host
        ? [200, { status: 'success', record: null }]
        : [401, fail(401, 'Invalid Credentials')],
    // The connection test finds the region (the finding first); the other steps do not probe.
    expect: (a) =>
      a.kind === 'connection'
        ? { error: 'ExpiredAuthError', leads: OTHER_REGION.name, essential: [OTHER_REGION.name], requests: 6 }
        : refusal(a),
  },
  {
    name: '400 with a body',
    reply: () => [400, { ...fail(400, 'Malformed JSON payload'), record: ECHOED }],
    expect: rejected(/CleverTap rejected the request as invalid: Malformed JSON payload/),
  },
  {
    name: '400 without a body',
    reply: () => [400, ''],
    expect: rejected(/CleverTap rejected the request as invalid: no details given/),
  },
  {
    // CleverTap's not-found answer to a lookup; to anything else, a wrong address.
    name: "404 with CleverTap's not-found body",
    reply: () => [404, fail(404, 'Not Found')],
    expect: (a) => (a.kind === 'search' ? { result: [], requests: 1 } : rejected(NOT_FOUND_ADDRESS)(a)),
  },
  {
    // A 404 that says nothing about a profile (a wrong address, a proxy's page) is never "no match".
    name: '404 with an HTML page',
    reply: () => [404, '<html><body><h1>404 Not Found</h1></body></html>', { 'Content-Type': 'text/html' }],
    expect: rejected(NOT_FOUND_ADDRESS),
  },
  {
    name: '405',
    reply: () => [405, fail(405, 'Method Not Allowed')],
    expect: rejected(/CleverTap does not allow this request \(HTTP 405\)/),
  },
  {
    name: '409',
    reply: () => [409, fail(409, 'Conflict')],
    expect: rejected(/CleverTap reported a conflict \(HTTP 409\)/),
  },
  {
    name: '413',
    reply: () => [413, fail(413, 'Payload Too Large')],
    expect: rejected(/The request is too large for CleverTap \(HTTP 413\)/),
  },
  {
    name: '429 with Retry-After',
    reply: () => [429, fail(429, 'Too many concurrent requests'), { 'Retry-After': '7' }],
    expect: throttled(7),
  },
  {
    name: '429 without Retry-After',
    reply: () => [429, fail(429, 'Too many concurrent requests')],
    expect: throttled(60),
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
    expect: (a) =>
      notSuccess({
        single:
          /^CleverTap did not save the data: record 1: Email is not a valid email address \(CleverTap code 515\)/,
        bulk: report(a, false, /Item 1: Email is not a valid email address \(code 515\)/),
        lookup: NO_LOOKUP_ANSWER,
      })(a),
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
    expect: (a) =>
      notSuccess({
        single: /^CleverTap did not save the data: record 1: CleverTap had a server error while saving it/,
        bulk: report(a, false, /Item 1: CleverTap had a server error while saving it/),
        lookup: /CleverTap could not look up the profile: Server error/,
      })(a),
  },
  {
    name: '200 success that processed nothing',
    reply: () => [200, { status: 'success', processed: 0, unprocessed: [] }],
    expect: (a) =>
      a.kind === 'search'
        ? { result: [], requests: 1 } // a lookup answer without a record: "no match"
        : notSuccess({
            single: /neither processed nor reported as failed/,
            bulk: report(a, true),
            lookup: NO_LOOKUP_ANSWER,
          })(a),
  },
  {
    name: '200 with an empty body',
    reply: () => [200, ''],
    expect: (a) =>
      notSuccess({
        single: NO_UPLOAD_ANSWER,
        bulk: report(
          a,
          true,
          /Request 1 of 1 got no answer: CleverTap answered the upload with something other/,
        ),
        lookup: NO_LOOKUP_ANSWER,
      })(a),
  },
  {
    name: '200 with a non-JSON body',
    reply: () => [200, '<html>maintenance</html>', { 'Content-Type': 'text/html' }],
    expect: (a) =>
      notSuccess({
        single: NO_UPLOAD_ANSWER,
        bulk: report(
          a,
          true,
          /Request 1 of 1 got no answer: CleverTap answered the upload with something other/,
        ),
        lookup: NO_LOOKUP_ANSWER,
      })(a),
  },
  {
    name: 'a connection reset',
    reply: 'reset',
    expect: (a) => ({
      error: 'AppError',
      message: noAnswer(
        mayDuplicate(a)
          ? /The connection to CleverTap failed \(.+\)\. The data may or may not have been saved: check CleverTap before replaying/
          : /The connection to CleverTap failed \(.+\)\. Nothing is known to be saved; it is safe to replay this step\./,
        a,
        /The connection to CleverTap failed \(ECONNRESET\)/,
      ),
      requests: 1,
    }),
  },
  {
    name: 'a timeout',
    reply: 'timeout',
    expect: (a) => ({
      error: 'AppError',
      message: noAnswer(
        mayDuplicate(a)
          ? /CleverTap did not answer within 20 seconds\. The data may or may not have been saved/
          : /CleverTap did not answer within 20 seconds\. Nothing is known to be saved/,
        a,
        /CleverTap did not answer within 20 seconds/,
      ),
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

/**
 * How a step is run: by default through core's app tester with Zapier's boundary; the secrets scan runs it through
 * core's handler (harness.ts `invoke`, the same boundary) with its logs captured.
 */
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
      // nock's delay is a timer of its own: left pending, it would keep jest from exiting for a minute.
      nock.abortPendingRequests();
      jest.useRealTimers();
    }
  }
  const seen = recordAll(scenario.reply);
  const outcome = await settle(runner(action, bundle));
  return { ...outcome, requests: seen.length, sent: seen.map((s) => `${s.method} ${s.url} ${s.body}`) };
}

export const SUBJECTS = [...actions(), connection];
