import { answeredOutcome, isReplaySafe, NumberedRecord, splitIntoBatches } from '../../src/clevertap/batches';
import { eventRecord, profileRecord } from '../../src/clevertap/records';

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
