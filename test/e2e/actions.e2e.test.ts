/**
 * End-to-end: the app, run through zapier-platform-core's own tester (our middleware, core's middleware, the output
 * checks) with Zapier's boundary around each step (test/boundary.ts: the input coerced and cleaned as Zapier does,
 * error messages held to the 250 characters Zapier shows), sends real HTTP to the local CleverTap-compatible sandbox (sandbox/). No nock interceptors: test/setup.ts
 * only lets loopback connections through, so every request here reaches the sandbox or fails.
 *
 * Covered: the connection test (good credentials, wrong passcode, wrong region), both upload actions with HubSpot
 * samples mapped as a user would, the record as stored, a record CleverTap refuses in a 200 answer, and every fault
 * the sandbox can inject mapped to the Zapier error the user sees. After each error we also check what was (not)
 * stored, so an error never hides saved data and a success never hides lost data.
 */
import authentication from '../../src/authentication';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { authDataOf, useSandbox } from './harness';
import contact from '../fixtures/hubspot-new-contact.json';
import deal from '../fixtures/hubspot-new-deal.json';
import { failureOf, messageOf } from '../helpers';
import { boundaryTester } from '../boundary';
import { REQUEST_TIMEOUT_MS } from '../../src/zapier/limits';
import { TIMEOUT_VARIABLE } from '../../src/zapier/transport';

const appTester = boundaryTester;

const ACCOUNT = { id: 'E2E-ACCOUNT', passcode: 'e2e-passcode-7d41-SECRET', region: 'eu1' as const };
const authData = authDataOf(ACCOUNT);

const sandbox = useSandbox({ accounts: [ACCOUNT] });

/** A HubSpot "New Contact" as a user maps it: the Record ID as Identity, the rest into the profile's fields. */
const contactInput = {
  identity: contact.id,
  ts: contact.properties.createdate,
  name: `${contact.properties.firstname} ${contact.properties.lastname}`,
  email: contact.properties.email,
  phone: contact.properties.phone,
  properties: { 'Lifecycle Stage': contact.properties.lifecyclestage, 'HubSpot Contact ID': contact.id },
};

/** A HubSpot "New Deal": the deal's associated contact is the user. */
const dealInput = {
  evtName: 'Deal Created',
  identity: deal.associations.contacts[0],
  ts: deal.properties.createdate,
  eventProperties: {
    'Deal ID': deal.id,
    'Deal Name': deal.properties.dealname,
    Amount: deal.properties.amount,
    Stage: deal.properties.dealstage,
    'Close Date': deal.properties.closedate,
  },
};

const runProfile = (inputData: Record<string, unknown>, auth: Record<string, string> = authData) =>
  appTester(upsertProfile, { authData: auth, inputData });
const runEvent = (inputData: Record<string, unknown>, auth: Record<string, string> = authData) =>
  appTester(uploadEvent, { authData: auth, inputData });
/** The refusal of the connection's region: which region, what to check, reconnect (core appends its context after). */
/** After a refusal every step asks the other regions (the sandbox serves them all): here, all of them refuse. */
const CREDENTIALS_MESSAGE =
  /^Wrong Account ID or Passcode: CleverTap refused them in (.+) and in every other region\. .*reconnect/;

/** The app's own part of a message, as Zapier shows it: core's "What happened:" context comes after it. */
const shownPart = (error: unknown) => messageOf(error).split('\nWhat happened:')[0] ?? '';

describe('the connection', () => {
  it('passes the test with good credentials and names the account and region (for the label)', async () => {
    const info = await appTester(authentication.test, { authData });
    expect(info).toEqual({ accountId: ACCOUNT.id, region: 'eu1', regionName: 'Europe (eu1)' });
    const [lookup] = sandbox().lookups();
    expect(lookup).toMatchObject({ region: 'eu1', accountId: ACCOUNT.id, status: 200 });
    expect(sandbox().received()).toEqual([]); // read-only: nothing uploaded
  });

  it('fails with ExpiredAuthError for a wrong passcode', async () => {
    const error = await failureOf(
      appTester(authentication.test, { authData: { ...authData, passcode: 'nope' } }),
    );
    expect(error.name).toBe('ExpiredAuthError');
    // The other five regions were asked the same read-only question, and refused too: the finding comes first.
    expect(error.message).toMatch(
      /^Wrong Account ID or Passcode: .*Europe \(eu1\) and in every other region\./,
    );
    expect(error.message).toMatch(/reconnect/);
    expect(shownPart(error).length).toBeLessThanOrEqual(250);
    expect(
      sandbox()
        .lookups()
        .map((l) => l.status),
    ).toEqual([401, 401, 401, 401, 401, 401]);
  });

  it('fails with ExpiredAuthError naming the region when the account lives in another region', async () => {
    const error = await failureOf(
      appTester(authentication.test, { authData: { ...authData, region: 'in1' } }),
    );
    expect(error.name).toBe('ExpiredAuthError');
    // The wrong-region finding leads the message (its first sentence), so Zapier's 250 characters never cut it off.
    expect(error.message).toMatch(/^[^.]*belong to Europe \(eu1\)/);
    expect(error.message).toContain('India (in1)');
    expect(error.message).toMatch(/[Rr]econnect.*Europe \(eu1\)/);
    expect(shownPart(error).length).toBeLessThanOrEqual(250);
    expect(sandbox().lookups()[0]).toMatchObject({ region: 'in1', status: 401 });
    expect(sandbox().lookups()).toContainEqual(expect.objectContaining({ region: 'eu1', status: 200 }));
  });
});

describe('Create/Update User Profile', () => {
  it('stores a mapped HubSpot contact and returns the record as the step output', async () => {
    const output = await runProfile(contactInput);

    const expectedProfile = {
      Name: 'Ada Lovelace',
      Email: 'ada@example.com',
      Phone: '+14155550123',
      'Lifecycle Stage': 'lead',
      'HubSpot Contact ID': 51, // Convert Value Types (default Yes) sends digits as a number
    };
    expect(output).toEqual({
      status: 'success',
      processed: 1,
      type: 'profile',
      identity: '51',
      ts: '2024-05-01T14:30:00Z', // the output's date is ISO-8601; CleverTap is sent epoch seconds (below)
      profileData: expectedProfile,
    });
    const [upload] = sandbox().received();
    expect(upload).toMatchObject({
      region: 'eu1',
      accountId: ACCOUNT.id,
      contentType: 'application/json; charset=utf-8',
      status: 200,
      answer: { status: 'success', processed: 1, unprocessed: [] },
      body: { d: [{ type: 'profile', identity: '51', ts: 1714573800, profileData: expectedProfile }] },
    });
    expect(sandbox().store.profile('identity', '51')?.profileData).toEqual(expectedProfile);
  });

  it('merges a second upload into the same profile (by Identity)', async () => {
    await runProfile(contactInput);
    await runProfile({ identity: '51', properties: { 'Lifecycle Stage': 'customer', Plan: 'Gold' } });
    expect(sandbox().store.profiles()).toHaveLength(1);
    expect(sandbox().store.profile('identity', '51')?.profileData).toMatchObject({
      Name: 'Ada Lovelace',
      'Lifecycle Stage': 'customer',
      Plan: 'Gold',
    });
  });

  it('refuses bad input with a field-named error and sends nothing', async () => {
    const error = await failureOf(runProfile({ ...contactInput, email: 'ada@@example' }));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(/^Email: /);
    expect(sandbox().received()).toEqual([]);
    expect(sandbox().store.profiles()).toEqual([]);
  });
});

describe('Upload Event', () => {
  it('stores a mapped HubSpot deal as an event of the contact, with typed values', async () => {
    const output = await runEvent(dealInput);

    expect(output).toMatchObject({
      status: 'success',
      processed: 1,
      type: 'event',
      identity: '51',
      ts: '2024-05-01T14:30:00Z',
    });
    const events = sandbox().store.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      userKey: { name: 'identity', value: '51' },
      evtName: 'Deal Created',
      ts: 1714573800,
      evtData: {
        'Deal ID': 9001,
        'Deal Name': 'Acme renewal',
        Amount: 1200.5,
        Stage: 'closedwon',
        'Close Date': expect.stringMatching(/^\$D_\d+$/),
      },
    });
  });

  it('an event for an unknown user creates that user, as CleverTap does', async () => {
    await runEvent({ evtName: 'Signed Up', identity: 'new-user-1' });
    expect(sandbox().store.profile('identity', 'new-user-1')).toBeDefined();
    expect(sandbox().store.events()).toMatchObject([{ evtName: 'Signed Up', evtData: {} }]);
  });

  it('with a wrong region: ExpiredAuthError, and nothing stored', async () => {
    const error = await failureOf(runEvent(dealInput, { ...authData, region: 'us1' }));
    expect(error.name).toBe('ExpiredAuthError');
    // The region check found where the credentials belong, and the message leads with it.
    expect(error.message).toMatch(
      /^Wrong region: these credentials belong to Europe \(eu1\), not United States \(us1\)\. /,
    );
    expect(shownPart(error).length).toBeLessThanOrEqual(250);
    // Uploads only (the region check's lookups are reads): the one refused in us1.
    expect(sandbox().received()).toMatchObject([{ region: 'us1', status: 401 }]);
    expect(sandbox().store.events()).toEqual([]);
  });
});

describe('a 200 answer that did not save the record (partial failure)', () => {
  it('an event discarded in the dashboard (code 528): AppError, not a success', async () => {
    sandbox().configure({ discardedEvents: ['Deal Created'] });
    const error = await failureOf(runEvent(dealInput));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(
      /^CleverTap did not save the data: .*discarded in the CleverTap dashboard.*\(CleverTap code 528\)\. Fix the step's input/,
    );
    expect(messageOf(error)).not.toContain('Acme renewal'); // the echoed record is not shown
    expect(sandbox().received()[0]).toMatchObject({ status: 200, answer: { status: 'fail', processed: 0 } });
    expect(sandbox().store.events()).toEqual([]);
  });

  it("CleverTap's own server error on the record (code 555): AppError that says to try again", async () => {
    sandbox().faults.recordErrorNext(1, 555);
    const error = await failureOf(runProfile(contactInput));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(
      /^CleverTap did not save the data: .*\(CleverTap code 555\)\. Try again in a few minutes\./,
    );
    expect(sandbox().store.profiles()).toEqual([]);
  });
});

describe('faults mapped to Zapier errors (nothing reported as saved)', () => {
  it.each([401, 403])('HTTP %i: ExpiredAuthError with the credentials-or-region message', async (status) => {
    sandbox().faults.failNext(status);
    const error = await failureOf(runProfile(contactInput));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(CREDENTIALS_MESSAGE);
    expect(error.message).toContain('Europe (eu1)');
    expect(shownPart(error).length).toBeLessThanOrEqual(250);
    expect(sandbox().store.profiles()).toEqual([]);
  });

  it('HTTP 429: ThrottledError, so Zapier retries later', async () => {
    sandbox().faults.failNext(429);
    const error = await failureOf(runEvent(dealInput));
    expect(error.name).toBe('ThrottledError');
    expect(messageOf(error)).toMatch(/too many requests .*\(HTTP 429\)/);
    expect(JSON.parse(error.message)).toMatchObject({ delay: 60 }); // seconds until Zapier retries
    expect(sandbox().store.events()).toEqual([]);
  });

  it.each([
    [500, false],
    [503, false],
    [502, true], // the sandbox answers 502 and 504 with an HTML page, as a proxy would
    [504, true],
  ])('HTTP %i: AppError "CleverTap is unavailable right now"', async (status, html) => {
    sandbox().faults.failNext(status);
    const error = await failureOf(runProfile(contactInput));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toBe(
      `CleverTap is unavailable right now (HTTP ${status}). Try again in a few minutes.`,
    );
    expect(typeof sandbox().received()[0]?.answer === 'string').toBe(html);
    expect(sandbox().store.profiles()).toEqual([]);
  });

  it('a 200 that is not JSON: AppError that does not claim success', async () => {
    sandbox().faults.nonJsonNext();
    const error = await failureOf(runEvent(dealInput));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(
      /^CleverTap answered the upload with something other than an upload result \(HTTP 200\), so it is not known whether the data was saved\./,
    );
  });

  it('a dropped connection on an event: AppError warning that a replay may duplicate', async () => {
    sandbox().faults.dropNext();
    const error = await failureOf(runEvent(dealInput));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(
      /^The connection to CleverTap failed \(.+\)\. The data may or may not have been saved/,
    );
    expect(sandbox().received()[0]).toMatchObject({ status: 0, answer: null });
    expect(sandbox().store.events()).toEqual([]);
  });

  it('a dropped connection on a profile: AppError saying a replay is safe', async () => {
    sandbox().faults.dropNext();
    const error = await failureOf(runProfile(contactInput));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(
      /^The connection to CleverTap failed \(.+\)\. .*safe to replay this step\./,
    );
  });

  it('a short delay is only slower: the record is saved and reported', async () => {
    sandbox().faults.delayNext(300);
    await expect(runProfile(contactInput)).resolves.toMatchObject({ status: 'success', processed: 1 });
    expect(sandbox().received()).toMatchObject([{ status: 200, faults: ['delay'] }]);
    expect(sandbox().store.profile('identity', '51')).toBeDefined();
  });

  describe('no answer within the request timeout', () => {
    const saved = process.env[TIMEOUT_VARIABLE];
    afterEach(() => {
      jest.useRealTimers();
      if (saved === undefined) delete process.env[TIMEOUT_VARIABLE];
      else process.env[TIMEOUT_VARIABLE] = saved;
    });

    // On a fake clock: the upload is held at the server (never answered until released), so the app's timeout
    // always comes first, and the clock moves only once the server has the call.
    it.each([
      [undefined, REQUEST_TIMEOUT_MS, '20 seconds'],
      ['200', 200, '0.2 seconds'],
    ])(
      'CLEVERTAP_REQUEST_TIMEOUT_MS=%p: AppError after %i ms (%s); the server then finishes and the event lands',
      async (configured, timeoutMs, shown) => {
        if (configured !== undefined) process.env[TIMEOUT_VARIABLE] = configured;
        jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
        sandbox().faults.holdNext(1, 'upload');
        let settled = false;
        const failed = failureOf(runEvent(dealInput)).finally(() => (settled = true));
        await sandbox().when(() => sandbox().faults.held() === 1); // the upload reached CleverTap and waits there
        await jest.advanceTimersByTimeAsync(timeoutMs - 1);
        expect(settled).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        const error = await failed;
        expect(error.name).toBe('AppError');
        expect(messageOf(error)).toMatch(
          new RegExp(
            `^CleverTap did not answer within ${shown.replace('.', '\\.')}\\. The data may or may not have been saved`,
          ),
        );
        // The warning is true: the server finishes the call after the app gave up, and the event lands.
        expect(sandbox().store.events()).toEqual([]);
        sandbox().faults.release();
        await sandbox().when(() => sandbox().received().length === 1);
        expect(sandbox().received()).toMatchObject([{ faults: ['hold'] }]);
        expect(sandbox().store.events()).toHaveLength(1);
      },
    );
  });

  it('a fault on the connection test is reported too (503 on profile.json)', async () => {
    sandbox().faults.failNext(503, 1, { on: 'profile' });
    const error = await failureOf(appTester(authentication.test, { authData }));
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(/^CleverTap is unavailable right now \(HTTP 503\)/);
  });
});
