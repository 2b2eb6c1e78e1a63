import {
  allSaved,
  answeredOutcome,
  BulkSummary,
  recordReplay,
  itemOutcomes,
  NumberedRecord,
  refusedOutcome,
  splitIntoBatches,
  summarise,
  unknownOutcome,
} from '../../src/clevertap/batches';
import { eventRecord, profileRecord } from '../../src/clevertap/records';
import { at } from '../at';

/** Items 1..n, each carrying its own number as the record, so split points can be read off directly. */
const numbered = (n: number, from = 1): NumberedRecord<number>[] =>
  Array.from({ length: n }, (_, i) => ({ item: from + i, record: from + i }));

describe('splitIntoBatches', () => {
  it.each([
    [1, [[1, 1]]],
    [999, [[1, 999]]],
    [1000, [[1, 1000]]],
    [
      1001,
      [
        [1, 1000],
        [1001, 1001],
      ],
    ],
    [
      2500,
      [
        [1, 1000],
        [1001, 2000],
        [2001, 2500],
      ],
    ],
  ])('%i items: requests of at most 1000, in order', (n, expected) => {
    const batches = splitIntoBatches(numbered(n));
    expect(batches.map((b) => [b.entries[0]?.item, b.entries[b.entries.length - 1]?.item])).toEqual(expected);
    expect(batches.map((b) => b.request)).toEqual(expected.map((_, i) => i + 1));
    expect(batches.flatMap((b) => b.entries.map((e) => e.record))).toEqual(numbered(n).map((e) => e.record));
  });

  it('takes a smaller batch size', () => {
    const batches = splitIntoBatches(numbered(250), 100);
    expect(batches.map((b) => b.entries.length)).toEqual([100, 100, 50]);
  });

  it('makes no request for no records', () => {
    expect(splitIntoBatches([])).toEqual([]);
  });

  it.each([0, -1, 1001, 2.5, NaN])('refuses the batch size %p', (size) => {
    expect(() => splitIntoBatches(numbered(3), size)).toThrow(RangeError);
  });
});

describe('recordReplay', () => {
  const user = { identity: 'u1' };
  it('an event never is: CleverTap stores it twice', () => {
    expect(recordReplay(eventRecord(user, 'Deal Won', {}))).toBe('stores_twice');
  });
  it('a profile with plain values, lists and list operators is', () => {
    expect(
      recordReplay(
        profileRecord(user, { Name: 'Ada', Tags: ['a'], More: { $add: ['b'] }, Gone: { $delete: 1 } }),
      ),
    ).toBe('safe');
  });
  it.each(['$incr', '$decr'])('a profile that changes a counter with %s is not', (op) => {
    expect(recordReplay(profileRecord(user, { Name: 'Ada', Visits: { [op]: 1 } as never }))).toBe(
      'stores_twice',
    );
  });
});

describe('answeredOutcome: CleverTap record numbers (within a request) to item numbers (in the step)', () => {
  // Items 1-5 and 7-11 (item 6 was empty and skipped), in requests of 5: the second request is items 7-11.
  const entries = [...numbered(5), ...numbered(5, 7)];
  const batches = splitIntoBatches(entries, 5);
  const [first, second] = [at(batches, 0), at(batches, 1)];

  it('maps record number K of the second request to its K-th item', () => {
    const outcome = answeredOutcome(second, {
      ok: false,
      processed: 3,
      failures: [
        { code: 515, reason: 'Email is not a valid email address', recordNumber: 1 },
        { code: 514, reason: 'Gender must be M or F', recordNumber: 4 },
      ],
      unaccounted: 0,
    });
    expect(outcome).toEqual({
      kind: 'answered',
      request: 2,
      items: [7, 8, 9, 10, 11],
      processed: 3,
      failures: [
        { item: 7, code: 515, reason: 'Email is not a valid email address' },
        { item: 10, code: 514, reason: 'Gender must be M or F' },
      ],
      unaccounted: 0,
    });
  });

  it('names no item for a failure without a record number, one outside the request, or one named twice', () => {
    const outcome = answeredOutcome(first, {
      ok: false,
      processed: 2,
      failures: [
        { code: 555, reason: 'x' },
        { code: 555, reason: 'x', recordNumber: 6 },
        { code: 555, reason: 'x', recordNumber: 2 },
        { code: 555, reason: 'x', recordNumber: 2 },
      ],
      unaccounted: 0,
    });
    expect(outcome.kind === 'answered' && outcome.failures.map((f) => f.item)).toEqual([
      undefined,
      undefined,
      2,
      undefined,
    ]);
  });
});

describe('splitIntoBatches: the batch size at its bounds', () => {
  it('takes a batch size of 1: one request per record', () => {
    expect(splitIntoBatches(numbered(3), 1).map((b) => b.entries.map((e) => e.item))).toEqual([
      [1],
      [2],
      [3],
    ]);
  });

  it('says which sizes it takes', () => {
    expect(() => splitIntoBatches(numbered(3), 0)).toThrow(
      new RangeError('batch size 0 is not a whole number from 1 to 1000'),
    );
  });
});

describe('answeredOutcome: a full success and unplaced failures', () => {
  const batch = at(splitIntoBatches(numbered(3)), 0);

  it('a success: every item processed, no failures', () => {
    expect(answeredOutcome(batch, { ok: true, processed: 3 })).toStrictEqual({
      kind: 'answered',
      request: 1,
      items: [1, 2, 3],
      processed: 3,
      failures: [],
      unaccounted: 0,
    });
  });

  it('keeps the code and reason of a failure it cannot place, without an item', () => {
    const outcome = answeredOutcome(batch, {
      ok: false,
      processed: 1,
      failures: [
        { code: 555, reason: 'server error' },
        { code: 515, reason: 'bad email', recordNumber: 9 },
      ],
      unaccounted: 1,
    });
    expect(outcome.kind === 'answered' && outcome.failures).toStrictEqual([
      { code: 555, reason: 'server error' },
      { code: 515, reason: 'bad email' },
    ]);
    expect(outcome.kind === 'answered' && outcome.unaccounted).toBe(1);
  });
});

describe('a step of many requests, item by item', () => {
  // Items 1-4 and 6-9 (item 5 was empty and skipped), in requests of 3: [1, 2, 3], [4, 6, 7], [8, 9].
  const batches = splitIntoBatches([...numbered(4), ...numbered(4, 6)], 3);
  const [first, second, third] = [at(batches, 0), at(batches, 1), at(batches, 2)];

  it('refused and unknown outcomes carry the request, its items and the reason', () => {
    expect(refusedOutcome(second, 'HTTP 400: Bad JSON')).toEqual({
      kind: 'refused',
      request: 2,
      items: [4, 6, 7],
      reason: 'HTTP 400: Bad JSON',
    });
    expect(unknownOutcome(third, 'timed out')).toEqual({
      kind: 'unknown',
      request: 3,
      items: [8, 9],
      reason: 'timed out',
    });
  });

  it('every item saved: a success', () => {
    const outcomes = batches.map((batch) =>
      answeredOutcome(batch, { ok: true, processed: batch.entries.length }),
    );
    const summary = summarise(batches, outcomes);
    expect(summary).toEqual({
      items: 8,
      requestsPlanned: 3,
      requests: 3,
      processed: 8,
      failed: 0,
      failures: [],
      saved: [1, 2, 3, 4, 6, 7, 8, 9],
      refused: [],
      uncertain: [],
      notSent: [],
      stop: undefined,
    });
    expect(allSaved(summary)).toBe(true);
    expect(itemOutcomes(summary, [5])).toEqual([
      { item: 1, outcome: 'saved' },
      { item: 2, outcome: 'saved' },
      { item: 3, outcome: 'saved' },
      { item: 4, outcome: 'saved' },
      { item: 5, outcome: 'skipped' },
      { item: 6, outcome: 'saved' },
      { item: 7, outcome: 'saved' },
      { item: 8, outcome: 'saved' },
      { item: 9, outcome: 'saved' },
    ]);
  });

  it('a refused item, then a refused request that stops the step: saved, refused and not sent', () => {
    const refused = refusedOutcome(second, 'HTTP 400: Bad JSON');
    const outcomes = [
      answeredOutcome(first, {
        ok: false,
        processed: 2,
        failures: [{ code: 515, reason: 'bad email', recordNumber: 2 }],
        unaccounted: 0,
      }),
      refused,
    ];
    const stop = { kind: 'failed', outcome: refused } as const;
    const summary = summarise(batches, outcomes, stop);
    expect(summary).toEqual({
      items: 8,
      requestsPlanned: 3,
      requests: 2,
      processed: 2,
      failed: 1,
      failures: [{ item: 2, code: 515, reason: 'bad email' }],
      saved: [1, 3],
      refused: [4, 6, 7],
      uncertain: [],
      notSent: [8, 9],
      stop,
    });
    expect(allSaved(summary)).toBe(false);
    expect(itemOutcomes(summary, [5])).toEqual([
      { item: 1, outcome: 'saved' },
      { item: 2, outcome: 'refused', code: 515, reason: 'bad email' },
      { item: 3, outcome: 'saved' },
      { item: 4, outcome: 'refused', reason: 'HTTP 400: Bad JSON' },
      { item: 5, outcome: 'skipped' },
      { item: 6, outcome: 'refused', reason: 'HTTP 400: Bad JSON' },
      { item: 7, outcome: 'refused', reason: 'HTTP 400: Bad JSON' },
      { item: 8, outcome: 'not_sent' },
      { item: 9, outcome: 'not_sent' },
    ]);
  });

  it('a refused request the step went on after says only that it was refused', () => {
    const summary = summarise(batches, [
      answeredOutcome(first, { ok: true, processed: 3 }),
      refusedOutcome(second, 'HTTP 413'),
      answeredOutcome(third, { ok: true, processed: 2 }),
    ]);
    expect(summary.refused).toEqual([4, 6, 7]);
    expect(summary.saved).toEqual([1, 2, 3, 8, 9]);
    expect(allSaved(summary)).toBe(false);
    expect(itemOutcomes(summary, []).filter((o) => o.outcome === 'refused')).toEqual(
      [4, 6, 7].map((item) => ({ item, outcome: 'refused', reason: 'the request was refused' })),
    );
  });

  it('no answer, or failures CleverTap did not place: those items may or may not be saved', () => {
    const unknown = unknownOutcome(third, 'timed out');
    const summary = summarise(
      batches,
      [
        answeredOutcome(first, {
          ok: false,
          processed: 2,
          failures: [{ code: 555, reason: 'x' }],
          unaccounted: 0,
        }),
        answeredOutcome(second, { ok: false, processed: 2, failures: [], unaccounted: 1 }),
        unknown,
      ],
      { kind: 'failed', outcome: unknown },
    );
    expect(summary).toMatchObject({
      requests: 3,
      processed: 4,
      failed: 2,
      failures: [{ code: 555, reason: 'x' }],
      saved: [],
      refused: [],
      uncertain: [1, 2, 3, 4, 6, 7, 8, 9],
      notSent: [],
    });
    expect(allSaved(summary)).toBe(false);
    expect(itemOutcomes(summary, []).map((o) => o.outcome)).toEqual(Array(8).fill('uncertain'));
  });

  it('out of time: the requests not started are not sent', () => {
    const summary = summarise(batches, [answeredOutcome(first, { ok: true, processed: 3 })], {
      kind: 'out_of_time',
      request: 2,
    });
    expect(summary).toMatchObject({ requests: 1, saved: [1, 2, 3], notSent: [4, 6, 7, 8, 9] });
    expect(allSaved(summary)).toBe(false);
  });
});

describe('allSaved: a success only when every item was sent and saved', () => {
  const saved: BulkSummary = {
    items: 2,
    requestsPlanned: 1,
    requests: 1,
    processed: 2,
    failed: 0,
    failures: [],
    saved: [1, 2],
    refused: [],
    uncertain: [],
    notSent: [],
  };

  it.each<[string, Partial<BulkSummary>, boolean]>([
    ['all saved', {}, true],
    ['a stop', { stop: { kind: 'out_of_time', request: 2 } }, false],
    ['a failure counted', { failed: 1 }, false],
    ['an item not saved', { saved: [1] }, false],
  ])('%s', (_what, change, expected) => {
    expect(allSaved({ ...saved, ...change })).toBe(expected);
  });

  it('no items at all is nothing left unsaved', () => {
    expect(allSaved(summarise([], []))).toBe(true);
  });
});
