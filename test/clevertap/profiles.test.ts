import { eventsSummary, flattenProfile, readProfileAnswer } from '../../src/clevertap/profiles';

describe('readProfileAnswer', () => {
  const record = { Name: 'Ada', identity: 'ada@example.com', platformInfo: [{ objectId: '-abc' }] };

  it('reads a success with a record as found', () => {
    expect(readProfileAnswer({ status: 'success', record })).toEqual({ kind: 'found', record });
  });

  it.each([
    ['no record', { status: 'success' }],
    ['a null record', { status: 'success', record: null }],
    ['an empty record', { status: 'success', record: {} }],
    ['a fail with code 404', { status: 'fail', error: 'Something', code: 404 }],
    ['a fail saying "User not found"', { status: 'fail', error: 'User not found' }],
    ['a fail saying "No such profile"', { status: 'fail', error: 'No such profile', code: 400 }],
    ['a fail saying the user does not exist', { status: 'fail', error: "User doesn't exist" }],
  ])('reads %s as not found', (_what, body) => {
    expect(readProfileAnswer(body)).toEqual({ kind: 'not_found' });
  });

  it.each([
    ['code 401', { status: 'fail', error: 'Nope', code: 401 }],
    ['code 403', { status: 'fail', error: 'Nope', code: 403 }],
    ['"Invalid Credentials"', { status: 'fail', error: 'Invalid Credentials' }],
    ['"Account ID is not valid"', { status: 'fail', error: 'Account ID is not valid' }],
    [
      '"Account not found" (about the account, not the user)',
      { status: 'fail', error: 'Account not found', code: 404 },
    ],
  ])('reads a fail with %s as a credentials problem, never as not found', (_what, body) => {
    expect(readProfileAnswer(body)).toEqual({ kind: 'credentials', error: body.error });
  });

  it('reads any other fail as a failure with its text', () => {
    expect(readProfileAnswer({ status: 'fail', error: 'Rate limit on reads', code: 429 })).toEqual({
      kind: 'failed',
      error: 'Rate limit on reads',
    });
    expect(readProfileAnswer({ status: 'fail' })).toEqual({ kind: 'failed', error: '' });
  });

  it.each([
    ['a string', 'OK'],
    ['null', null],
    ['a body without status', { record }],
    ['an unknown status', { status: 'partial', record }],
    ['a record that is a list', { status: 'success', record: [record] }],
  ])('returns undefined for %s', (_what, body) => {
    expect(readProfileAnswer(body)).toBeUndefined();
  });
});

describe('flattenProfile', () => {
  it('puts the user keys first and the properties at the top level, without platformInfo', () => {
    const flat = flattenProfile({
      Name: 'Ada Lovelace',
      Email: 'ada@example.com',
      Phone: '+14155550123',
      'Lifecycle Stage': 'customer',
      Tags: ['vip', 'beta'],
      identity: 'ada@example.com',
      platformInfo: [{ objectId: '-abc', platform: 'Web' }, { objectId: '__g123' }, { platform: 'iOS' }],
    });
    expect(flat).toEqual({
      objectId: '-abc',
      objectIds: '-abc,__g123',
      identity: 'ada@example.com',
      Name: 'Ada Lovelace',
      Email: 'ada@example.com',
      Phone: '+14155550123',
      'Lifecycle Stage': 'customer',
      Tags: ['vip', 'beta'],
    });
    expect(Object.keys(flat).slice(0, 3)).toEqual(['objectId', 'objectIds', 'identity']);
  });

  it('gives lower-case standard fields their CleverTap names and lifts profileData', () => {
    expect(
      flattenProfile({
        name: 'Jack Montana',
        email: 'jack@example.com',
        identity: 5555555555,
        profileData: { 'Last Score': 308, Replayed: true },
        events: { 'App Launched': { count: 10 } },
        platformInfo: [{ objectId: '-1a06' }],
      }),
    ).toEqual({
      objectId: '-1a06',
      objectIds: '-1a06',
      identity: '5555555555',
      Name: 'Jack Montana',
      Email: 'jack@example.com',
      events: { 'App Launched': { count: 10 } },
      'Last Score': 308,
      Replayed: true,
    });
  });

  it('keeps a top-level value over the same name in profileData, and never passes a passcode on', () => {
    expect(
      flattenProfile({ Plan: 'Gold', profileData: { Plan: 'Silver', passcode: 'x' }, Passcode: 'y' }),
    ).toEqual({ Plan: 'Gold' });
  });

  it('uses a top-level objectId when there is no platformInfo, and leaves out absent user keys', () => {
    expect(flattenProfile({ objectId: '-only', Name: 'X' })).toEqual({
      objectId: '-only',
      objectIds: '-only',
      Name: 'X',
    });
    expect(flattenProfile({ Name: 'X' })).toEqual({ Name: 'X' });
  });
});

describe('eventsSummary', () => {
  it('turns first_seen and last_seen (epoch seconds) into ISO-8601 in UTC, keeping the counts', () => {
    expect(
      eventsSummary({
        Charged: { count: 6, first_seen: 1457962417, last_seen: 1458041276 },
        'App Launched': { count: 10 },
      }),
    ).toEqual({
      Charged: { count: 6, first_seen: '2016-03-14T13:33:37Z', last_seen: '2016-03-15T11:27:56Z' },
      'App Launched': { count: 10 },
    });
  });

  it('leaves what is not epoch seconds as it is', () => {
    expect(eventsSummary({ X: { first_seen: 'soon', last_seen: null, other: 5 }, Y: 3 })).toEqual({
      X: { first_seen: 'soon', last_seen: null, other: 5 },
      Y: 3,
    });
    expect(eventsSummary(undefined)).toBeUndefined();
  });

  it('is applied to the events of a flattened profile', () => {
    expect(flattenProfile({ Name: 'X', events: { Charged: { count: 1, first_seen: 1457962417 } } })).toEqual({
      Name: 'X',
      events: { Charged: { count: 1, first_seen: '2016-03-14T13:33:37Z' } },
    });
  });
});

describe("readProfileAnswer: CleverTap's error texts, loosely worded", () => {
  it.each([
    'User not  found',
    'No  user with this identity',
    'No profiles',
    'no such  record',
    'No such users',
    'The user does not  exist',
    'User does not exist',
    "The profile doesn't  exist",
    'profile  missing',
    'Record is  missing',
    'User missing',
    'User is missing',
  ])('%j means no such user', (error) => {
    expect(readProfileAnswer({ status: 'fail', error, code: 400 })).toEqual({ kind: 'not_found' });
  });

  it.each([
    'Unauthorized',
    'unauthorised request',
    'Authentication failed',
    'Forbidden',
    'Not  allowed',
    'not allowed for this account',
    'Permission missing',
    'Access  denied',
    'Access denied: user not found',
    'Wrong passcode',
  ])('%j is about the credentials', (error) => {
    expect(readProfileAnswer({ status: 'fail', error })).toEqual({ kind: 'credentials', error });
  });

  it.each(['Nobody here', 'Unknown error', 'Record number too large', 'Access is slow'])(
    '%j is neither',
    (error) => {
      expect(readProfileAnswer({ status: 'fail', error })).toEqual({ kind: 'failed', error });
    },
  );

  it('reads a code given as text like a number', () => {
    expect(readProfileAnswer({ status: 'fail', error: 'x', code: '404' })).toEqual({ kind: 'not_found' });
    expect(readProfileAnswer({ status: 'fail', error: 'x', code: '401' })).toEqual({
      kind: 'credentials',
      error: 'x',
    });
  });

  it('reads the status in any case', () => {
    expect(readProfileAnswer({ status: 'SUCCESS', record: { Name: 'Ada' } })).toEqual({
      kind: 'found',
      record: { Name: 'Ada' },
    });
    expect(readProfileAnswer({ status: 'Fail', error: 'Boom' })).toEqual({ kind: 'failed', error: 'Boom' });
  });

  it('keeps the error text trimmed and at most 300 characters', () => {
    expect(readProfileAnswer({ status: 'fail', error: '  Boom \n' })).toEqual({
      kind: 'failed',
      error: 'Boom',
    });
    const long = readProfileAnswer({ status: 'fail', error: ` ${'x'.repeat(400)}` });
    expect(long).toEqual({ kind: 'failed', error: 'x'.repeat(300) });
  });
});

describe('flattenProfile: user keys', () => {
  it('drops empty object ids, and reads numeric ones as text', () => {
    expect(
      flattenProfile({
        objectId: '',
        platformInfo: [{ objectId: '' }, { objectId: 42 }, { objectId: '-a' }, 'x'],
      }),
    ).toEqual({ objectId: '42', objectIds: '42,-a' });
  });

  it('puts a top-level objectId first and names each id once', () => {
    expect(
      flattenProfile({ objectId: '-a', platformInfo: [{ objectId: '-b' }, { objectId: '-a' }] }),
    ).toEqual({
      objectId: '-a',
      objectIds: '-a,-b',
    });
  });

  it('never copies the user keys as properties, even when they are empty or not text', () => {
    expect(flattenProfile({ identity: null, objectId: 7, Name: 'X' })).toStrictEqual({ Name: 'X' });
    expect(flattenProfile({ identity: true, objectId: '', Name: 'X' })).toStrictEqual({ Name: 'X' });
  });

  it('turns epoch seconds into times only in the events summary', () => {
    const stats = { Web: { first_seen: 1457962417 } };
    expect(flattenProfile({ Stats: stats, events: stats })).toEqual({
      Stats: { Web: { first_seen: 1457962417 } },
      events: { Web: { first_seen: '2016-03-14T13:33:37Z' } },
    });
  });
});
