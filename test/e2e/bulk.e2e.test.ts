/**
 * End-to-end: the bulk actions through zapier-platform-core's tester, over real HTTP, against the local
 * CleverTap-compatible sandbox. After every run we look at what the server received (requests and their sizes) and
 * what it stored, so a success never hides a lost item and an error never hides a saved one.
 */
import zapier from 'zapier-platform-core';
import App from '../../index';
import { perform as uploadEventsBulk } from '../../src/creates/upload_events_bulk';
import { perform as upsertProfilesBulk } from '../../src/creates/upsert_profiles_bulk';
import { authDataOf, useSandbox } from './harness';
import { messageOf } from '../helpers';

const appTester = zapier.createAppTester(App);

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
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    (result) => {
      throw new Error(`expected the step to fail, but it returned ${JSON.stringify(result)}`);
    },
    (error: unknown) => error as Error,
  );

/** Records per request the server received, in order. */
const requestSizes = () =>
  sandbox()
    .received()
    .map((r) => (r.body as { d: unknown[] }).d.length);

/**
 * Runs `step` with `fault` armed for the SECOND upload only: the first upload is held by a short delay, and the fault
 * is added once the first has taken that delay (faults are taken in order by the next calls).
 */
async function withSecondRequestFault<T>(step: () => Promise<T>, fault: () => void): Promise<T> {
  sandbox().faults.delayNext(300, 1, 'upload');
  const running = step();
  const until = Date.now() + 10_000;
  while (sandbox().faults.list().length > 0 && Date.now() < until)
    await new Promise((resolve) => setTimeout(resolve, 5));
  fault();
  return running;
}

describe('Upload Events in Bulk against the sandbox', () => {
  it('2500 events: three requests (1000, 1000, 500), every event stored once, in order', async () => {
    const result = await runEvents({ events: events(2500) });
    expect(result).toEqual({
      status: 'success',
      items: 2500,
      processed: 2500,
      failed: 0,
      requests: 3,
      skipped: 0,
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
    list[1004] = { ...list[1004]!, evtName: 'Old Event' };
    list[1999] = { ...list[1999]!, evtName: 'Old Event' };
    const error = await failureOf(runEvents({ events: list }));
    const message = messageOf(error);
    expect(requestSizes()).toEqual([1000, 1000, 500]);
    expect(message).toContain('CleverTap confirmed 2498 of the 2500 events as saved, in 3 requests.');
    expect(message).toContain(
      'Not saved, refused one by one: item 1005: the event has been discarded in the CleverTap dashboard ' +
        '(Settings > Events) (CleverTap code 528); item 2000:',
    );
    expect(message).toContain('Saved: items 1-1004, 1006-1999, 2001-2500.');
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
    expect(message).toMatch(/^Request 2 of 3 \(items 1001-2000\) failed: CleverTap is unavailable right now/);
    expect(message).toContain('Saved: items 1-1000. Not saved, in the failed request: items 1001-2000.');
    expect(message).toContain('Not sent: items 2001-2500.');
    expect(message).toContain('would store those events twice');
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
    expect(message).toContain(
      'Request 2 of 2 (items 1001-1500) got no usable answer: The connection to CleverTap',
    );
    expect(message).toContain('May or may not be saved (check in CleverTap): items 1001-1500.');
    expect(message).toContain('it would send items 1-1500 again');
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
    expect(messageOf(error)).toContain('Saved: items 1-1000.');
  });

  it('a server that takes fewer records per call: Records Per Request fits the step to it', async () => {
    sandbox().configure({ maxRecordsPerCall: 100 });
    const refused = await failureOf(runEvents({ events: events(250) }));
    expect(messageOf(refused)).toContain(
      'Request 1 of 1 (items 1-250) failed: CleverTap rejected the request',
    );
    expect(messageOf(refused)).toContain('Nothing was saved, so it is safe to replay this step.');
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
    expect(messageOf(error)).toContain(
      'Saved: items 1-1000. Not saved, in the failed request: items 1001-1200.',
    );
    expect(messageOf(error)).toContain('Replaying this step is safe');
  });
});
