import { bulkMessage, parseOnRefused } from '../src/bulk';
import {
  allSaved,
  answeredOutcome,
  itemList,
  itemOutcomes,
  NumberedRecord,
  refusedOutcome,
  splitIntoBatches,
  summarise,
  unknownOutcome,
} from '../src/clevertap/batches';

/** Items 1..n, each carrying its own number as the record, so split points can be read off directly. */
const numbered = (n: number, from = 1): NumberedRecord<number>[] =>
  Array.from({ length: n }, (_, i) => ({ item: from + i, record: from + i }));

const EVENTS = { one: 'event', many: 'events' };
const PROFILES = { one: 'profile', many: 'profiles' };

/** A message as Zapier shows it: whole, within 250 characters. */
const fits = (message: string) => expect(message.length).toBeLessThanOrEqual(250);

describe('summarise and bulkMessage', () => {
  const batches = splitIntoBatches(numbered(2500));
  const [b1, b2, b3] = batches as [(typeof batches)[0], (typeof batches)[0], (typeof batches)[0]];
  const ok = (n: number) => ({ ok: true as const, processed: n });

  it('all answered, all processed: everything saved, every item saved in the outcomes', () => {
    const summary = summarise(batches, [
      answeredOutcome(b1, ok(1000)),
      answeredOutcome(b2, ok(1000)),
      answeredOutcome(b3, ok(500)),
    ]);
    expect(allSaved(summary)).toBe(true);
    expect(summary).toMatchObject({ items: 2500, requests: 3, processed: 2500, failed: 0, notSent: [] });
    const outcomes = itemOutcomes(summary, []);
    expect(outcomes).toHaveLength(2500);
    expect(outcomes.every((o) => o.outcome === 'saved')).toBe(true);
  });

  it('a partial failure in the middle request: counts, the item numbers, what to do, the first reason', () => {
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
    const message = bulkMessage(summary, EVENTS, false);
    expect(message).toBe(
      "CleverTap saved 2498 of 2500 events; 2 not saved (items 1005, 2000). Don't replay the step: send only the " +
        'items not saved. Item 1005: Email is not a valid email address (code 515). Or pick "Finish the step" in If ' +
        'CleverTap Refuses Items.',
    );
    fits(message);
    expect(itemOutcomes(summary, [7]).filter((o) => o.outcome !== 'saved')).toEqual([
      { item: 7, outcome: 'skipped' },
      { item: 1005, outcome: 'refused', code: 515, reason: 'Email is not a valid email address' },
      { item: 2000, outcome: 'refused', code: 513, reason: 'a system event' },
    ]);
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
    const message = bulkMessage(summary, EVENTS, false);
    expect(message).toMatch(
      /^CleverTap saved 1000 of 2500 events; 1000 not saved \(items 1001-2000\); 500 not sent \(items 2001-2500\)\. Don't replay the step: send only the items not saved\. Request 2 of 3 failed: CleverTap is unavailable/,
    );
    fits(message);
    const profiles = bulkMessage(summary, PROFILES, true);
    expect(profiles).toContain('Replaying is safe: saved profiles are only updated again.');
    fits(profiles);
  });

  it('a request without an answer: its items may or may not be saved', () => {
    const lost = unknownOutcome(b2, 'The connection to CleverTap failed (ECONNRESET)');
    const summary = summarise(batches, [answeredOutcome(b1, ok(1000)), lost], {
      kind: 'failed',
      outcome: lost,
    });
    const message = bulkMessage(summary, EVENTS, false);
    expect(message).toContain('CleverTap saved 1000 of 2500 events; 1000 uncertain (items 1001-2000)');
    expect(message).toContain("Don't replay the step: check the uncertain items in CleverTap");
    expect(message).toContain('Request 2 of 3 got no answer: The connection');
    fits(message);
  });

  it('the first request refused: nothing saved, safe to replay', () => {
    const refused = refusedOutcome(b1, 'CleverTap is busy');
    const summary = summarise(batches, [refused], { kind: 'failed', outcome: refused });
    expect(summary.saved).toEqual([]);
    expect(bulkMessage(summary, EVENTS, false)).toContain('Nothing was saved, so replaying is safe.');
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
    const message = bulkMessage(summary, EVENTS, false);
    expect(message).toContain('1500 not sent (items 1001-2500)');
    expect(message).toContain("Stopped before request 2 of 3 to end within Zapier's time limit.");
  });

  it('many refusals: the count and the first item numbers, within what Zapier shows', () => {
    const failures = Array.from({ length: 400 }, (_, i) => ({
      code: 515,
      reason: 'Email is not a valid email address',
      recordNumber: 2 * i + 1,
    }));
    const summary = summarise(batches.slice(0, 1), [
      answeredOutcome(b1, { ok: false, processed: 600, failures, unaccounted: 0 }),
    ]);
    const message = bulkMessage(summary, EVENTS, false);
    expect(message).toMatch(
      /^CleverTap saved 600 of 1000 events; 400 not saved \(items 1, 3, 5 and 397 more\)/,
    );
    fits(message);
  });
});

describe('parseOnRefused', () => {
  it('is stop when empty, and reads the two choices', () => {
    expect(parseOnRefused(undefined)).toBe('stop');
    expect(parseOnRefused('')).toBe('stop');
    expect(parseOnRefused('stop')).toBe('stop');
    expect(parseOnRefused(' Continue ')).toBe('continue');
  });

  it('refuses anything else, naming the field', () => {
    expect(() => parseOnRefused('yes')).toThrow(
      /^If CleverTap Refuses Items: "yes" is not one of the choices/,
    );
  });
});
