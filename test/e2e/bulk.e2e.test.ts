/**
 * End-to-end: the bulk actions through zapier-platform-core's tester, with Zapier's boundary around each step
 * (test/boundary.ts), over real HTTP, against the local CleverTap-compatible sandbox. After every run we look at what the server received (requests and their sizes) and
 * what it stored, so a success never hides a lost item and an error never hides a saved one.
 */
import { perform as uploadEventsBulk } from '../../src/creates/upload_events_bulk';
import { perform as upsertProfilesBulk } from '../../src/creates/upsert_profiles_bulk';
import { authDataOf, useSandbox } from './harness';
import { failureOf, messageOf } from '../helpers';
import { boundaryTester } from '../boundary';
import { at } from '../at';

const appTester = boundaryTester;

const ACCOUNT = { id: 'E2E-BULK', passcode: 'e2e-bulk-passcode-SECRET', region: 'in1' as const };
const authData = authDataOf(ACCOUNT);

const sandbox = useSandbox({ accounts: [ACCOUNT] });

const events = (n: number, name = 'Deal Won') =>
  Array.from({ length: n }, (_, i) => ({
    evtName: name,
    identity: `contact-${i + 1}`,
    ts: String(1714573800000 + i * 1000),
    evtData: `{"Deal ID": "${i + 1}", "Amount": ${i + 1}}`,
  }));

const runEvents = (inputData: Record<string, unknown>) =>
  appTester(uploadEventsBulk, { authData, inputData });
const runProfiles = (inputData: Record<string, unknown>) =>
  appTester(upsertProfilesBulk, { authData, inputData });
/** Item numbers 1..n: as a step's output lists them (`1, 2, 3`), and as every item saved. */
const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/** The error message must fit what Zapier shows, whatever detail it gives after the essentials. */
const fitsZapier = (message: string) => expect(message.length).toBeLessThanOrEqual(250);

/** Records per request the server received, in order. */
const requestSizes = () =>
  sandbox()
    .received()
    .map((r) => (r.body as { d: unknown[] }).d.length);

/**
 * Runs `step` with `fault` armed for the SECOND upload only: the first upload is held by the sandbox, the fault is
 * added once the first is held (faults are taken in order by the next calls), then the first is released.
 */
async function withSecondRequestFault<T>(step: () => Promise<T>, fault: () => void): Promise<T> {
  sandbox().faults.holdNext(1, 'upload');
  const running = step();
  await sandbox().when(() => sandbox().faults.held() === 1);
  fault();
  sandbox().faults.release();
  return running;
}

describe('Upload Events in Bulk against the sandbox', () => {
  it('2500 events: three requests (1000, 1000, 500), every event stored once, in order', async () => {
    const result = await runEvents({ events: events(2500) });
    expect(result).toEqual({
      status: 'success',
      items: 2500,
      saved: 2500,
      refused: 0,
      processed: 2500,
      requests: 3,
      skipped: 0,
      savedItems: numbers(2500).join(', '),
      refusedItems: '',
      skippedItems: '',
      results: numbers(2500).map((item) => ({ item, outcome: 'saved' })),
    });
    expect(requestSizes()).toEqual([1000, 1000, 500]);
    const stored = sandbox().store.events(ACCOUNT.id);
    expect(stored).toHaveLength(2500);
    expect(stored.map((e) => e.userKey.value)).toEqual(events(2500).map((e) => e.identity));
    expect(stored[1000]).toMatchObject({ evtName: 'Deal Won', evtData: { 'Deal ID': '1001', Amount: 1001 } });
    expect(stored[0]?.ts).toBe(1714573800);
  });

  it('events the server refuses in the middle request: named by step item number, the rest stored', async () => {
    sandbox().configure({ discardedEvents: ['Old Event'] });
    const list = events(2500);
    list[1004] = { ...at(list, 1004), evtName: 'Old Event' };
    list[1999] = { ...at(list, 1999), evtName: 'Old Event' };
    const error = await failureOf(runEvents({ events: list }));
    const message = messageOf(error);
    expect(requestSizes()).toEqual([1000, 1000, 500]);
    expect(message).toMatch(/^CleverTap saved 2498 of 2500 events; 2 not saved \(items 1005, 2000\)\./);
    expect(message).toContain("Don't replay the step: send only the items not saved.");
    expect(message).toContain(
      'Item 1005: the event has been discarded in the CleverTap dashboard (Settings > Events) (code 528)',
    );
    fitsZapier(message);
    const stored = sandbox()
      .store.events(ACCOUNT.id)
      .map((e) => e.userKey.value);
    expect(stored).toHaveLength(2498);
    expect(stored).not.toContain('contact-1005');
    expect(stored).not.toContain('contact-2000');
  });

  it('the second request fails (503) after the first was stored: stops, and the message matches the store', async () => {
    const error = await failureOf(
      withSecondRequestFault(
        () => runEvents({ events: events(2500) }),
        () => sandbox().faults.failNext(503),
      ),
    );
    expect(requestSizes()).toEqual([1000, 1000]);
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(1000);
    const message = messageOf(error);
    expect(message).toMatch(
      /^CleverTap saved 1000 of 2500 events; 1000 not saved \(items 1001-2000\); 500 not sent \(items 2001-2500\)\./,
    );
    // Events have no duplicate check: replaying would store items 1-1000 twice.
    expect(message).toContain("Don't replay the step: send only the items not saved.");
    expect(message).toContain('Request 2 of 3 failed: CleverTap is unavailable right now (HTTP 503)');
    fitsZapier(message);
  });

  it('the connection drops in the second request: its items are reported as maybe saved', async () => {
    const error = await failureOf(
      withSecondRequestFault(
        () => runEvents({ events: events(1500) }),
        () => sandbox().faults.dropNext(),
      ),
    );
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(1000);
    const message = messageOf(error);
    expect(message).toMatch(/^CleverTap saved 1000 of 1500 events; 500 uncertain \(items 1001-1500\)\./);
    expect(message).toContain(
      "Don't replay the step: check the uncertain items in CleverTap, then send only the missing ones.",
    );
    expect(message).toContain('Request 2 of 2 got no answer: The connection to CleverTap');
    fitsZapier(message);
  });

  it('a 429 in the second request after events were stored is not left to Zapier to retry', async () => {
    const error = await failureOf(
      withSecondRequestFault(
        () => runEvents({ events: events(1500) }),
        () => sandbox().faults.failNext(429),
      ),
    );
    expect(error.name).toBe('AppError');
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(1000);
    const message = messageOf(error);
    expect(message).toMatch(/^CleverTap saved 1000 of 1500 events; 500 not saved \(items 1001-1500\)\./);
    expect(message).toContain('(HTTP 429)');
    expect(message).not.toMatch(/Zapier will retry/i); // the step stops: nobody retries it
    fitsZapier(message);
  });

  it('a server that takes fewer records per call: Records Per Request fits the step to it', async () => {
    sandbox().configure({ maxRecordsPerCall: 100 });
    const refused = await failureOf(runEvents({ events: events(250) }));
    expect(messageOf(refused)).toMatch(/^CleverTap saved 0 of 250 events; 250 not saved \(items 1-250\)\./);
    expect(messageOf(refused)).toContain('Request 1 of 1 failed: CleverTap rejected the request');
    expect(messageOf(refused)).toContain('Nothing was saved, so replaying is safe.');
    fitsZapier(messageOf(refused));
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(0);

    const result = await runEvents({ events: events(250), recordsPerRequest: '100' });
    expect(result).toMatchObject({ processed: 250, requests: 3 });
    expect(requestSizes()).toEqual([250, 100, 100, 50]);
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(250);
  });
});

describe('Upload User Profiles in Bulk against the sandbox', () => {
  it('1001 contacts: two requests, each profile stored with normalised email and phone', async () => {
    const list = Array.from({ length: 1001 }, (_, i) => ({
      identity: `contact-${i + 1}`,
      name: `Person ${i + 1}`,
      email: ` person${i + 1}@example.com `,
      phone: `(415) 555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
      profileData: `{"Customer Number": ${i + 1}}`,
    }));
    const result = await runProfiles({ defaultPhoneCountry: 'US', profiles: list });
    expect(result).toMatchObject({ items: 1001, processed: 1001, requests: 2 });
    expect(requestSizes()).toEqual([1000, 1]);
    expect(sandbox().store.profiles(ACCOUNT.id)).toHaveLength(1001);
    expect(sandbox().store.profile('identity', 'contact-1001', ACCOUNT.id)?.profileData).toEqual({
      Name: 'Person 1001',
      Email: 'person1001@example.com',
      Phone: '+14155552000',
      'Customer Number': 1001,
    });
  });

  it('the second request fails: profiles already stored, and replaying is called safe', async () => {
    const list = Array.from({ length: 1200 }, (_, i) => ({
      identity: `contact-${i + 1}`,
      name: `P${i + 1}`,
    }));
    const error = await failureOf(
      withSecondRequestFault(
        () => runProfiles({ profiles: list }),
        () => sandbox().faults.failNext(500),
      ),
    );
    expect(sandbox().store.profiles(ACCOUNT.id)).toHaveLength(1000);
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 1000 of 1200 profiles; 200 not saved \(items 1001-1200\)\./,
    );
    expect(messageOf(error)).toContain('Replaying is safe: saved profiles are only updated again.');
    fitsZapier(messageOf(error));
  });
});

describe('Bulk steps with "If CleverTap Refuses Items": finish the step and route the refused items', () => {
  /** Five events, the third discarded in the dashboard (CleverTap refuses it alone, code 528). */
  const withOneRefused = () => {
    sandbox().configure({ discardedEvents: ['Old Event'] });
    const list = events(5);
    list[2] = { ...at(list, 2), evtName: 'Old Event' };
    return list;
  };

  it('continue: the good events are stored and the output lists the refused one', async () => {
    const result = await runEvents({ events: withOneRefused(), onRefused: 'continue' });
    expect(result).toEqual({
      status: 'partial',
      items: 5,
      saved: 4,
      refused: 1,
      processed: 4,
      requests: 1,
      skipped: 0,
      savedItems: '1, 2, 4, 5',
      refusedItems: '3',
      skippedItems: '',
      results: [
        { item: 1, outcome: 'saved' },
        { item: 2, outcome: 'saved' },
        {
          item: 3,
          outcome: 'refused',
          code: 528,
          reason: expect.stringContaining('discarded in the CleverTap dashboard'),
        },
        { item: 4, outcome: 'saved' },
        { item: 5, outcome: 'saved' },
      ],
    });
    const stored = sandbox().store.events(ACCOUNT.id);
    expect(stored.map((e) => e.userKey.value)).toEqual(['contact-1', 'contact-2', 'contact-4', 'contact-5']);
    expect(stored.map((e) => e.evtName)).not.toContain('Old Event');
  });

  it('continue keeps the numbers of the list the user sees: an empty item is skipped, not renumbered', async () => {
    const list: Record<string, string>[] = withOneRefused();
    list.splice(1, 0, { evtName: '', identity: '', ts: '', evtData: '' }); // an empty row, as Zapier sends it
    const result = await runEvents({ events: list, onRefused: 'continue' });
    expect(result).toMatchObject({
      status: 'partial',
      items: 5,
      saved: 4,
      refused: 1,
      skipped: 1,
      savedItems: '1, 3, 5, 6',
      refusedItems: '4',
      skippedItems: '2',
    });
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(4);
  });

  it('continue with every event refused: status "refused", nothing stored, the step still finishes', async () => {
    sandbox().configure({ discardedEvents: ['Old Event'] });
    const result = await runEvents({ events: events(2, 'Old Event'), onRefused: 'continue' });
    expect(result).toMatchObject({ status: 'refused', items: 2, saved: 0, refused: 2, refusedItems: '1, 2' });
    expect(sandbox().store.events(ACCOUNT.id)).toEqual([]);
  });

  it('stop (the default): the same list fails the step, naming the refused item; the good events are stored', async () => {
    const error = await failureOf(runEvents({ events: withOneRefused() }));
    const message = messageOf(error);
    expect(message).toMatch(/^CleverTap saved 4 of 5 events; 1 not saved \(item 3\)\./);
    fitsZapier(message);
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(4);
  });

  it('continue still stops the step when a whole request fails', async () => {
    const error = await failureOf(
      withSecondRequestFault(
        () => runEvents({ events: events(1500), onRefused: 'continue' }),
        () => sandbox().faults.failNext(503),
      ),
    );
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 1000 of 1500 events; 500 not saved \(items 1001-1500\)\./,
    );
    expect(sandbox().store.events(ACCOUNT.id)).toHaveLength(1000);
  });

  it('an unknown choice is refused naming the field, before anything is sent', async () => {
    const error = await failureOf(runEvents({ events: events(2), onRefused: 'ignore' }));
    expect(messageOf(error)).toMatch(/^If CleverTap Refuses Items: "ignore" is not one of the choices/);
    expect(sandbox().received()).toEqual([]);
  });
});

describe("Bulk steps: numbers and dates in line items are read by the app, not by Zapier's coercion", () => {
  // Zapier's `integer` coercion would have turned `1,000` into 1: a thousand requests of one record.
  it('Records Per Request "1,000" is refused naming the field, and nothing is sent', async () => {
    const error = await failureOf(runEvents({ events: events(3), recordsPerRequest: '1,000' }));
    expect(messageOf(error)).toMatch(/^Records Per Request: "1,000" is not a whole number from 1 to 1000/);
    fitsZapier(messageOf(error));
    expect(sandbox().received()).toEqual([]);
    expect(sandbox().store.events(ACCOUNT.id)).toEqual([]);
  });

  it('an item Creation Date "garbage" is refused naming the item and Creation Date, and nothing is stored', async () => {
    const list = events(3);
    list[1] = { ...at(list, 1), ts: 'garbage' };
    const error = await failureOf(runEvents({ events: list }));
    const message = messageOf(error);
    expect(message).toMatch(/^Events: 1 of 3 items has a problem \(item 2\), so nothing was sent\./);
    expect(message).toContain('Item 2, Creation Date: "garbage" is not a date the app can read.');
    fitsZapier(message);
    expect(sandbox().received()).toEqual([]);
    expect(sandbox().store.events(ACCOUNT.id)).toEqual([]);
  });

  it('an item Creation Date "2024-05-01 14:30:00" is stored as 14:30 UTC in a Chicago Zap', async () => {
    const list = events(2);
    list[0] = { ...at(list, 0), ts: '2024-05-01 14:30:00' };
    await runEvents({ events: list });
    expect(
      sandbox()
        .store.events(ACCOUNT.id)
        .map((e) => e.ts),
    ).toEqual([1714573800, 1714573801]);
  });
});
