/**
 * Bad input, generated, through every action of the app definition and Zapier's boundary (../boundary.ts: the
 * coercion of the declared field types, `cleanInputData` as the app sets it): each case either sends requests that
 * satisfy the contract (checked by ../contract-checker.ts, written from the contract, not from the app's builders)
 * and returns the step's output, or throws a `z.errors.Error` (or, for a bulk step with nothing to send, a
 * `HaltedError`) whose message starts with a field's label and fits in what Zapier shows (250 characters), having
 * sent nothing. Never a TypeError, a plain Error, an unhandled rejection or a crash.
 *
 * Seeded and reproducible: FC_SEED (default in harness.ts) and FC_RUNS (cases per action) override; fast-check
 * prints the seed and the counterexample's path with any failure. Split into shards so jest runs them in parallel.
 */
import fc from 'fast-check';
import zapier from 'zapier-platform-core';
import {
  deleteProblems,
  lookupProblems,
  subscribeProblems,
  triggerProblems,
  uploadProblems,
  type SeenRequest,
} from '../contract-checker';
import { inputFor } from './arbitraries';
import {
  Action,
  actions,
  appPartOf,
  auth,
  messageOf,
  minimalInput,
  namesAField,
  quietCoreMemoryGuard,
  recordAll,
  Route,
  routeOf,
  routeFor,
  RUNS,
  SEED,
  Seen,
  sendable,
  SHOWN,
} from './harness';
import { oneActionTester } from '../boundary';

type Perform = Parameters<ReturnType<typeof oneActionTester>>[0];

const short = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 600 ? `${text.slice(0, 600)}...` : text;
};

/** The contract checker of each CleverTap API (../contract-checker.ts), by the route a request went to. */
const CHECKERS: Record<Route, (req: SeenRequest) => string[]> = {
  upload: uploadProblems,
  profile: lookupProblems,
  trigger: triggerProblems,
  subscribe: subscribeProblems,
  delete: deleteProblems,
  schema: schemaProblems,
};

/** GET /getSchema (docs/clevertap-api.md, "What the account has"): no `/1/`, a known type, no body. */
function schemaProblems(req: SeenRequest): string[] {
  const url = new URL(req.url);
  return [
    req.method === 'GET' ? '' : `getSchema sent as ${req.method}`,
    url.pathname.endsWith('/getSchema') && !url.pathname.includes('/1/')
      ? ''
      : `getSchema at ${url.pathname}`,
    ['events', 'userProperties'].includes(url.searchParams.get('type') ?? '')
      ? ''
      : 'getSchema without a known type',
    req.body ? 'getSchema sent a body' : '',
  ].filter(Boolean);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the output of an acting step must agree with: the one request it sent (the user CleverTap was asked about,
 * the campaign, the statuses). A step that says it did something it did not ask for is a false success.
 */
function actOutputProblems(
  route: Route,
  input: Record<string, unknown>,
  body: unknown,
  result: unknown,
): string[] {
  if (!isObject(body) || !isObject(result)) return [];
  const problems: string[] = [];
  const differ = (what: string, said: unknown, sent: unknown) => {
    if (JSON.stringify(said) !== JSON.stringify(sent))
      problems.push(`the output's ${what} ${short(said)} is not what was sent, ${short(sent)}`);
  };
  if (route === 'trigger') {
    differ('status', result.status, 'queued');
    differ('campaignId', result.campaignId, body.campaign_id);
    const to = isObject(body.to) ? body.to : {};
    for (const key of ['identity', 'email', 'objectId'])
      differ(key, result[key], Array.isArray(to[key]) ? to[key][0] : undefined);
    differ('personalization', result.personalization, body.ExternalTrigger ?? {});
    // Text, as given: a value typed in a row is sent unchanged under its (trimmed) name.
    const rows = isObject(input.personalization) ? input.personalization : {};
    const names = Object.keys(rows).map((k) => k.trim());
    const sent = isObject(body.ExternalTrigger) ? body.ExternalTrigger : {};
    for (const [name, value] of Object.entries(rows))
      if (typeof value === 'string' && name.trim() && names.filter((n) => n === name.trim()).length === 1)
        differ(`personalization[${JSON.stringify(name.trim())}]`, sent[name.trim()], value);
  }
  if (route === 'subscribe') {
    const records = Array.isArray(body.d) ? (body.d as Record<string, unknown>[]) : [];
    differ('updated', result.updated, records.length);
    for (const record of records) differ('subscriptionStatus', result.subscriptionStatus, record.status);
    for (const type of ['email', 'phone'])
      differ(type, result[type], records.find((r) => r.type === type)?.value);
  }
  if (route === 'delete') {
    differ('status', result.status, 'deletion_requested');
    const list = (key: string) => (Array.isArray(body[key]) ? body[key][0] : undefined);
    differ('identity', result.identity, list('identity'));
    differ('objectId', result.objectId, list('guid'));
  }
  return problems;
}

/** The problems with one case's outcome; [] when it is one of the two allowed outcomes. */
function outcomeProblems(
  action: Action,
  input: Record<string, unknown>,
  seen: Seen[],
  result: unknown,
  error: unknown,
): string[] {
  const reads = seen.filter((req) => routeOf(req.url) === 'schema');
  const sends = seen.filter((req) => routeOf(req.url) !== 'schema');
  if (error !== undefined) {
    const problems: string[] = [];
    // A HaltedError is Zapier's soft stop (a bulk step with nothing to send), also naming the field.
    const zapierError = error instanceof zapier.errors.Error || error instanceof zapier.errors.HaltedError;
    const shown = appPartOf(error);
    if (!zapierError) problems.push(`threw ${(error as Error)?.name}: ${short((error as Error)?.message)}`);
    else if (!namesAField(action, messageOf(error)))
      problems.push(`error names no field: ${short(messageOf(error))}`);
    if (zapierError && shown.length > SHOWN)
      problems.push(`a message of ${shown.length} characters (Zapier shows ${SHOWN}): ${short(shown)}`);
    // Reading what the account has (the Event Name guard) sends no data: a step may stop after it.
    if (sends.length) problems.push(`sent ${sends.length} request(s) and then failed`);
    return [...problems, ...reads.flatMap((req) => CHECKERS.schema(req))];
  }
  const problems: string[] = reads.flatMap((req) => CHECKERS.schema(req));
  if (!sends.length) problems.push('succeeded without sending anything');
  const expected = routeFor(action);
  for (const req of sends) {
    const route = routeOf(req.url);
    if (route !== expected) {
      problems.push(`${req.method} ${req.url}: sent to ${route ?? 'an unknown path'}, not to ${expected}`);
      continue;
    }
    const found = CHECKERS[route](req);
    if (found.length) problems.push(`${req.method} ${req.url}: ${found.slice(0, 5).join('; ')}`);
  }
  // The acting calls: one request (a trigger sent twice is a message sent twice), and an output that agrees with it.
  if (expected !== 'upload' && expected !== 'profile') {
    if (sends.length > 1) problems.push(`sent ${sends.length} requests; an acting step sends exactly one`);
    let body: unknown;
    try {
      body = sends[0] ? (JSON.parse(sends[0].body) as unknown) : undefined;
    } catch {
      // not JSON: the checker has said so
    }
    problems.push(...actOutputProblems(expected, input, body, result));
  }
  if (action.kind === 'create' && (typeof result !== 'object' || result === null || Array.isArray(result)))
    problems.push(`a create returned ${short(result)}`);
  if (action.kind === 'search' && !Array.isArray(result)) problems.push(`a search returned ${short(result)}`);
  return problems;
}

/** Runs the property for the actions whose index is `shard` modulo `of`. */
export function propertySuite(shard: number, of: number): void {
  quietCoreMemoryGuard();
  const mine = actions().filter((_, i) => i % of === shard);

  it.each(mine.map((a) => [a.id, a] as const))(
    `%s: ${RUNS} generated inputs (seed ${SEED})`,
    async (_id, action) => {
      const seen = recordAll();
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      let sent = 0;
      let refused = 0;
      // The action alone in the app: each of the thousands of steps compiles only its definition (../boundary.ts).
      const appTester = oneActionTester(action.perform);
      try {
        await fc.assert(
          fc.asyncProperty(inputFor(action, minimalInput(action)), async (inputData) => {
            seen.length = 0;
            let result: unknown;
            let error: unknown;
            try {
              // Null and undefined never reach a perform (harness.ts `sendable`).
              result = await appTester(action.perform as Perform, {
                authData: auth,
                inputData: sendable(inputData),
              });
            } catch (e) {
              error = e;
            }
            const problems = outcomeProblems(action, sendable(inputData), seen, result, error);
            if (problems.length) throw new Error(`${problems.join('\n')}\ninput: ${short(inputData)}`);
            if (error === undefined) sent += 1;
            else refused += 1;
          }),
          { seed: SEED, numRuns: RUNS, endOnFailure: true },
        );
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
      expect(unhandled).toEqual([]);
      // Both outcomes were reached often: the generators test the sending path, not only the refusals.
      expect(sent).toBeGreaterThan(RUNS / 20);
      expect(refused).toBeGreaterThan(RUNS / 20);
      console.log(
        `${action.id}: ${RUNS} cases, seed ${SEED}: ${sent} sent and valid, ${refused} refused naming a field`,
      );
    },
    600_000,
  );
}
