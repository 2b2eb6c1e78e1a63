import {
  accountNames,
  editDistance,
  indexOfName,
  nearestName,
  readSchemaAnswer,
  SCHEMA_PATH,
  schemaQuery,
  suggestionThreshold,
} from '../../src/clevertap/schema';
import { SYSTEM_EVENTS } from '../../src/clevertap/rules';

describe('the call', () => {
  it('is /getSchema, without /1/, with the kind as its type', () => {
    expect(SCHEMA_PATH).toBe('/getSchema');
    expect(schemaQuery('events')).toEqual({ type: 'events' });
    expect(schemaQuery('userProperties')).toEqual({ type: 'userProperties' });
  });
});

describe('readSchemaAnswer', () => {
  it('reads the names of a success answer, sorted without regard to case', () => {
    const body = {
      status: 'success',
      events: [{ name: 'deal lost' }, { name: 'Charged' }, { name: 'Deal Won' }],
    };
    expect(readSchemaAnswer('events', 200, body)).toEqual({
      kind: 'names',
      names: ['Charged', 'deal lost', 'Deal Won'],
    });
  });

  it('reads the list named by the kind, and only that one', () => {
    const body = { status: 'success', events: [{ name: 'Deal Won' }], userProperties: [{ name: 'Plan' }] };
    expect(readSchemaAnswer('userProperties', 200, body)).toEqual({ kind: 'names', names: ['Plan'] });
    expect(readSchemaAnswer('userProperties', 200, { status: 'success', events: [] })).toEqual({
      kind: 'unreadable',
      status: 200,
    });
  });

  it('tolerates odd entries: no name, non-text names, empty names, strings, nulls, extra keys', () => {
    const events = [
      { name: 'Deal Won', type: 'custom', count: 12, nested: { a: 1 } },
      {},
      { name: 42 },
      { name: null },
      { name: ['Deal Lost'] },
      { name: '' },
      { name: '   ' },
      { Name: 'Capitalised Key' },
      'Plain String',
      null,
      7,
      [{ name: 'In An Array' }],
      { name: '  Form Submitted  ' },
    ];
    expect(readSchemaAnswer('events', 200, { status: 'success', events })).toEqual({
      kind: 'names',
      names: ['Deal Won', 'Form Submitted'],
    });
  });

  it('keeps each name once as CleverTap matches names, with the first spelling given', () => {
    const events = ['Deal Won', 'deal won', 'DealWon', 'DEAL  WON', 'Deal Lost', 'deal lost'].map((name) => ({
      name,
    }));
    expect(readSchemaAnswer('events', 200, { status: 'success', events })).toEqual({
      kind: 'names',
      names: ['Deal Lost', 'Deal Won'],
    });
  });

  it('leaves out system events in any casing, but not Charged, and only from events', () => {
    const events = [...SYSTEM_EVENTS, 'app launched', 'Charged', 'Deal Won'].map((name) => ({ name }));
    expect(readSchemaAnswer('events', 200, { status: 'success', events })).toEqual({
      kind: 'names',
      names: ['Charged', 'Deal Won'],
    });
    const userProperties = [{ name: 'App Launched' }];
    expect(readSchemaAnswer('userProperties', 200, { status: 'success', userProperties })).toEqual({
      kind: 'names',
      names: ['App Launched'],
    });
  });

  it('is deterministic whatever the order of the answer', () => {
    const names = ['b', 'a b', 'A', 'c', 'aa', 'B2', 'Zed', 'zebra'];
    const expected = ['A', 'a b', 'aa', 'b', 'B2', 'c', 'zebra', 'Zed'];
    for (const order of [names, [...names].reverse(), [...names.slice(3), ...names.slice(0, 3)]])
      expect(accountNames('userProperties', order)).toEqual(expected);
  });

  it('keeps the first spelling of names that match', () => {
    expect(accountNames('userProperties', ['b', 'a', 'B'])).toEqual(['a', 'b']);
    expect(accountNames('userProperties', ['B', 'a', 'b'])).toEqual(['a', 'B']);
    expect(accountNames('events', ['DealWon', 'Deal Won'])).toEqual(['DealWon']);
  });

  it('reads a huge list', () => {
    const events = Array.from({ length: 50_000 }, (_, i) => ({ name: `Event ${i % 20_000}` }));
    const answer = readSchemaAnswer('events', 200, { status: 'success', events });
    expect(answer.kind).toBe('names');
    const names = answer.kind === 'names' ? answer.names : [];
    expect(names).toHaveLength(20_000);
    expect(names.slice(0, 3)).toEqual(['Event 0', 'Event 1', 'Event 10']);
  });

  it.each([401, 403])('takes HTTP %i for the credentials', (status) => {
    expect(
      readSchemaAnswer('events', status, { status: 'fail', error: 'Invalid Credentials', code: status }),
    ).toEqual({
      kind: 'credentials',
      status,
    });
  });

  it('takes a 200 fail answer with code 401 for the credentials', () => {
    expect(
      readSchemaAnswer('events', 200, { status: 'fail', error: 'Account ID is not valid', code: 401 }),
    ).toEqual({
      kind: 'credentials',
      status: 200,
    });
  });

  it.each([429, 500, 502, 503, 504])('takes HTTP %i for unavailable', (status) => {
    expect(readSchemaAnswer('events', status, '<html>Bad gateway</html>')).toEqual({
      kind: 'unavailable',
      status,
    });
  });

  it("reads a fail answer with CleverTap's error, or without one", () => {
    expect(readSchemaAnswer('events', 200, { status: 'fail', error: ' Invalid type ', code: 400 })).toEqual({
      kind: 'failed',
      status: 200,
      error: 'Invalid type',
    });
    expect(readSchemaAnswer('events', 200, { status: 'fail' })).toEqual({ kind: 'failed', status: 200 });
    expect(readSchemaAnswer('events', 400, { status: 'fail', error: 'Bad request', code: 400 })).toEqual({
      kind: 'failed',
      status: 400,
      error: 'Bad request',
    });
    expect(readSchemaAnswer('events', 404, 'Not Found')).toEqual({ kind: 'failed', status: 404 });
  });

  it.each([
    ['an HTML page', '<html><body>OK</body></html>'],
    ['nothing', undefined],
    ['null', null],
    ['a list', [{ name: 'Deal Won' }]],
    ['success without the list', { status: 'success' }],
    ['the list as an object', { status: 'success', events: { name: 'Deal Won' } }],
  ])('takes %s for unreadable', (_what, body) => {
    expect(readSchemaAnswer('events', 200, body)).toEqual({ kind: 'unreadable', status: 200 });
  });
});

describe('matching names', () => {
  const names = ['Charged', 'Deal Lost', 'Deal Won', 'Form Submitted'];

  it('finds a name without regard to case or spaces', () => {
    expect(indexOfName(names, 'deal won')).toBe(2);
    expect(indexOfName(names, ' DEALWON ')).toBe(2);
    expect(indexOfName(names, 'Deal\tWon')).toBe(2);
    expect(indexOfName(names, 'Deal Wonn')).toBe(-1);
    expect(indexOfName([], 'Deal Won')).toBe(-1);
  });

  it('suggests the nearest known name', () => {
    expect(nearestName(names, 'Deal Wonn')).toBe('Deal Won');
    expect(nearestName(names, 'deal wom')).toBe('Deal Won');
    expect(nearestName(names, 'Dael Lost')).toBe('Deal Lost');
    expect(nearestName(names, 'Form Submited')).toBe('Form Submitted');
    expect(nearestName(names, 'charged ')).toBe('Charged');
  });

  it('suggests nothing for a far name, or from an empty list', () => {
    expect(nearestName(names, 'Newsletter Signup')).toBeUndefined();
    expect(nearestName(['Buy'], 'Pay')).toBeUndefined();
    expect(nearestName([], 'Deal Won')).toBeUndefined();
  });

  it('takes the closest, and the first in order on a tie', () => {
    expect(nearestName(['Deal Wax', 'Deal Won'], 'Deal Wonn')).toBe('Deal Won');
    expect(nearestName(['Deal Woa', 'Deal Wob'], 'Deal Woc')).toBe('Deal Woa');
  });

  it('measures edit distance, giving up past the limit', () => {
    expect(editDistance('dealwonn', 'dealwon')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting', 2)).toBe(Infinity);
    expect(editDistance('a', 'abcd', 2)).toBe(Infinity);
    expect(editDistance('日本語', '日本')).toBe(1);
  });

  it('allows a third of the longer form, at least 1', () => {
    expect(suggestionThreshold('dealwonn', 'dealwon')).toBe(2);
    expect(suggestionThreshold('buy', 'pay')).toBe(1);
    expect(suggestionThreshold('a', '')).toBe(1);
  });
});
