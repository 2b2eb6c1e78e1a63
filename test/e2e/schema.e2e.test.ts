/**
 * End-to-end: what the account has (getSchema) against the sandbox, through core's tester with Zapier's boundary:
 * the Event Name and Property Name dropdowns, the If the Event Name Is New guard in Upload Event and the bulk
 * action, the cache, and the failures a user meets. No nock: every request reaches the sandbox.
 */
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as uploadEventsBulk } from '../../src/creates/upload_events_bulk';
import { eventsPerform, profilePropertiesPerform } from '../../src/triggers/account_names';
import { authDataOf, useSandbox } from './harness';
import { messageOf } from '../helpers';
import { boundaryTester as appTester, clearZapierCache } from '../boundary';

const ACCOUNT = { id: 'E2E-SCHEMA', passcode: 'e2e-schema-passcode-SECRET-41', region: 'eu1' as const };
const authData = authDataOf(ACCOUNT);

const sandbox = useSandbox({
  accounts: [ACCOUNT],
  schemaEvents: ['Deal Won', 'Deal Lost'],
  schemaProfileProperties: ['Plan', 'Loyalty Points'],
});

beforeEach(() => {
  clearZapierCache();
});

const storedEvents = () =>
  sandbox()
    .store.events(ACCOUNT.id)
    .map((e) => e.evtName);

describe('the dropdowns, filled from the sandbox', () => {
  it("offer the account's events (seeded and stored), without system events", async () => {
    await appTester(uploadEvent, { authData, inputData: { identity: 'u1', evtName: 'Form Submitted' } });
    const choices = await appTester(eventsPerform, { authData });
    expect(choices).toEqual([
      { id: 'Deal Lost', name: 'Deal Lost' },
      { id: 'Deal Won', name: 'Deal Won' },
      { id: 'Form Submitted', name: 'Form Submitted' },
    ]);
    expect(
      sandbox()
        .schemaReads()
        .map((r) => [r.method, r.query.type]),
    ).toEqual([['GET', 'events']]);
  });

  it("offer the account's profile properties", async () => {
    await expect(appTester(profilePropertiesPerform, { authData })).resolves.toEqual([
      { id: 'Loyalty Points', name: 'Loyalty Points' },
      { id: 'Plan', name: 'Plan' },
    ]);
  });

  it('say to reconnect when the passcode is wrong, without it', async () => {
    const error = await appTester(eventsPerform, {
      authData: { ...authData, passcode: 'wrong-passcode' },
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('ExpiredAuthError');
    expect(messageOf(error)).toMatch(/reconnect/);
    expect(messageOf(error)).not.toContain('wrong-passcode');
  });

  it.each([
    ['503', () => sandbox().faults.failNext(503), /CleverTap is unavailable right now \(HTTP 503\)/],
    [
      'an HTML page',
      () => sandbox().faults.nonJsonNext(1),
      /something other than a list of events \(HTTP 200\)/,
    ],
    ['a dropped connection', () => sandbox().faults.dropNext(1), /the connection to CleverTap failed/],
  ])('say why they cannot load on %s', async (_what, fault, message) => {
    fault();
    const text = await appTester(eventsPerform, { authData }).catch(messageOf);
    expect(text).toMatch(/^Could not load your CleverTap events: /);
    expect(text).toMatch(message);
    expect(text).toMatch(/Try again in a minute, or type the event name instead\.$/);
  });
});

describe('the guard, against the sandbox', () => {
  it('sends a known event in other casing, reading the schema once for two steps', async () => {
    const input = { identity: 'u1', evtName: 'deal won', ifNewEvent: 'stop' };
    await appTester(uploadEvent, { authData, inputData: input });
    await appTester(uploadEvent, { authData, inputData: { ...input, evtName: 'DEAL LOST' } });
    expect(storedEvents()).toEqual(['deal won', 'DEAL LOST']);
    expect(sandbox().schemaReads()).toHaveLength(1);
  });

  it('stops a typo, naming the nearest event; nothing stored', async () => {
    const message = await appTester(uploadEvent, {
      authData,
      inputData: { identity: 'u1', evtName: 'Deal Wonn', ifNewEvent: 'stop' },
    }).catch(messageOf);
    expect(message).toMatch(
      /^Event Name: "Deal Wonn" is not an event your CleverTap account has; the nearest is "Deal Won"\./,
    );
    expect(storedEvents()).toEqual([]);
    expect(sandbox().received()).toEqual([]);
  });

  it('in bulk, checks every item first and sends nothing when one is unknown', async () => {
    const events = ['Deal Won', 'Deal Wonn', 'Deal Lost'].map((evtName, i) => ({
      evtName,
      identity: `u${i}`,
    }));
    const message = await appTester(uploadEventsBulk, {
      authData,
      inputData: { events, ifNewEvent: 'stop' },
    }).catch(messageOf);
    expect(message).toMatch(
      /^Events: 1 of 3 items name events your CleverTap account does not have \(item 2\)/,
    );
    expect(sandbox().received()).toEqual([]);
  });

  it('stops, safe to replay, when the schema cannot be read; nothing stored', async () => {
    sandbox().faults.failNext(502);
    const message = await appTester(uploadEvent, {
      authData,
      inputData: { identity: 'u1', evtName: 'Deal Won', ifNewEvent: 'stop' },
    }).catch(messageOf);
    expect(message).toMatch(
      /^Event Name could not be checked: CleverTap is unavailable right now \(HTTP 502\)\. Nothing was sent, so it is safe to replay this step/,
    );
    expect(sandbox().received()).toEqual([]);
  });

  it('reads nothing when off: a new event is sent as before', async () => {
    await appTester(uploadEvent, { authData, inputData: { identity: 'u1', evtName: 'Brand New' } });
    expect(storedEvents()).toEqual(['Brand New']);
    expect(sandbox().schemaReads()).toEqual([]);
  });
});
