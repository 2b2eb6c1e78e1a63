import nock from 'nock';
import { appTester, authData, EU_HOST, messageOf, PASSCODE } from '../helpers';
import App from '../../index';
import findProfile, { perform } from '../../src/searches/find_profile';

// Core's own validation of a compiled app (functions replaced), as the CLI's `validate` runs it; untyped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemaTools = require('zapier-platform-core/src/tools/schema') as {
  validateApp: (app: unknown) => unknown[];
  prepareApp: (app: unknown) => unknown;
};

const CREDENTIAL_HEADERS = { 'x-clevertap-account-id': 'TEST-ACC-123', 'x-clevertap-passcode': PASSCODE };

const run = (inputData: Record<string, unknown>, auth: Record<string, string> = authData) =>
  appTester(perform, { authData: auth, inputData });

/** A lookup interceptor that refuses any Content-Type header and needs the credentials. */
const lookup = (host = EU_HOST) =>
  nock(host, { reqheaders: CREDENTIAL_HEADERS, badheaders: ['content-type'] }).get('/1/profile.json');

const found = {
  status: 'success',
  record: {
    Name: 'Ada Lovelace',
    Email: 'ada+zap@example.com',
    Phone: '+14155550123',
    'Lifecycle Stage': 'customer',
    identity: 'ada@example.com',
    platformInfo: [{ objectId: '-2ce3cca260664f70b82b1c6bb505f462', platform: 'Web' }, { objectId: '__g99' }],
  },
};

describe('Find User Profile', () => {
  it('looks the user up by Identity and returns the profile flattened', async () => {
    const scope = lookup().query({ identity: 'ada@example.com' }).reply(200, found);

    const result = await run({ identity: ' ada@example.com ' });

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual([
      {
        objectId: '-2ce3cca260664f70b82b1c6bb505f462',
        objectIds: '-2ce3cca260664f70b82b1c6bb505f462,__g99',
        identity: 'ada@example.com',
        Name: 'Ada Lovelace',
        Email: 'ada+zap@example.com',
        Phone: '+14155550123',
        'Lifecycle Stage': 'customer',
      },
    ]);
    expect(JSON.stringify(result)).not.toContain(PASSCODE);
  });

  it('URL-encodes the email, so a + reaches CleverTap as %2B', async () => {
    let path = '';
    const scope = lookup()
      .query(true)
      .reply(200, function () {
        path = this.req.path;
        return found;
      });

    await run({ email: 'ada+zap@example.com' });

    expect(scope.isDone()).toBe(true);
    expect(path).toBe('/1/profile.json?email=ada%2Bzap%40example.com');
  });

  it('looks up by Object ID at the connection region', async () => {
    const scope = lookup('https://in1.api.clevertap.com')
      .query({ objectId: '-2ce3cca260664f70b82b1c6bb505f462' })
      .reply(200, found);

    const [profile] = await run(
      { objectId: '-2ce3cca260664f70b82b1c6bb505f462' },
      { ...authData, region: 'in1' },
    );

    expect(scope.isDone()).toBe(true);
    expect(profile).toMatchObject({ objectId: '-2ce3cca260664f70b82b1c6bb505f462' });
  });

  it.each([
    ['no record', { status: 'success' }],
    ['a null record', { status: 'success', record: null }],
    ['an empty record', { status: 'success', record: {} }],
    ['a fail "User not found" with code 404', { status: 'fail', error: 'User not found', code: 404 }],
    ['a fail that says no such profile', { status: 'fail', error: 'No such profile' }],
  ])('returns [] when CleverTap answers %s', async (_what, body) => {
    const scope = lookup().query({ identity: 'nobody' }).reply(200, body);

    await expect(run({ identity: 'nobody' })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it("outputs the events summary's first_seen and last_seen as ISO-8601 times, keeping the counts", async () => {
    lookup()
      .query({ identity: 'ada@example.com' })
      .reply(200, {
        status: 'success',
        record: {
          ...found.record,
          events: {
            Charged: { count: 6, first_seen: 1457962417, last_seen: 1458041276 },
            'App Launched': { count: 10 },
          },
        },
      });

    const [profile] = await run({ identity: 'ada@example.com' });

    expect(profile).toMatchObject({
      events: {
        Charged: { count: 6, first_seen: '2016-03-14T13:33:37Z', last_seen: '2016-03-15T11:27:56Z' },
        'App Launched': { count: 10 },
      },
    });
  });

  it.each([
    [{}, /^Identity \/ Email \/ Object ID: fill in one of them/],
    [{ identity: 'u1', objectId: '-abc' }, /^Identity \/ Object ID: fill in only one of them/],
    [{ email: 'not-an-email' }, /^Email: "not-an-email" is not an email address/],
  ])('sends nothing and explains for input %p', async (inputData, message) => {
    const scope = lookup().query(true).reply(200, found);

    const error = await run(inputData).catch((e: unknown) => e);

    expect(messageOf(error)).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });
});

describe('Find User Profile definition', () => {
  it("is labelled in Zapier's style and has input fields", () => {
    expect(findProfile.definition.key).toBe('find_profile');
    expect(findProfile.definition.display.label).toBe('Find User Profile');
    expect(findProfile.definition.display.description).toMatch(/^Finds /);
    expect(findProfile.definition.operation.inputFields?.map((f) => ('key' in f ? f.key : ''))).toEqual([
      'identity',
      'email',
      'objectId',
    ]);
  });

  it('has a sample with exactly the output fields (nested keys joined by __, as Zapier flattens them)', () => {
    const keys = (findProfile.definition.operation.outputFields ?? []).map((f) => ('key' in f ? f.key : ''));
    const flatKeys = (value: object, prefix = ''): string[] =>
      Object.entries(value).flatMap(([key, child]) =>
        typeof child === 'object' && child !== null && !Array.isArray(child)
          ? flatKeys(child as object, `${prefix}${key}__`)
          : [`${prefix}${key}`],
      );
    expect(flatKeys(findProfile.sample).sort()).toEqual([...keys].sort());
  });

  it("lists the Charged summary's times as datetime outputs and has ISO-8601 times in the sample", () => {
    const types = Object.fromEntries(
      (findProfile.definition.operation.outputFields ?? []).map((f) =>
        'key' in f ? [f.key, f.type] : ['', ''],
      ),
    );
    expect(types).toMatchObject({
      events__Charged__count: 'integer',
      events__Charged__first_seen: 'datetime',
      events__Charged__last_seen: 'datetime',
    });
    const charged = findProfile.sample.events.Charged;
    for (const time of [charged.first_seen, charged.last_seen])
      expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('pairs with Create/Update User Profile under its own key (wired in index.ts)', () => {
    expect(App.searchOrCreates?.find_profile).toEqual({
      key: 'find_profile',
      display: {
        label: 'Find or Create User Profile',
        description: expect.stringMatching(/^Finds a user profile .* or creates one if none is found\.$/),
      },
      search: 'find_profile',
      create: 'upsert_profile',
    });
    expect(App.creates?.upsert_profile).toBeDefined();
  });

  it("passes Zapier's schema validation with the new search, creates and search-or-create", () => {
    expect(schemaTools.validateApp(schemaTools.prepareApp(App))).toEqual([]);
    // The same check does see a broken definition: a search-or-create whose key is not its search's.
    const broken = {
      ...App,
      searchOrCreates: { other: { ...App.searchOrCreates?.find_profile, key: 'other' } },
    };
    expect(schemaTools.validateApp(schemaTools.prepareApp(broken))).not.toEqual([]);
  });
});
