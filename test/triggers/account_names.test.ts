import nock from 'nock';
import {
  accountEvents,
  accountProfileProperties,
  eventsPerform,
  MAX_CHOICES,
  profilePropertiesPerform,
} from '../../src/triggers/account_names';
import { EVENT_NAMES_DROPDOWN, PROFILE_PROPERTIES_DROPDOWN } from '../../src/fields/dropdowns';
import { evtNameField } from '../../src/fields/event';
import { propertyField } from '../../src/fields/operation';
import uploadEventsBulk from '../../src/creates/upload_events_bulk';
import App from '../../index';
import { clearZapierCache } from '../boundary';
import { appTester, authData, EU_HOST, messageOf, PASSCODE } from '../helpers';

const events = (meta: Record<string, unknown> = {}) => appTester(eventsPerform, { authData, meta });
const properties = () => appTester(profilePropertiesPerform, { authData });

/** The getSchema call with the connection's headers and no body. */
const schema = (type: string) =>
  nock(EU_HOST, {
    reqheaders: { 'x-clevertap-account-id': authData.accountId, 'x-clevertap-passcode': PASSCODE },
    badheaders: ['content-type'],
  })
    .get('/getSchema')
    .query({ type });

beforeEach(() => {
  clearZapierCache();
});

describe('the fields that offer what the account has', () => {
  it('Event Name, in Upload Event and inside the bulk line items, and Property Name', () => {
    expect(evtNameField.input.dynamic).toBe(EVENT_NAMES_DROPDOWN);
    const children = (
      uploadEventsBulk.definition.operation.inputFields?.[0] as {
        children: { key: string; dynamic?: string }[];
      }
    ).children;
    expect(children.find((c) => c.key === 'evtName')?.dynamic).toBe(EVENT_NAMES_DROPDOWN);
    expect(propertyField.input.dynamic).toBe(PROFILE_PROPERTIES_DROPDOWN);
  });

  it('name hidden triggers the app has, by the keys they return', () => {
    expect(EVENT_NAMES_DROPDOWN).toBe(`${accountEvents.key}.id.name`);
    expect(PROFILE_PROPERTIES_DROPDOWN).toBe(`${accountProfileProperties.key}.id.name`);
    expect(App.triggers?.[accountEvents.key]).toBe(accountEvents);
    expect(App.triggers?.[accountProfileProperties.key]).toBe(accountProfileProperties);
    expect(accountEvents.display.hidden).toBe(true);
    expect(accountProfileProperties.display.hidden).toBe(true);
  });
});

describe('the Event Name dropdown', () => {
  it("offers the account's events, each once, sorted, without system events", async () => {
    const scope = schema('events').reply(200, {
      status: 'success',
      events: [{ name: 'Deal Won' }, { name: 'App Launched' }, { name: 'charged' }, { name: 'deal won' }],
    });
    await expect(events()).resolves.toEqual([
      { id: 'charged', name: 'charged' },
      { id: 'Deal Won', name: 'Deal Won' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('skips odd entries and keeps the good ones', async () => {
    schema('events').reply(200, {
      status: 'success',
      events: [
        { name: 'Deal Won', dataType: 'x' },
        { name: 3 },
        {},
        null,
        'Loose',
        { name: '' },
        { name: ' Lead ' },
      ],
      extra: true,
    });
    await expect(events()).resolves.toEqual([
      { id: 'Deal Won', name: 'Deal Won' },
      { id: 'Lead', name: 'Lead' },
    ]);
  });

  it('offers an empty list for an account without events', async () => {
    schema('events').reply(200, { status: 'success', events: [] });
    await expect(events()).resolves.toEqual([]);
  });

  it(`offers at most ${MAX_CHOICES} names of a huge list`, async () => {
    const names = Array.from({ length: MAX_CHOICES + 500 }, (_, i) => ({
      name: `E${String(i).padStart(5, '0')}`,
    }));
    schema('events').reply(200, { status: 'success', events: names });
    const choices = await events();
    expect(choices).toHaveLength(MAX_CHOICES);
    expect(choices[0]).toEqual({ id: 'E00000', name: 'E00000' });
  });

  it('has nothing more on a later page, and asks CleverTap nothing for it', async () => {
    await expect(events({ page: 1 })).resolves.toEqual([]);
  });

  it('asks CleverTap once per connection while the names are kept', async () => {
    const scope = schema('events')
      .once()
      .reply(200, { status: 'success', events: [{ name: 'Deal Won' }] });
    await events();
    await expect(events()).resolves.toEqual([{ id: 'Deal Won', name: 'Deal Won' }]);
    expect(scope.isDone()).toBe(true);
    // Another account's connection is not given these names.
    const other = nock(EU_HOST)
      .get('/getSchema')
      .query({ type: 'events' })
      .reply(200, { status: 'success', events: [] });
    await expect(
      appTester(eventsPerform, { authData: { ...authData, accountId: 'OTHER-ACC' } }),
    ).resolves.toEqual([]);
    expect(other.isDone()).toBe(true);
  });

  it('says to reconnect when the credentials are refused, without the passcode', async () => {
    schema('events').reply(401, { status: 'fail', error: 'Invalid Credentials', code: 401 });
    const error = await events().catch((e: unknown) => e);
    expect(messageOf(error)).toMatch(
      /^CleverTap refused the Account ID or Passcode for Europe \(eu1\)\..*reconnect/,
    );
    expect((error as Error).name).toBe('ExpiredAuthError');
    expect(JSON.stringify(error) + String(error)).not.toContain(PASSCODE);
  });

  it('says to reconnect on a 200 fail answer about the credentials', async () => {
    schema('events').reply(200, { status: 'fail', error: 'Account ID is not valid', code: 401 });
    const error = await events().catch((e: unknown) => e);
    expect((error as Error).name).toBe('ExpiredAuthError');
    expect(messageOf(error)).toMatch(/reconnect/);
  });

  const failures: [string, () => nock.Scope, RegExp][] = [
    [
      'HTTP 503',
      () => schema('events').reply(503, { status: 'fail', error: 'Service Unavailable', code: 503 }),
      /^Could not load your CleverTap events: CleverTap is unavailable right now \(HTTP 503\)\. Try again in a minute, or type the event name instead\.$/,
    ],
    [
      'HTTP 500 with an HTML page',
      () =>
        schema('events').reply(500, '<html><body>Internal error</body></html>', {
          'Content-Type': 'text/html',
        }),
      /CleverTap is unavailable right now \(HTTP 500\)\. Try again/,
    ],
    [
      'HTTP 429',
      () => schema('events').reply(429, { status: 'fail', error: 'Too many concurrent requests', code: 429 }),
      /CleverTap is busy with other requests from this account \(HTTP 429\)\. Try again/,
    ],
    [
      "a fail answer with CleverTap's error",
      () =>
        schema('events').reply(200, {
          status: 'fail',
          error: 'Schema not available for this account',
          code: 400,
        }),
      /^Could not load your CleverTap events: CleverTap refused the request with "Schema not available for this account" \(HTTP 200\)\. Try again/,
    ],
    [
      'HTTP 400',
      () => schema('events').reply(400, { status: 'fail', error: 'Invalid type', code: 400 }),
      /CleverTap refused the request \(HTTP 400\)\. Try again/,
    ],
    [
      'a 200 HTML page',
      () => schema('events').reply(200, '<html><body>OK</body></html>', { 'Content-Type': 'text/html' }),
      /CleverTap answered with something other than a list of events \(HTTP 200\)\. Try again in a minute, or type the event name/,
    ],
    [
      'a success answer without the list',
      () => schema('events').reply(200, { status: 'success' }),
      /something other than a list of events \(HTTP 200\)/,
    ],
    [
      'a dropped connection',
      () =>
        schema('events').replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
      /^Could not load your CleverTap events: the connection to CleverTap failed \(ECONNRESET\)\. Try again/,
    ],
  ];

  it.each(failures)(
    'says why it cannot load on %s, within what Zapier shows',
    async (_what, reply, message) => {
      const scope = reply();
      const error = await events().catch((e: unknown) => e);
      expect(scope.isDone()).toBe(true);
      expect(messageOf(error)).toMatch(message);
      expect(messageOf(error)).not.toContain(PASSCODE);
    },
  );

  it('does not keep a failure: the next opening asks again', async () => {
    schema('events').reply(503, { status: 'fail', error: 'down', code: 503 });
    await expect(events()).rejects.toThrow(/unavailable/);
    schema('events').reply(200, { status: 'success', events: [{ name: 'Deal Won' }] });
    await expect(events()).resolves.toEqual([{ id: 'Deal Won', name: 'Deal Won' }]);
  });
});

describe('the dropdown timing out', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('says CleverTap did not answer in time', async () => {
    schema('events').delay(60_000).reply(200, { status: 'success', events: [] });
    const pending = events().catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(21_000);
    expect(messageOf(await pending)).toMatch(
      /^Could not load your CleverTap events: CleverTap did not answer within 20 seconds\. Try again in a minute, or type the event name instead\.$/,
    );
  });
});

describe('the Property Name dropdown', () => {
  it("offers the account's profile properties, each once, sorted", async () => {
    const scope = nock(EU_HOST)
      .get('/getSchema')
      .query({ type: 'userProperties' })
      .reply(200, {
        status: 'success',
        userProperties: [{ name: 'Plan' }, { name: 'Loyalty Points' }, { name: 'plan' }],
      });
    await expect(properties()).resolves.toEqual([
      { id: 'Loyalty Points', name: 'Loyalty Points' },
      { id: 'Plan', name: 'Plan' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('says why it cannot load, naming properties', async () => {
    nock(EU_HOST).get('/getSchema').query({ type: 'userProperties' }).reply(502, '<html>Bad Gateway</html>');
    await expect(properties().catch(messageOf)).resolves.toMatch(
      /^Could not load your CleverTap profile properties: CleverTap is unavailable right now \(HTTP 502\)\. Try again in a minute, or type the property name instead\.$/,
    );
  });
});
