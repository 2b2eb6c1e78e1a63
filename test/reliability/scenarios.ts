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
import {
  Action,
  actions,
  auth,
  connection,
  minimalInput,
  okResponder,
  recordAll,
  Responder,
  routeFor,
} from './harness';
import { declarationsOf, Replay } from '../actions';
import { boundaryTester } from '../boundary';
import { eventsPerform, profilePropertiesPerform } from '../../src/triggers/account_names';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as uploadEventsBulk } from '../../src/creates/upload_events_bulk';

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

/** The acting steps (trigger, subscribe, delete): one call each, answered `{"status": ...}`, no records. */
type Act = 'trigger' | 'subscribe' | 'delete';
export const actOf = (a: Action): Act | undefined => {
  const route = routeFor(a);
  return route === 'trigger' || route === 'subscribe' || route === 'delete' ? route : undefined;
};

/**
 * Whether sending the minimal input twice could store it twice (events, purchases, counters), as the action declares
 * beside its definition (test/actions.ts).
 */
const mayDuplicate = (a: Action) => a.replay === 'stores_twice';

/** After a lost answer, what the message must say a replay would do. */
const REPLAY_ADVICE: Record<Replay, RegExp> = {
  safe: /Nothing is known to be saved; it is safe to replay this step\./,
  stores_twice: /The data may or may not have been saved: check CleverTap before replaying/,
  sends_twice:
    /The message may or may not have been sent: check CleverTap before replaying this step, because a replay sends the message again\./,
};

/** A 200 answer to an acting call that is not one CleverTap documents: whether it acted is not known. */
const ACT_UNKNOWN: Record<Act, RegExp> = {
  trigger:
    /^CleverTap answered with something other than a result \(HTTP 200\), so it is not known whether the campaign message was sent; check the campaign's report in CleverTap before replaying this step: a replay sends it again\.$/,
  subscribe:
    /^CleverTap answered with something other than a result \(HTTP 200\), so it is not known whether the subscription status was updated; replaying this step is safe\.$/,
  delete:
    /^CleverTap answered with something other than a result \(HTTP 200\), so it is not known whether CleverTap will delete the profile; replaying this step is safe\.$/,
};
const actUnknown = (act: Act): Expected => ({
  error: 'AppError',
  message: ACT_UNKNOWN[act],
  essential: ['not known', ...(act === 'trigger' ? ['a replay sends it again'] : [])],
  requests: 1,
});

/** A 200 `fail` to a trigger or a deletion: refused, in CleverTap's words (and its code, when it gave one). */
const actRefused = (act: 'trigger' | 'delete', said: string, code?: number): Expected => {
  const head =
    act === 'trigger'
      ? 'CleverTap did not send the campaign message'
      : 'CleverTap did not delete the profile';
  const tail = code === undefined ? '' : ` \\(CleverTap code ${code}\\)`;
  const fix =
    act === 'trigger'
      ? 'Check the Campaign ID \\(an External Trigger campaign that is running\\) and the user\\.'
      : "Check the step's input and try again\\.";
  return {
    error: 'AppError',
    message: new RegExp(`^${head}: ${escape(said)}${tail}\\. ${fix}$`),
    essential: [said, ...(code === undefined ? [] : [`code ${code}`])],
    requests: 1,
  };
};

/** A subscribe answer short of full success: an error naming the address (the minimal input's one email). */
const notSubscribed = (detail: RegExp): Expected => ({
  error: 'AppError',
  message: new RegExp(
    `^CleverTap did not update every subscription status, ${detail.source}\\. Fix the address if it is wrong; replaying this step is safe\\.$`,
  ),
  essential: ['ada@example.com'],
  requests: 1,
});

/** The step's output for the minimal input when CleverTap answers success, for the acting steps. */
const ACT_RESULT: Record<Act, unknown> = {
  trigger: {
    status: 'queued',
    campaignId: '1695721550',
    identity: 'ada@example.com',
    personalization: {},
    cleverTapSaid: 'success',
    note: expect.stringMatching(/^Queued by CleverTap; delivery is not confirmed/),
  },
  subscribe: { status: 'success', subscriptionStatus: 'Unsubscribe', email: 'ada@example.com', updated: 1 },
  delete: {
    status: 'deletion_requested',
    identity: 'ada@example.com',
    note: expect.stringMatching(/in the background/),
  },
};

/** The expectation for an acting step, `byAct`, or else for the others, `otherwise`. */
const forActs =
  (byAct: (act: Act) => Expected, otherwise: (a: Action) => Expected) =>
  (a: Action): Expected => {
    const act = actOf(a);
    return act ? byAct(act) : otherwise(a);
  };

/** The bulk steps: their failures are reports of what became of each item. */
export const isBulk = (a: Action) => a.kind === 'create' && /_bulk$/.test(a.key);

/** The connection's region (harness.ts `auth`), as messages name it. */
export const CONNECTION_REGION = 'Europe (eu1)';
/** The region the wrong-region scenario accepts the credentials in. */
const OTHER_REGION = { host: 'in1.api.clevertap.com', name: 'India (in1)' };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A refusal in every region (here, all six answer 401/403): the step's message after the region check. */
const REFUSED = new RegExp(
  `^Wrong Account ID or Passcode: CleverTap refused them in ${escape(CONNECTION_REGION)} and in every other region\\.`,
);
/** The same finding as a bulk report's reason: its first sentence. */
const REFUSED_REASON = `Wrong credentials: refused in ${escape(CONNECTION_REGION)} and every other region\\.`;

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

/** After 401/403 every step, like the connection test, asks the other five regions (which, here, refuse too). */
const refusal = (a: Action): Expected =>
  a.kind === 'connection'
    ? // Its message is worded elsewhere (region-probe.ts): it must name the region and fit.
      { error: 'ExpiredAuthError', essential: [CONNECTION_REGION], requests: 6 }
    : {
        error: 'ExpiredAuthError',
        // A bulk report names the refusal (which region) before the advice: it is what the user acts on.
        message: isBulk(a)
          ? new RegExp(
              `^CleverTap saved 0 of 1 \\w+; 1 not saved \\(item 1\\)\\. Request 1 of 1 failed: ${REFUSED_REASON}` +
                '.* Nothing was saved, so replaying is safe\\.',
            )
          : REFUSED,
        essential: [CONNECTION_REGION],
        requests: 6,
      };

/** 401 in the connection's region, accepted in another: every step leads with (a bulk step names) that region. */
const wrongRegion = (a: Action): Expected =>
  isBulk(a)
    ? {
        error: 'ExpiredAuthError',
        message: new RegExp(
          `Request 1 of 1 failed: Wrong region: the credentials belong to ${escape(OTHER_REGION.name)}, not ` +
            `${escape(CONNECTION_REGION)}\\.`,
        ),
        essential: [OTHER_REGION.name],
        requests: 6,
      }
    : { error: 'ExpiredAuthError', leads: OTHER_REGION.name, essential: [OTHER_REGION.name], requests: 6 };

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
    // The connection test and every step find the region (the finding first).
    expect: wrongRegion,
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
    // Each API's own success: an upload result, a found profile, `{"status": "success"}` for a trigger or a deletion.
    name: '200 success',
    reply: okResponder,
    expect: forActs(
      (act) => ({ result: ACT_RESULT[act], requests: 1 }),
      () => ({ requests: 1 }),
    ),
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
    expect: forActs(
      // `partial` is a subscribe answer: record 1 (the email) was not updated; to a trigger or a deletion, unknown.
      (act) =>
        act === 'subscribe'
          ? notSubscribed(/not updated: email ada@example\.com \(Email invalid\.?, code 515\)/)
          : actUnknown(act),
      (a) =>
        notSuccess({
          single:
            /^CleverTap did not save the data: record 1: Email is not a valid email address \(CleverTap code 515\)/,
          bulk: report(a, false, /Item 1: Email is not a valid email address \(code 515\)/),
          lookup: NO_LOOKUP_ANSWER,
        })(a),
    ),
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
    expect: forActs(
      (act) =>
        act === 'subscribe'
          ? notSubscribed(/not updated: email ada@example\.com \(Server error\.?, code 555\)/)
          : actRefused(act, 'Server error'),
      (a) =>
        notSuccess({
          single: /^CleverTap did not save the data: record 1: CleverTap had a server error while saving it/,
          bulk: report(a, false, /Item 1: CleverTap had a server error while saving it/),
          lookup: /CleverTap could not look up the profile: Server error/,
        })(a),
    ),
  },
  {
    name: '200 success that processed nothing',
    reply: () => [200, { status: 'success', processed: 0, unprocessed: [] }],
    expect: forActs(
      // A trigger and a deletion answer `status` alone, and it says success; a subscribe answer that processed
      // none of the records sent has not confirmed the address.
      (act) =>
        act === 'subscribe'
          ? notSubscribed(/not confirmed: email ada@example\.com/)
          : { result: ACT_RESULT[act], requests: 1 },
      (a) =>
        a.kind === 'search'
          ? { result: [], requests: 1 } // a lookup answer without a record: "no match"
          : notSuccess({
              single: /neither processed nor reported as failed/,
              bulk: report(a, true),
              lookup: NO_LOOKUP_ANSWER,
            })(a),
    ),
  },
  {
    // The shape CleverTap's send API refuses with: its own code (not the HTTP status), no records.
    name: '200 fail with its own code',
    reply: () => [200, { status: 'fail', error: 'Invalid request payload', code: 9 }],
    expect: forActs(
      (act) =>
        act === 'subscribe'
          ? notSubscribed(/not confirmed: email ada@example\.com/)
          : actRefused(act, 'Invalid request payload', 9),
      (a) =>
        notSuccess({
          single: /neither processed nor reported as failed/,
          bulk: report(a, true),
          lookup: /CleverTap could not look up the profile: Invalid request payload/,
        })(a),
    ),
  },
  {
    name: '200 with a status CleverTap does not document',
    reply: () => [200, { status: 'queued' }],
    expect: forActs(actUnknown, (a) =>
      notSuccess({
        single: /neither processed nor reported as failed/,
        bulk: report(a, true),
        lookup: NO_LOOKUP_ANSWER,
      })(a),
    ),
  },
  {
    name: '200 with a JSON body that has no status',
    reply: () => [200, { message: 'accepted', record: ECHOED }],
    expect: forActs(actUnknown, (a) =>
      notSuccess({
        single: NO_UPLOAD_ANSWER,
        bulk: report(
          a,
          true,
          /Request 1 of 1 got no answer: CleverTap answered the upload with something other/,
        ),
        lookup: NO_LOOKUP_ANSWER,
      })(a),
    ),
  },
  {
    name: '200 with an empty body',
    reply: () => [200, ''],
    expect: forActs(actUnknown, (a) =>
      notSuccess({
        single: NO_UPLOAD_ANSWER,
        bulk: report(
          a,
          true,
          /Request 1 of 1 got no answer: CleverTap answered the upload with something other/,
        ),
        lookup: NO_LOOKUP_ANSWER,
      })(a),
    ),
  },
  {
    name: '200 with a non-JSON body',
    reply: () => [200, '<html>maintenance</html>', { 'Content-Type': 'text/html' }],
    expect: forActs(actUnknown, (a) =>
      notSuccess({
        single: NO_UPLOAD_ANSWER,
        bulk: report(
          a,
          true,
          /Request 1 of 1 got no answer: CleverTap answered the upload with something other/,
        ),
        lookup: NO_LOOKUP_ANSWER,
      })(a),
    ),
  },
  {
    name: 'a connection reset',
    reply: 'reset',
    expect: (a) => ({
      error: 'AppError',
      message: noAnswer(
        new RegExp(`^The connection to CleverTap failed \\(.+\\)\\. ${REPLAY_ADVICE[a.replay].source}`),
        a,
        /The connection to CleverTap failed \(ECONNRESET\)/,
      ),
      ...(a.replay === 'sends_twice' ? { essential: ['a replay sends the message again'] } : {}),
      requests: 1,
    }),
  },
  {
    name: 'a timeout',
    reply: 'timeout',
    expect: (a) => ({
      error: 'AppError',
      message: noAnswer(
        new RegExp(`^CleverTap did not answer within 20 seconds\\. ${REPLAY_ADVICE[a.replay].source}`),
        a,
        /CleverTap did not answer within 20 seconds/,
      ),
      ...(a.replay === 'sends_twice' ? { essential: ['a replay sends the message again'] } : {}),
      requests: 1,
    }),
  },
];

/** A local server that reads each request and destroys its socket without answering. */
async function resetServer(): Promise<{
  base: string;
  count: () => number;
  paths: () => string[];
  close: () => Promise<void>;
}> {
  let count = 0;
  const paths: string[] = [];
  const server = http.createServer((req) => {
    count += 1;
    paths.push(req.url ?? '');
    req.resume();
    req.on('end', () => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/{region}`,
    count: () => count,
    paths: () => [...paths],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const BASE_URL_VARIABLE = 'CLEVERTAP_API_BASE_URL';

export interface Outcome {
  result?: unknown;
  error?: Error;
  requests: number;
  sent: string[];
  /** The path of each request sent (as far as the scenario's server can tell). */
  paths: string[];
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
      return { ...outcome, requests: server.count(), sent: [], paths: server.paths() };
    } finally {
      delete process.env[BASE_URL_VARIABLE];
      await server.close();
    }
  }
  if (scenario.reply === 'timeout') {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const seen: string[] = [];
      const paths: string[] = [];
      for (const method of ['GET', 'POST'])
        nock(/.*/)
          .persist()
          .intercept(/.*/, method)
          .delay(60_000)
          .reply(function (uri, body) {
            seen.push(`${this.req.method} ${uri} ${typeof body === 'string' ? body : JSON.stringify(body)}`);
            paths.push(uri);
            return [200, { status: 'success', processed: 1, unprocessed: [] }];
          });
      const pending = settle(runner(action, bundle));
      await jest.advanceTimersByTimeAsync(20_001);
      return { ...(await pending), requests: seen.length, sent: seen, paths };
    } finally {
      // nock's delay is a timer of its own: left pending, it would keep jest from exiting for a minute.
      nock.abortPendingRequests();
      jest.useRealTimers();
    }
  }
  const seen = recordAll(scenario.reply);
  const outcome = await settle(runner(action, bundle));
  return {
    ...outcome,
    requests: seen.length,
    sent: seen.map((s) => `${s.method} ${s.url} ${s.body}`),
    paths: seen.map((s) => new URL(s.url).pathname),
  };
}

export const SUBJECTS = [...actions(), connection];

/**
 * The calls that read what the account has (getSchema): the two dropdowns, and Upload Event and the bulk events
 * action with the Event Name guard on, whose first request is the read. Apart from "200 success" (getSchema's own
 * success, then the guarded step's upload), every scenario is a failure for the read, so each must stop after that one
 * request with nothing uploaded:
 * credentials refused ask to reconnect; anything else says why, and what to do (a dropdown: try again or type the
 * name; a guarded step: nothing was sent, so it is safe to replay).
 */
const schemaSubject = (
  id: string,
  kind: Action['kind'],
  key: string,
  method: string,
  perform: unknown,
  input?: Record<string, unknown>,
): Action => ({
  id,
  kind,
  key,
  method,
  fields: [],
  perform,
  input,
  route: 'schema',
  // A dropdown only reads; a guarded step replays as its action declares.
  replay: kind === 'create' ? declarationsOf('creates', key).replay : 'safe',
});

export const SCHEMA_SUBJECTS: Action[] = [
  schemaSubject(
    'Event Name dropdown',
    'dropdown',
    'account_events',
    'triggers.account_events.operation.perform',
    eventsPerform,
  ),
  schemaSubject(
    'Property Name dropdown',
    'dropdown',
    'account_profile_properties',
    'triggers.account_profile_properties.operation.perform',
    profilePropertiesPerform,
  ),
  schemaSubject(
    'upload_event, guard on',
    'create',
    'upload_event',
    'creates.upload_event.operation.perform',
    uploadEvent,
    { ...declarationsOf('creates', 'upload_event').minimalInput, ifNewEvent: 'stop' },
  ),
  schemaSubject(
    'upload_events_bulk, guard on',
    'create',
    'upload_events_bulk',
    'creates.upload_events_bulk.operation.perform',
    uploadEventsBulk,
    { ...declarationsOf('creates', 'upload_events_bulk').minimalInput, ifNewEvent: 'stop' },
  ),
];

/** Why the read failed, by scenario: what the message must say after its head. */
function schemaCause(scenario: Scenario, what: string): RegExp {
  if (scenario.reply === 'reset') return /the connection to CleverTap failed \(ECONNRESET\)/;
  if (scenario.reply === 'timeout') return /CleverTap did not answer within 20 seconds/;
  const status = Number(/^(\d{3})/.exec(scenario.name)?.[1] ?? 200);
  if (status === 429) return /CleverTap is busy with other requests from this account \(HTTP 429\)/;
  if (status >= 500) return new RegExp(`CleverTap is unavailable right now \\(HTTP ${status}\\)`);
  if (status >= 400) return new RegExp(`CleverTap refused the request \\(HTTP ${status}\\)`);
  if (/^200 fail/.test(scenario.name)) return /CleverTap refused the request with ".+" \(HTTP 200\)/;
  return new RegExp(`CleverTap answered with something other than a list of ${what} \\(HTTP 200\\)`);
}

export function schemaExpected(subject: Action, scenario: Scenario): Expected {
  // Each API's own success (okResponder): the account's names; a guarded step then uploads its known event.
  if (scenario.reply === okResponder)
    return subject.kind === 'dropdown'
      ? {
          result: [
            subject.key === 'account_events'
              ? { id: 'Deal Won', name: 'Deal Won' }
              : { id: 'Points', name: 'Points' },
          ],
          requests: 1,
        }
      : { requests: 2 };
  // A refused read asks the other regions too, as every call with the connection does (region-check.ts).
  // (A guarded bulk step reads before it sends anything: the single-step message, not a bulk report.)
  if (/^401 here, the credentials accepted/.test(scenario.name))
    return {
      error: 'ExpiredAuthError',
      leads: OTHER_REGION.name,
      essential: [OTHER_REGION.name],
      requests: 6,
    };
  if (/^40[13]/.test(scenario.name)) return { error: 'ExpiredAuthError', message: REFUSED, requests: 6 };
  const what = subject.key === 'account_profile_properties' ? 'profile properties' : 'events';
  const cause = schemaCause(scenario, what).source;
  const message =
    subject.kind === 'dropdown'
      ? new RegExp(
          `^Could not load your CleverTap ${what}: ${cause}\\. Try again in a minute, or type the ` +
            `${what === 'events' ? 'event' : 'property'} name instead\\.$`,
        )
      : new RegExp(
          `^Event Name could not be checked: ${cause}\\. Nothing was sent, so it is safe to replay this step; ` +
            'or pick "Send it as a new event" in If the Event Name Is New to skip the check\\.$',
        );
  return { error: 'AppError', message, requests: 1 };
}
