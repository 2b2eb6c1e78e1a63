/** The words a Zap user reads when a step fails: each message within 250 characters, what failed first. */
import { readRequestFailure } from '../../src/clevertap/answers';
import { REGION_VALUES, Region, regionName } from '../../src/clevertap/regions';
import {
  bulkMessage,
  credentialsMessage,
  lostConnectionMessage,
  probeMessage,
  probeReason,
  requestFailureMessage,
} from '../../src/zapier/words';
import { itemList, MESSAGE_LIMIT } from '../../src/wording';
import {
  allSaved,
  answeredOutcome,
  itemOutcomes,
  NumberedRecord,
  refusedOutcome,
  splitIntoBatches,
  summarise,
  unknownOutcome,
} from '../../src/clevertap/batches';

const others = (current: Region) => REGION_VALUES.filter((region) => region !== current);

/** Every way of splitting `regions` in two: [chosen, rest]. */
function splits(regions: Region[]): [Region[], Region[]][] {
  return Array.from({ length: 2 ** regions.length }, (_, mask) => [
    regions.filter((_r, i) => mask & (1 << i)),
    regions.filter((_r, i) => !(mask & (1 << i))),
  ]);
}

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
    const message = bulkMessage(summary, EVENTS, 'stores_twice');
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
    const message = bulkMessage(summary, EVENTS, 'stores_twice');
    expect(message).toMatch(
      /^CleverTap saved 1000 of 2500 events; 1000 not saved \(items 1001-2000\); 500 not sent \(items 2001-2500\)\. Don't replay the step: send only the items not saved\. Request 2 of 3 failed: CleverTap is unavailable/,
    );
    fits(message);
    const profiles = bulkMessage(summary, PROFILES, 'safe');
    expect(profiles).toContain('Replaying is safe: saved profiles are only updated again.');
    fits(profiles);
  });

  it('a request without an answer: its items may or may not be saved', () => {
    const lost = unknownOutcome(b2, 'The connection to CleverTap failed (ECONNRESET)');
    const summary = summarise(batches, [answeredOutcome(b1, ok(1000)), lost], {
      kind: 'failed',
      outcome: lost,
    });
    const message = bulkMessage(summary, EVENTS, 'stores_twice');
    expect(message).toContain('CleverTap saved 1000 of 2500 events; 1000 uncertain (items 1001-2000)');
    expect(message).toContain("Don't replay the step: check the uncertain items in CleverTap");
    expect(message).toContain('Request 2 of 3 got no answer: The connection');
    fits(message);
  });

  it('the first request refused: nothing saved, safe to replay', () => {
    const refused = refusedOutcome(b1, 'CleverTap is busy');
    const summary = summarise(batches, [refused], { kind: 'failed', outcome: refused });
    expect(summary.saved).toEqual([]);
    expect(bulkMessage(summary, EVENTS, 'stores_twice')).toContain(
      'Nothing was saved, so replaying is safe.',
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
    const message = bulkMessage(summary, EVENTS, 'stores_twice');
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
    const message = bulkMessage(summary, EVENTS, 'stores_twice');
    expect(message).toMatch(
      /^CleverTap saved 600 of 1000 events; 400 not saved \(items 1, 3, 5 and 397 more\)/,
    );
    fits(message);
  });
});

describe('request-level failures in plain words', () => {
  it('tells the user where to check credentials and region, within what Zapier shows', () => {
    const message = requestFailureMessage(readRequestFailure(401, {}), 'in1');
    expect(message).toBe(credentialsMessage('in1'));
    expect(message).toMatch(/^CleverTap refused the Account ID or Passcode for India \(in1\)\./);
    expect(message).toMatch(/India \(in1\).*Settings > Project.*dashboard/);
    expect(message).toMatch(/Then reconnect\.$/);
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it('never gives the refused region as the example of a dashboard address', () => {
    expect(credentialsMessage('in1')).toContain('(us1 in us1.dashboard.clevertap.com)');
    expect(credentialsMessage('in1')).not.toContain('in1.dashboard');
    for (const region of REGION_VALUES.filter((r) => r !== 'in1'))
      expect(credentialsMessage(region)).toContain('(in1 in in1.dashboard.clevertap.com)');
  });

  it("quotes CleverTap's error text, or says there was none", () => {
    expect(requestFailureMessage(readRequestFailure(400, { error: 'Bad JSON' }), 'eu1')).toBe(
      'CleverTap rejected the request as invalid: Bad JSON',
    );
    expect(requestFailureMessage(readRequestFailure(400, undefined), 'eu1')).toMatch(/no details given/);
  });

  it.each<[number, RegExp]>([
    [404, /^CleverTap did not find that API address \(HTTP 404\): x$/],
    [405, /^CleverTap does not allow this request \(HTTP 405\)/],
    [409, /^CleverTap reported a conflict \(HTTP 409\)/],
    [413, /^The request is too large for CleverTap \(HTTP 413\): send fewer or smaller records$/],
    [418, /^CleverTap refused the request \(HTTP 418\): x$/],
    [429, /^CleverTap is busy with too many requests from this account at once \(HTTP 429\)/],
    [503, /^CleverTap is unavailable right now \(HTTP 503\)\. Try again in a few minutes\.$/],
  ])('HTTP %i', (status, message) => {
    expect(requestFailureMessage(readRequestFailure(status, { error: 'x' }), 'eu1')).toMatch(message);
  });

  it('shortens a long error text from CleverTap so that the message fits what Zapier shows', () => {
    const message = requestFailureMessage(
      readRequestFailure(400, { error: `Bad JSON ${'x'.repeat(500)}` }),
      'eu1',
    );
    expect(message).toMatch(/^CleverTap rejected the request as invalid: Bad JSON x+…$/);
    expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('a lost connection', () => {
  it('a triggered message: says that a replay sends it again', () => {
    expect(lostConnectionMessage(false, 'ECONNRESET', 'sends_twice', 20_000)).toMatch(
      /^The connection to CleverTap failed \(ECONNRESET\)\. The message may or may not have been sent: .*a replay sends the message again\.$/,
    );
  });

  it('says what happened and whether replaying is safe', () => {
    expect(lostConnectionMessage(true, 'request-timeout', 'safe', 20_000)).toBe(
      'CleverTap did not answer within 20 seconds. Nothing is known to be saved; it is safe to replay this step.',
    );
    expect(lostConnectionMessage(false, 'ECONNRESET', 'stores_twice', 20_000)).toMatch(
      /^The connection to CleverTap failed \(ECONNRESET\)\. The data may or may not have been saved: check CleverTap/,
    );
  });

  it('a timeout names the seconds the request really waited (a shorter timeout set by the developer)', () => {
    expect(lostConnectionMessage(true, 'request-timeout', 'safe', 200)).toMatch(
      /^CleverTap did not answer within 0\.2 seconds\. Nothing is known to be saved/,
    );
    expect(lostConnectionMessage(true, 'request-timeout', 'stores_twice', 7_500)).toMatch(
      /^CleverTap did not answer within 7\.5 seconds\. /,
    );
  });
});

describe('probeMessage', () => {
  it('found: the wrong region and the right one first, then what to do', () => {
    expect(probeMessage('eu1', { kind: 'found', region: 'in1' })).toBe(
      'Wrong region: these credentials belong to India (in1), not Europe (eu1). ' +
        'Reconnect your CleverTap account and pick India (in1) as the Region.',
    );
  });

  it('refused everywhere: the Account ID or Passcode is wrong', () => {
    expect(probeMessage('eu1', { kind: 'not_found', refused: others('eu1'), unknown: [] })).toBe(
      'Wrong Account ID or Passcode: CleverTap refused them in Europe (eu1) and in every other region. ' +
        'Copy both again from Settings > Project in your CleverTap dashboard, then reconnect your CleverTap account.',
    );
  });

  it('some regions did not answer: what was refused, what could not be checked, and both ways out', () => {
    expect(
      probeMessage('eu1', { kind: 'not_found', refused: ['in1', 'mec1'], unknown: ['sg1', 'us1', 'aps3'] }),
    ).toBe(
      'CleverTap refused these credentials in eu1, in1 and mec1; sg1, us1 and aps3 did not answer in time. ' +
        'If your dashboard address starts with sg1, us1 or aps3, reconnect and pick that Region; ' +
        'if not, check the Account ID and Passcode.',
    );
    expect(probeMessage('us1', { kind: 'not_found', refused: ['in1'], unknown: ['sg1'] })).toBe(
      'CleverTap refused these credentials in us1 and in1; sg1 did not answer in time. ' +
        'If your dashboard address starts with sg1, reconnect and pick that Region; ' +
        'if not, check the Account ID and Passcode.',
    );
  });

  it('nothing asked, or no other region answered at all: no message (the refusal stands, learnt nothing)', () => {
    expect(probeMessage('eu1', { kind: 'not_found', refused: [], unknown: [] })).toBeUndefined();
    expect(
      probeMessage('eu1', { kind: 'not_found', refused: [], unknown: ['in1', 'sg1', 'us1', 'aps3', 'mec1'] }),
    ).toBeUndefined();
  });

  it('the probe in a few words, for a bulk report: the region found, or every region refused', () => {
    expect(probeReason('eu1', { kind: 'found', region: 'in1' })).toBe(
      'Wrong region: the credentials belong to India (in1), not Europe (eu1)',
    );
    expect(probeReason('eu1', { kind: 'not_found', refused: others('eu1'), unknown: [] })).toBe(
      'Wrong credentials: refused in Europe (eu1) and every other region',
    );
    expect(probeReason('eu1', { kind: 'not_found', refused: ['in1'], unknown: ['sg1'] })).toBeUndefined();
  });

  describe.each(REGION_VALUES)(
    'from %s, every verdict fits in 250 characters with its finding',
    (current) => {
      it.each(others(current))('found in %s', (found) => {
        const message = probeMessage(current, { kind: 'found', region: found }) ?? '';
        expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(
          message.startsWith(`Wrong region: these credentials belong to ${regionName(found)}, not `),
        ).toBe(true);
        expect(message).toContain(`pick ${regionName(found)} as the Region.`);
      });

      it('every split of the other regions into refused and unanswered', () => {
        for (const [unknown, refused] of splits(others(current))) {
          const message = probeMessage(current, { kind: 'not_found', refused, unknown }) ?? '';
          expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
          if (!refused.length) {
            expect(message).toBe(''); // no other region answered: the refusal stands
            continue;
          }
          if (!unknown.length) {
            expect(message.startsWith('Wrong Account ID or Passcode: ')).toBe(true);
            expect(message).toContain(regionName(current));
            continue;
          }
          const [told = '', advice] = message.split(' did not answer in time. ');
          expect(told.startsWith(`CleverTap refused these credentials in ${current}`)).toBe(true);
          for (const region of refused) expect(told).toMatch(new RegExp(`\\b${region}\\b.*;`));
          for (const region of unknown) {
            expect(told).toMatch(new RegExp(`;.*\\b${region}\\b`));
            expect(advice).toMatch(
              new RegExp(`^If your dashboard address starts with .*\\b${region}\\b.*, reconnect`),
            );
          }
        }
      });
    },
  );
});
