import {
  allSaved,
  answeredOutcome,
  describeSummary,
  isReplaySafe,
  itemList,
  NumberedRecord,
  refusedOutcome,
  splitIntoBatches,
  summarise,
  unknownOutcome,
} from '../../src/clevertap/batches';
import { eventRecord, profileRecord } from '../../src/clevertap/records';

/** Items 1..n, each carrying its own number as the record, so split points can be read off directly. */
const numbered = (n: number, from = 1): NumberedRecord<number>[] =>
  Array.from({ length: n }, (_, i) => ({ item: from + i, record: from + i }));

const EVENTS = { one: 'event', many: 'events' };
const PROFILES = { one: 'profile', many: 'profiles' };

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

describe('isReplaySafe', () => {
  const user = { identity: 'u1' };
  it('an event never is: CleverTap stores it twice', () => {
    expect(isReplaySafe(eventRecord(user, 'Deal Won', {}))).toBe(false);
  });
  it('a profile with plain values, lists and list operators is', () => {
    expect(
      isReplaySafe(
        profileRecord(user, { Name: 'Ada', Tags: ['a'], More: { $add: ['b'] }, Gone: { $delete: 1 } }),
      ),
    ).toBe(true);
  });
  it.each(['$incr', '$decr'])('a profile that changes a counter with %s is not', (op) => {
    expect(isReplaySafe(profileRecord(user, { Name: 'Ada', Visits: { [op]: 1 } as never }))).toBe(false);
  });
});

describe('answeredOutcome: CleverTap record numbers (within a request) to item numbers (in the step)', () => {
  // Items 1-5 and 7-11 (item 6 was empty and skipped), in requests of 5: the second request is items 7-11.
  const entries = [...numbered(5), ...numbered(5, 7)];
  const [first, second] = splitIntoBatches(entries, 5);

  it('maps record number K of the second request to its K-th item', () => {
    const outcome = answeredOutcome(second!, {
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
    const outcome = answeredOutcome(first!, {
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

describe('summarise and describeSummary', () => {
  const batches = splitIntoBatches(numbered(2500));
  const [b1, b2, b3] = batches as [(typeof batches)[0], (typeof batches)[0], (typeof batches)[0]];
  const ok = (n: number) => ({ ok: true as const, processed: n });

  it('all answered, all processed: everything saved', () => {
    const summary = summarise(batches, [
      answeredOutcome(b1, ok(1000)),
      answeredOutcome(b2, ok(1000)),
      answeredOutcome(b3, ok(500)),
    ]);
    expect(allSaved(summary)).toBe(true);
    expect(summary).toMatchObject({ items: 2500, requests: 3, processed: 2500, failed: 0, notSent: [] });
  });

  it('a partial failure in the middle request: the failed items by their number in the step', () => {
    const summary = summarise(batches, [
      answeredOutcome(b1, ok(1000)),
      answeredOutcome(b2, {
        ok: false,
        processed: 998,
        failures: [
          { code: 515, reason: 'Email is not a valid email address', recordNumber: 5 },
          { code: 513, reason: 'a system event', recordNumber: 1000 },
        ],
        unaccounted: 0,
      }),
      answeredOutcome(b3, ok(500)),
    ]);
    expect(allSaved(summary)).toBe(false);
    expect(summary).toMatchObject({ processed: 2498, failed: 2, requests: 3 });
    expect(summary.failures.map((f) => f.item)).toEqual([1005, 2000]);
    expect(summary.saved).toHaveLength(2498);
    const message = describeSummary(summary, EVENTS, false);
    expect(message).toContain('CleverTap confirmed 2498 of the 2500 events as saved, in 3 requests.');
    expect(message).toContain('Saved: items 1-1004, 1006-1999, 2001-2500.');
    expect(message).toContain(
      'Not saved, refused one by one: item 1005: Email is not a valid email address (CleverTap code 515); ' +
        'item 2000: a system event (CleverTap code 513).',
    );
    expect(message).toContain('Correct the refused items at their source first');
    expect(message).toContain(
      'Do not replay this whole step: it would send items 1-1004, 1006-1999, 2001-2500 again',
    );
  });

  it('the second request refused after the first was saved: saved, refused and not sent, with what to do', () => {
    const refused = refusedOutcome(
      b2,
      'CleverTap is unavailable right now (HTTP 503). Try again in a few minutes.',
    );
    const summary = summarise(batches, [answeredOutcome(b1, ok(1000)), refused], {
      kind: 'failed',
      outcome: refused,
    });
    expect(summary).toMatchObject({ processed: 1000, requests: 2, requestsPlanned: 3 });
    expect(itemList(summary.saved)).toBe('items 1-1000');
    expect(itemList(summary.refused)).toBe('items 1001-2000');
    expect(itemList(summary.notSent)).toBe('items 2001-2500');
    expect(describeSummary(summary, EVENTS, false)).toBe(
      'Request 2 of 3 (items 1001-2000) failed: CleverTap is unavailable right now (HTTP 503). Try again in a few ' +
        'minutes. CleverTap confirmed 1000 of the 2500 events as saved, in 2 requests. Saved: items 1-1000. Not saved, in the ' +
        'failed request: items 1001-2000. Not sent: items 2001-2500. Do not replay this whole step: it would send ' +
        'items 1-1000 again and CleverTap, which has no duplicate check, would store those events twice. Send only ' +
        'the items that were not saved, in a new run with a list that leaves out the saved ones.',
    );
    expect(describeSummary(summary, PROFILES, true)).toContain(
      'Replaying this step is safe: the profiles already saved are only updated again with the same values.',
    );
  });

  it('a request without an answer: its items may or may not be saved', () => {
    const lost = unknownOutcome(b2, 'The connection to CleverTap failed (ECONNRESET)');
    const summary = summarise(batches, [answeredOutcome(b1, ok(1000)), lost], {
      kind: 'failed',
      outcome: lost,
    });
    const message = describeSummary(summary, EVENTS, false);
    expect(message).toContain('Request 2 of 3 (items 1001-2000) got no usable answer: The connection');
    expect(message).toContain('May or may not be saved (check in CleverTap): items 1001-2000.');
    expect(message).toContain('it would send items 1-2000 again');
    expect(message).toContain(
      'Check in CleverTap which of the items that may or may not be saved arrived, then send',
    );
  });

  it('the first request refused: nothing saved, safe to replay', () => {
    const refused = refusedOutcome(b1, 'CleverTap is busy');
    const summary = summarise(batches, [refused], { kind: 'failed', outcome: refused });
    expect(summary.saved).toEqual([]);
    expect(describeSummary(summary, EVENTS, false)).toContain(
      'Nothing was saved, so it is safe to replay this step.',
    );
  });

  it('failures CleverTap did not place make the rest of their request uncertain, not saved', () => {
    const summary = summarise(batches.slice(0, 1), [
      answeredOutcome(b1, { ok: false, processed: 999, failures: [], unaccounted: 1 }),
    ]);
    expect(summary).toMatchObject({ failed: 1, saved: [] });
    expect(itemList(summary.uncertain)).toBe('items 1-1000');
  });

  it('stopped for the time limit: the rest not sent', () => {
    const summary = summarise(batches, [answeredOutcome(b1, ok(1000))], { kind: 'out_of_time', request: 2 });
    const message = describeSummary(summary, EVENTS, false);
    expect(message).toMatch(
      /^The step stopped before request 2 of 3 so that it ends within Zapier's time limit/,
    );
    expect(message).toContain('Not sent: items 1001-2500.');
  });

  it('lists at most ten failures one by one, and the items of the rest', () => {
    const failures = Array.from({ length: 14 }, (_, i) => ({
      code: 515,
      reason: 'bad email',
      recordNumber: i + 1,
    }));
    const summary = summarise(batches.slice(0, 1), [
      answeredOutcome(b1, { ok: false, processed: 986, failures, unaccounted: 0 }),
    ]);
    const message = describeSummary(summary, EVENTS, false);
    expect(message).toContain('item 10: bad email (CleverTap code 515); and 4 more (items 11-14).');
    expect(message).not.toContain('item 11:');
  });
});

describe('itemList', () => {
  it.each([
    [[5], 'item 5'],
    [[1, 2, 3, 7, 9, 10], 'items 1-3, 7, 9-10'],
    [[3, 1, 2], 'items 1-3'],
  ])('%p -> %s', (items, text) => expect(itemList(items)).toBe(text));

  it('shows at most the given number of ranges', () => {
    expect(itemList([1, 3, 5, 7], 2)).toBe('items 1, 3 and 2 more ranges');
  });
});
