/**
 * Bulk reports, generated: lists of items (some left empty, some without a user key) sent in requests of a generated
 * size, each request answered by CleverTap in a generated way (saved, some records refused, the request refused,
 * credentials refused, throttled, unavailable, an answer that is not an upload result), run through Zapier's boundary
 * (../boundary.ts). An independent model of what became of each item (from what was sent and answered, not from the
 * app's own accounting) says what the step must report:
 * - every item saved: the step's output, with the item numbers;
 * - "finish the step" and only records refused one by one: the output lists the refused items;
 * - otherwise an error of the right class whose message (the app's part) fits in what Zapier shows and starts with
 *   the saved count, then the counts and first item numbers not saved, uncertain and not sent, then what to do; a
 *   credentials error names the region;
 * - items with a problem: nothing sent, a message naming the field, the count and the first item numbers.
 * Item numbers are the user's rows: empty items keep their numbers, and each request carries the expected users.
 */
import fc from 'fast-check';
import zapier from 'zapier-platform-core';
import App from '../../index';
import { boundaryTester, oneActionTester } from '../boundary';
import {
  actions,
  appPartOf,
  auth,
  quietCoreMemoryGuard,
  recordAll,
  SECRET_PASSCODE,
  SEED,
  SHOWN,
} from './harness';
import { CONNECTION_REGION } from './scenarios';
import { at } from '../at';

quietCoreMemoryGuard();

// The bulk steps log each item's outcome (z.console.log, printed by the app tester): thousands of lines here.
let quiet: jest.SpyInstance | undefined;
beforeEach(() => {
  quiet = jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => quiet?.mockRestore());

type Perform = Parameters<typeof boundaryTester>[0];

const RUNS = Number(process.env.FC_BULK_RUNS ?? 1000);

/** A row of the step's list: with data, left empty (every field blank, or no field at all), or with no user key. */
type Row = 'data' | 'blank' | 'none' | 'no user';

/** How CleverTap answers one request. */
type Answer =
  | { kind: 'ok' }
  /** `refused`: 1-based record numbers within the request (those beyond its length are ignored). */
  | { kind: 'partial'; refused: number[]; code: number }
  | { kind: 'status'; status: 400 | 401 | 413 | 429 | 500 | 502 }
  | { kind: 'no upload result' };

interface Bulk {
  key: string;
  field: string;
  listKey: string;
  noun: string;
  /** Whether sending the items again is harmless (profiles without counters). */
  replaySafe: boolean;
  row: (user: number, kind: Row) => Record<string, unknown>;
}

const BULKS: Bulk[] = [
  {
    key: 'upload_events_bulk',
    field: 'Events',
    listKey: 'events',
    noun: 'events',
    replaySafe: false,
    row: (user, kind) =>
      kind === 'data'
        ? { evtName: 'Deal Won', identity: `user${user}@example.com` }
        : kind === 'no user'
          ? { evtName: 'Deal Won', identity: '' }
          : kind === 'blank'
            ? { evtName: '', identity: '', objectId: '', ts: '', evtData: '' }
            : {},
  },
  {
    key: 'upsert_profiles_bulk',
    field: 'Profiles',
    listKey: 'profiles',
    noun: 'profiles',
    replaySafe: true,
    row: (user, kind) =>
      kind === 'data'
        ? { identity: `user${user}@example.com`, name: 'Ada Lovelace' }
        : kind === 'no user'
          ? { identity: '', name: 'Ada Lovelace' }
          : kind === 'blank'
            ? { identity: '', objectId: '', ts: '', name: '', email: '', phone: '', profileData: '' }
            : {},
  },
];

// Every bulk action of the app is modelled here: a new one needs its rows written above.
it('every bulk action of the app definition is covered', () => {
  expect(
    actions()
      .filter((a) => a.key.endsWith('_bulk'))
      .map((a) => a.key)
      .sort(),
  ).toEqual(BULKS.map((b) => b.key).sort());
});

const LONG_REASON = `Record rejected because ${'the value of a property was not acceptable '.repeat(8)}`;
const CODES = [515, 509, 512, 513, 521, 555, 999];

const answerArb: fc.Arbitrary<Answer> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'ok' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('partial' as const),
      refused: fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 8 }),
      code: fc.constantFrom(...CODES),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom(
        400 as const,
        401 as const,
        413 as const,
        429 as const,
        500 as const,
        502 as const,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'no upload result' as const }) },
);

/** The step's list: rows with data and empty ones, and (`problems`) some without a user key. */
const rowsArb = (problems: boolean) =>
  fc.array(
    fc.oneof(
      { weight: 12, arbitrary: fc.constant<Row>('data') },
      { weight: 2, arbitrary: fc.constantFrom<Row>('blank', 'none') },
      { weight: problems ? 2 : 0, arbitrary: fc.constant<Row>('no user') },
    ),
    { minLength: 1, maxLength: 40 },
  );

const caseArb = fc.record({
  bulk: fc.constantFrom(...BULKS),
  rows: fc.oneof({ weight: 4, arbitrary: rowsArb(false) }, { weight: 1, arbitrary: rowsArb(true) }),
  size: fc.integer({ min: 1, max: 8 }),
  answers: fc.array(answerArb, { minLength: 40, maxLength: 40 }),
  onRefused: fc.constantFrom('', 'stop', 'continue'),
});

/** What the model says became of each item. */
interface Model {
  withData: number[];
  skipped: number[];
  invalid: number[];
  batches: number[][];
  saved: number[];
  /** Records CleverTap refused one by one. */
  recordRefused: number[];
  /** Items of a request CleverTap refused as a whole. */
  requestRefused: number[];
  uncertain: number[];
  notSent: number[];
  requests: number;
  stoppedBy?: Answer;
}

function model(rows: Row[], size: number, answers: Answer[]): Model {
  const numbered = rows.map((kind, i) => ({ kind, item: i + 1 }));
  const skipped = numbered.filter((r) => r.kind === 'blank' || r.kind === 'none').map((r) => r.item);
  const withData = numbered.filter((r) => r.kind === 'data' || r.kind === 'no user').map((r) => r.item);
  const invalid = numbered.filter((r) => r.kind === 'no user').map((r) => r.item);
  const batches: number[][] = [];
  for (let i = 0; i < withData.length; i += size) batches.push(withData.slice(i, i + size));
  const m: Model = {
    withData,
    skipped,
    invalid,
    batches,
    saved: [],
    recordRefused: [],
    requestRefused: [],
    uncertain: [],
    notSent: [],
    requests: 0,
  };
  if (invalid.length || !withData.length) return m;
  for (const [i, batch] of batches.entries()) {
    if (m.stoppedBy) {
      m.notSent.push(...batch);
      continue;
    }
    m.requests += 1;
    const answer = at(answers, i);
    if (answer.kind === 'ok') m.saved.push(...batch);
    else if (answer.kind === 'partial') {
      const refused = new Set(answer.refused.filter((n) => n <= batch.length).map((n) => batch[n - 1]));
      m.recordRefused.push(...batch.filter((item) => refused.has(item)));
      m.saved.push(...batch.filter((item) => !refused.has(item)));
    } else {
      (answer.kind === 'status' ? m.requestRefused : m.uncertain).push(...batch);
      m.stoppedBy = answer;
    }
  }
  return m;
}

/** CleverTap's answer to request `n` (1-based) carrying `count` records. */
function reply(answer: Answer, count: number): [number, unknown, Record<string, string>?] {
  switch (answer.kind) {
    case 'ok':
      return [200, { status: 'success', processed: count, unprocessed: [] }];
    case 'partial': {
      const refused = answer.refused.filter((n) => n <= count);
      return [
        200,
        {
          status: refused.length === count ? 'fail' : 'partial',
          processed: count - refused.length,
          unprocessed: refused.map((n) => ({
            status: 'fail',
            code: answer.code,
            error: `${answer.code === 999 ? LONG_REASON : 'Invalid record.'} ErrorCode: ${answer.code} Skipped record number : ${n}`,
            record: { identity: 'echoed-user@example.com', profileData: { Secret: 'ECHOED-PERSONAL-DATA' } },
          })),
        },
      ];
    }
    case 'status':
      return [
        answer.status,
        answer.status === 502
          ? '<html><body>502 Bad Gateway</body></html>'
          : { status: 'fail', error: `Refused: ${'too long a reason '.repeat(20)}`, code: answer.status },
        answer.status === 429 ? { 'Retry-After': '5' } : undefined,
      ];
    case 'no upload result':
      return [200, ''];
  }
}

const sorted = (items: number[]) => [...items].sort((a, b) => a - b);
const min = (items: number[]) => Math.min(...items);
/** "1 not saved (item 4)" / "3 not saved (items 2-3, 9)": the count and the first item number of a part of a report. */
const part = (items: number[], what: string) =>
  new RegExp(`${items.length} ${what}\\s*\\((items? )?${min(items)}(?![0-9])`);

/** Each bulk action alone in the app, so each of the generated steps compiles only its definition (../boundary.ts). */
const testers = new Map<Perform, Tester>();
type Tester = ReturnType<typeof oneActionTester>;
function aloneTester(perform: Perform): Tester {
  const known = testers.get(perform);
  if (known) return known;
  const made = oneActionTester(perform);
  testers.set(perform, made);
  return made;
}

describe('bulk reports: what became of each item, in what Zapier shows', () => {
  it(`${RUNS} generated lists and answers (seed ${SEED})`, async () => {
    let answers: Answer[] = [];
    let sent = 0;
    const seen = recordAll((req) => {
      // The region check after a 401 (a GET of a profile nobody has): every other region refuses too.
      if (req.method === 'GET') return [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }];
      sent += 1;
      return reply(at(answers, sent - 1), (JSON.parse(req.body) as { d: unknown[] }).d.length);
    });
    const reached = { output: 0, finished: 0, report: 0, credentials: 0, invalid: 0, halted: 0 };

    await fc.assert(
      fc.asyncProperty(caseArb, async ({ bulk, rows, size, answers: given, onRefused }) => {
        seen.length = 0;
        sent = 0;
        answers = given;
        const m = model(rows, size, given);
        const inputData = {
          [bulk.listKey]: rows.map((kind, i) => bulk.row(i + 1, kind)),
          recordsPerRequest: String(size),
          onRefused,
        };
        const perform = (App.creates as Record<string, { operation: { perform: unknown } }>)[bulk.key]
          ?.operation.perform as Perform;
        let result: Record<string, unknown> | undefined;
        let error: Error | undefined;
        try {
          result = (await aloneTester(perform)(perform, { authData: auth, inputData })) as Record<
            string,
            unknown
          >;
        } catch (e) {
          error = e as Error;
        }
        const shown = error ? appPartOf(error) : '';
        const context = `${bulk.key}, rows ${JSON.stringify(rows)}, size ${size}, onRefused ${JSON.stringify(onRefused)}, answers ${JSON.stringify(given.slice(0, m.batches.length))}\n${shown}`;
        const check = (ok: boolean, what: string) => {
          if (!ok) throw new Error(`${what}\n${context}`);
        };

        // Exactly the planned requests, each carrying the users of its batch (the user's rows, empty ones skipped).
        // (The region check's lookups after a 401 are not uploads.)
        const uploads = seen.filter((req) => req.method === 'POST');
        check(uploads.length === m.requests, `${uploads.length} requests, expected ${m.requests}`);
        uploads.forEach((req, i) => {
          const users = (JSON.parse(req.body) as { d: { identity?: string }[] }).d.map((r) => r.identity);
          check(
            JSON.stringify(users) === JSON.stringify((m.batches[i] ?? []).map((n) => `user${n}@example.com`)),
            `request ${i + 1} carried ${JSON.stringify(users)}`,
          );
        });

        if (error) {
          check(shown.length <= SHOWN, `a message of ${shown.length} characters`);
          check(!error.message.includes(SECRET_PASSCODE), 'the passcode in the message');
          check(!/ECHOED|echoed-user/.test(error.message), "CleverTap's echoed record in the message");
        }

        if (!m.withData.length) {
          reached.halted += 1;
          check(error instanceof zapier.errors.HaltedError, `not a HaltedError: ${error?.name}`);
          check(shown.startsWith(`${bulk.field}: `), 'the message does not start with the field');
          return;
        }
        if (m.invalid.length) {
          reached.invalid += 1;
          check(error instanceof zapier.errors.Error, `not an AppError: ${error?.name}`);
          const head = `${bulk.field}: ${m.invalid.length} of ${m.withData.length} items`;
          check(shown.startsWith(head), `does not start with "${head}"`);
          check(
            part(m.invalid, 'of \\d+ items (has a problem|have problems)').test(shown),
            'no first item number',
          );
          return;
        }

        const everySaved = m.saved.length === m.withData.length;
        const finished = onRefused === 'continue' && !m.stoppedBy;
        if (everySaved || finished) {
          if (everySaved) reached.output += 1;
          else reached.finished += 1;
          check(error === undefined, `failed: ${error?.name}`);
          const out = result as Record<string, unknown>;
          const expected = {
            status: everySaved ? 'success' : m.saved.length ? 'partial' : 'refused',
            items: m.withData.length,
            saved: m.saved.length,
            refused: m.recordRefused.length,
            requests: m.requests,
            skipped: m.skipped.length,
            savedItems: sorted(m.saved).join(', '),
            refusedItems: sorted(m.recordRefused).join(', '),
            skippedItems: m.skipped.join(', '),
          };
          const got = Object.fromEntries(Object.keys(expected).map((k) => [k, out?.[k]]));
          check(JSON.stringify(got) === JSON.stringify(expected), `output ${JSON.stringify(got)}`);
          return;
        }

        // A report: the right class, the saved count first, then the item numbers, then what to do.
        reached.report += 1;
        const stop = m.stoppedBy;
        const credentials = stop?.kind === 'status' && stop.status === 401;
        const throttled = stop?.kind === 'status' && stop.status === 429;
        const anythingSaved = m.saved.length > 0 || m.uncertain.length > 0;
        const cls = credentials
          ? 'ExpiredAuthError'
          : throttled && (!anythingSaved || bulk.replaySafe)
            ? 'ThrottledError'
            : 'AppError';
        check(error?.name === cls, `${error?.name}, expected ${cls}`);
        check(result === undefined, 'a result with the error');
        const head = `CleverTap saved ${m.saved.length} of ${m.withData.length} ${bulk.noun}`;
        check(shown.startsWith(head), `does not start with "${head}"`);
        const notSaved = [...m.recordRefused, ...m.requestRefused];
        if (notSaved.length)
          check(part(notSaved, 'not saved').test(shown), 'no count and first item not saved');
        if (m.uncertain.length)
          check(part(m.uncertain, 'uncertain').test(shown), 'no count and first item uncertain');
        if (m.notSent.length)
          check(part(m.notSent, 'not sent').test(shown), 'no count and first item not sent');
        check(
          /Nothing was saved, so replaying is safe|Replaying is safe|Don't replay the step/.test(shown),
          'no advice',
        );
        if (credentials) {
          reached.credentials += 1;
          check(
            shown.includes(CONNECTION_REGION),
            `a credentials error without the region ${CONNECTION_REGION}`,
          );
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // Not vacuous: each kind of outcome was reached.
    for (const [what, count] of Object.entries(reached)) expect([what, count > 0]).toEqual([what, true]);
    quiet?.mockRestore();
    console.log(`bulk reports: ${RUNS} cases, seed ${SEED}: ${JSON.stringify(reached)}`);
  }, 600_000);

  // A credentials error names the connection's region, whatever comes before it in the report.
  it.each(BULKS.map((b) => [b.key, b] as const))(
    '%s: a refused record, then the credentials refused, then an item not sent: the region is shown',
    async (_key, bulk) => {
      const plan: Answer[] = [
        { kind: 'ok' },
        { kind: 'partial', refused: [1], code: 515 },
        { kind: 'status', status: 401 },
      ];
      let request = 0;
      recordAll((req) => {
        // The region check after a 401 (a GET of a profile nobody has): every other region refuses too.
        if (req.method === 'GET') return [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }];
        request += 1;
        return reply(at(plan, request - 1), (JSON.parse(req.body) as { d: unknown[] }).d.length);
      });
      const inputData = {
        [bulk.listKey]: [1, 2, 3, 4].map((n) => bulk.row(n, 'data')),
        recordsPerRequest: '1',
      };
      const perform = (App.creates as Record<string, { operation: { perform: unknown } }>)[bulk.key]
        ?.operation.perform as Perform;
      const error = (await boundaryTester(perform, { authData: auth, inputData }).catch(
        (e: unknown) => e,
      )) as Error;
      expect(error?.name).toBe('ExpiredAuthError');
      const shown = appPartOf(error);
      expect(shown.length).toBeLessThanOrEqual(SHOWN);
      expect(shown).toMatch(
        new RegExp(
          `^CleverTap saved 1 of 4 ${bulk.noun}; 2 not saved \\(items 2-3\\); 1 not sent \\(item 4\\)\\. `,
        ),
      );
      expect(shown).toContain(CONNECTION_REGION);
      expect(request).toBe(3);
    },
  );

  it('a long list (1,200 profiles, 2 requests) with 300 refusals scattered in the second request', async () => {
    const refused = Array.from({ length: 300 }, (_, i) => 2 + i * 3).filter((n) => n <= 200);
    let request = 0;
    recordAll((req) => {
      request += 1;
      const count = (JSON.parse(req.body) as { d: unknown[] }).d.length;
      return reply(request === 2 ? { kind: 'partial', refused, code: 515 } : { kind: 'ok' }, count);
    });
    const inputData = {
      profiles: Array.from({ length: 1200 }, (_, i) => ({
        identity: `user${i + 1}@example.com`,
        name: 'Ada',
      })),
    };
    const error = (await boundaryTester(App.creates.upsert_profiles_bulk.operation.perform as Perform, {
      authData: auth,
      inputData,
    }).catch((e: unknown) => e)) as Error;
    const shown = appPartOf(error);
    expect(shown.length).toBeLessThanOrEqual(SHOWN);
    // Record 2 of the second request is item 1002.
    expect(shown).toMatch(
      new RegExp(
        `^CleverTap saved ${1200 - refused.length} of 1200 profiles; ${refused.length} not saved \\(items 1002, 1005, 1008`,
      ),
    );
    expect(shown).toMatch(/Replaying is safe/);
  });
});
