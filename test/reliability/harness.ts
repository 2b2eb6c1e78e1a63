/**
 * What the reliability suites share: every action of the app definition (so new actions are covered without editing
 * these tests), a minimal valid input per action, a recorder that intercepts and records every request, and a way to
 * run a step through core's own handler with its logs captured (stdout and the stream Zapier keeps), its input handed
 * over as Zapier hands it over (../boundary.ts).
 */
import nock from 'nock';
import zapier from 'zapier-platform-core';
import App from '../../index';
import {
  BoundaryOperation,
  cleanLikeZapier,
  messageOf,
  ZAPIER_MESSAGE_LIMIT,
} from '../../scripts/zapier-boundary';
import { ActionGroup, declarationsOf, Replay } from '../actions';
import { asZapierHandsItOver } from '../boundary';

export const SECRET_PASSCODE = 'rel-passcode-7Qx2-SECRET-e91b';
export const auth = { accountId: 'REL-ACC-404', passcode: SECRET_PASSCODE, region: 'eu1' };

export interface Field {
  key: string;
  label?: string;
  type?: string;
  dict?: boolean;
  list?: boolean;
  required?: boolean;
  choices?: unknown;
  children?: Field[];
}

export interface Action {
  /** `creates.upload_event` or `searches.find_profile` or `authentication`. */
  id: string;
  /** `dropdown`: a hidden trigger that fills a field's choices (the account's names). */
  kind: 'create' | 'search' | 'connection' | 'dropdown';
  key: string;
  method: string;
  fields: Field[];
  perform: unknown;
  /** The step's input: the action's declared minimal one, or another (the Event Name guard on); none for the rest. */
  input?: Record<string, unknown>;
  /** What sending the step's input again would do, as the action declares it; a read or nothing sent is `safe`. */
  replay: Replay;
  /** The API it calls when it is not the action's usual one (the guard reads the schema first). */
  route?: Route;
}

type Operation = { operation: { inputFields?: unknown; perform: unknown } };

/** The action's declarations (its module's `minimalInput` and `replay`) as a subject's input and replay. */
function declared(group: ActionGroup, key: string): Pick<Action, 'input' | 'replay'> {
  const { minimalInput, replay } = declarationsOf(group, key);
  return { input: minimalInput, replay };
}

function fieldsOf(op: Operation['operation']): Field[] {
  return Array.isArray(op.inputFields)
    ? (op.inputFields as Field[]).filter((f) => typeof f === 'object')
    : [];
}

/** Every create and search of the app definition. */
export function actions(): Action[] {
  const creates = Object.values(App.creates ?? {}) as unknown as (Operation & { key: string })[];
  const searches = Object.values(App.searches ?? {}) as unknown as (Operation & { key: string })[];
  return [
    ...creates.map((c) => ({
      id: `creates.${c.key}`,
      kind: 'create' as const,
      key: c.key,
      method: `creates.${c.key}.operation.perform`,
      fields: fieldsOf(c.operation),
      perform: c.operation.perform,
      ...declared('creates', c.key),
    })),
    ...searches.map((s) => ({
      id: `searches.${s.key}`,
      kind: 'search' as const,
      key: s.key,
      method: `searches.${s.key}.operation.perform`,
      fields: fieldsOf(s.operation),
      perform: s.operation.perform,
      ...declared('searches', s.key),
    })),
  ];
}

export const connection: Action = {
  id: 'authentication',
  kind: 'connection',
  key: 'authentication',
  method: 'authentication.test',
  fields: [],
  perform: App.authentication?.test,
  replay: 'safe',
};

/**
 * The step's input: an action's own `minimalInput` (declared beside its definition, test/actions.ts), or the one a
 * subject sets; the connection test and the dropdowns take none.
 */
export const minimalInput = (action: Action): Record<string, unknown> => action.input ?? {};

/** Every label the action shows, its line-item children's too: a field-named error starts with one of them. */
export function labelsOf(action: Action): string[] {
  const labels: string[] = [];
  const walk = (fields: Field[]) =>
    fields.forEach((f) => {
      if (f.label) labels.push(f.label);
      if (f.children) walk(f.children);
    });
  walk(action.fields);
  return labels;
}

/** Whether a message names one of the action's fields before its first ": ". */
export function namesAField(action: Action, message: string): boolean {
  const at = message.indexOf(': ');
  if (at <= 0) return false;
  const head = message.slice(0, at);
  return labelsOf(action).some((label) => head.includes(label));
}

export interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The CleverTap API a request went to, by its path; undefined for any other path. */
export type Route = 'upload' | 'profile' | 'trigger' | 'subscribe' | 'delete' | 'schema';

const ROUTE_PATHS: [Route, string][] = [
  ['upload', '/1/upload'],
  ['profile', '/1/profile.json'],
  ['trigger', '/1/send/externaltrigger.json'],
  ['subscribe', '/1/subscribe'],
  ['delete', '/1/delete/profiles.json'],
  ['schema', '/getSchema'],
];

/** The route of a request's URL, or of its path alone. */
export function routeOf(url: string): Route | undefined {
  const path = new URL(url, 'http://path.invalid').pathname;
  return ROUTE_PATHS.find(([, end]) => path.endsWith(end))?.[0];
}

/**
 * The CleverTap API each action calls: the acting creates by key (a new one must be added here, or the property test
 * reports its requests as sent to the wrong API), the other creates upload, the searches and the connection test read.
 */
const ACT_ROUTES: Record<string, Route> = {
  trigger_campaign: 'trigger',
  update_subscription_status: 'subscribe',
  delete_profile: 'delete',
};

export const routeFor = (action: Action): Route =>
  action.route ?? (action.kind !== 'create' ? 'profile' : (ACT_ROUTES[action.key] ?? 'upload'));

/** The answer CleverTap would give for one request: per route, its success (the answers that act on users too). */
export type Responder = (req: Seen) => [number, unknown, Record<string, string>?];

export const okResponder: Responder = (req) => {
  const route = routeOf(req.url);
  // External Trigger and delete answer `{"status": "success"}` alone (docs/clevertap-api.md, Acting on users).
  if (route === 'trigger' || route === 'delete') return [200, { status: 'success' }];
  // What the account has (the Event Name guard reads it): the minimal inputs' event, and one profile property.
  if (route === 'schema')
    return [200, { status: 'success', events: [{ name: 'Deal Won' }], userProperties: [{ name: 'Points' }] }];
  if (req.method === 'POST') {
    let n = 1;
    try {
      n = (JSON.parse(req.body) as { d: unknown[] }).d.length;
    } catch {
      // answered as one record; the checker reports the body
    }
    return [200, { status: 'success', processed: n, unprocessed: [] }];
  }
  return [200, { status: 'success', record: { identity: 'ada@example.com', Name: 'Ada' } }];
};

/**
 * Intercepts every request to any host (CleverTap's or not) and records it; answers with `responder`. Requests
 * that match nothing (none should) are recorded too, through nock's "no match" event.
 */
export function recordAll(responder: Responder = okResponder): Seen[] {
  const seen: Seen[] = [];
  for (const method of ['get', 'post', 'put', 'patch', 'delete', 'head'] as const)
    nock(/.*/)
      .persist()
      .intercept(/.*/, method.toUpperCase())
      .reply(function (uri, body) {
        const client = this.req as unknown as {
          options?: { protocol?: string; host?: string };
          method: string;
        };
        const req: Seen = {
          method: client.method,
          url: new URL(
            `${client.options?.protocol ?? 'https:'}//${this.req.headers.host ?? client.options?.host}${uri}`,
          ).href,
          headers: this.req.headers,
          body: typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body),
        };
        seen.push(req);
        return responder(req);
      });
  return seen;
}

const handler = (
  zapier as unknown as {
    createAppHandler: (app: unknown) => (event: unknown) => Promise<{ results: unknown }>;
  }
).createAppHandler(App);

export interface Invocation {
  result?: unknown;
  error?: Error;
  /** stdout lines (LOG_TO_STDOUT / DETAILED_LOG_TO_STDOUT) and the records core would stream to Zapier's logs. */
  logs: string[];
}

/**
 * The create's or search's operation a method path (`creates.KEY.operation.perform`, `searches.KEY.operation.perform`)
 * runs; undefined for other methods (the connection test). A path naming an action the app lacks throws: a step must
 * never run without the boundary by a typo.
 */
export function operationAt(method: string): BoundaryOperation | undefined {
  const match = /^(creates|searches)\.([^.]+)\.operation\.perform$/.exec(method);
  if (!match) return undefined;
  const group = (App[match[1] as 'creates' | 'searches'] ?? {}) as Record<
    string,
    { operation: BoundaryOperation }
  >;
  const key = match[2] ?? '';
  if (!Object.hasOwn(group, key)) throw new Error(`the app has no ${match[1]}.${key}`);
  return group[key]?.operation;
}

/**
 * What Zapier can hand over for what a test, a CRM or a generator puts in: null and undefined never reach a perform
 * (Zapier drops them whatever `cleanInputData` says, zapier-platform issue 1329). Dropped before the coercion, whose
 * line-item walk (the CLI's code) would otherwise stop at a null line item with a TypeError of its own; for every
 * other value the order does not matter.
 */
export const sendable = (inputData: Record<string, unknown>) => cleanLikeZapier(inputData, false);

/** The input a step's perform receives in a Zap for `inputData` typed or mapped into the fields of `method`. */
export function handedOver(method: string, inputData: unknown): unknown {
  const operation = operationAt(method);
  if (!operation || typeof inputData !== 'object' || inputData === null) return inputData;
  return asZapierHandsItOver(operation, sendable(inputData as Record<string, unknown>));
}

/**
 * Runs one step through core's handler as Zapier does, with both log outputs on: what core prints to stdout and what
 * it would stream to Zapier (the `customLogger` of `zapier invoke` receives the same scrubbed records). The input goes
 * through Zapier's boundary first: the coercion of the declared field types and `cleanInputData` as the app sets it.
 */
export async function invoke(method: string, given: Record<string, unknown>): Promise<Invocation> {
  const bundle = 'inputData' in given ? { ...given, inputData: handedOver(method, given.inputData) } : given;
  const logs: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logs.push(args.map(String).join(' '));
  });
  const event = {
    command: 'execute',
    method,
    bundle,
    storeKey: null,
    callback_url: 'https://auth-json-server.zapier-staging.com/echo',
    zcacheTestObj: {},
    logToStdout: true,
    detailedLogToStdout: true,
    customLogger: (message: unknown, data: unknown) => logs.push(JSON.stringify({ message, data })),
  };
  try {
    const response = await handler(event);
    return { result: response.results, logs };
  } catch (error) {
    return { error: error as Error, logs };
  } finally {
    spy.mockRestore();
  }
}

/** The user-facing message of a Zapier error (AppError and ThrottledError keep JSON in .message). */
export { messageOf };

/**
 * The app's part of an error message: core appends "What happened: Executing ..." to the errors it does not mark as
 * its own (ExpiredAuthError among them), after the app's words. This part must fit what Zapier shows.
 */
export const appPartOf = (error: unknown): string => messageOf(error).split('\nWhat happened:')[0] ?? '';

/** Zapier shows at most this many characters of an integration's error message. */
export const SHOWN = ZAPIER_MESSAGE_LIMIT;

/**
 * Core's Lambda guard exits the process once it has run 250 steps while above 450 MB of RSS (Zapier then recycles
 * the Lambda). A jest worker with ts-jest is that big before the first step, so in suites that run thousands of steps
 * the guard is told the worker is small; nothing else reads process.memoryUsage.
 */
export function quietCoreMemoryGuard(): void {
  let spy: jest.SpyInstance | undefined;
  beforeAll(() => {
    spy = jest
      .spyOn(process, 'memoryUsage')
      .mockReturnValue({ rss: 1e8, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 });
  });
  afterAll(() => spy?.mockRestore());
}

/** The fixed seed of the property tests (FC_SEED overrides it), printed by fast-check with any failure. */
export const SEED = Number(process.env.FC_SEED ?? 20260601);
/** Cases per action (FC_RUNS overrides it). */
export const RUNS = Number(process.env.FC_RUNS ?? 2000);
