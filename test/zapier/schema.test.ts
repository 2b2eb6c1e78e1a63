import nock from 'nock';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as uploadEventsBulk } from '../../src/creates/upload_events_bulk';
import { SCHEMA_CACHE_SECONDS } from '../../src/zapier/schema';
import { clearZapierCache, type CacheUse } from '../boundary';
import { appTester, authData, EU_HOST, messageOf, PASSCODE, recordUploads, failureOf } from '../helpers';

const ACCOUNT_EVENTS = ['Deal Won', 'Deal Lost', 'Form Submitted', 'App Launched', 'Charged'];

/** The account's events, answered once (a second read would find no interceptor and fail the test). */
const schemaAnswers = (events = ACCOUNT_EVENTS) =>
  nock(EU_HOST, { reqheaders: { 'x-clevertap-passcode': PASSCODE } })
    .get('/getSchema')
    .query({ type: 'events' })
    .reply(200, { status: 'success', events: events.map((name) => ({ name })) });

const one = (inputData: Record<string, unknown>) =>
  appTester(uploadEvent, { authData, inputData: { identity: 'u1', ...inputData } });
const bulk = (names: string[], inputData: Record<string, unknown> = {}) =>
  appTester(uploadEventsBulk, {
    authData,
    inputData: { events: names.map((evtName, i) => ({ evtName, identity: `u${i + 1}` })), ...inputData },
  });

let cache: CacheUse;
beforeEach(() => {
  cache = clearZapierCache();
});

describe('the guard in Upload Event', () => {
  it('sends an event the account has, in other casing and spacing', async () => {
    const schema = schemaAnswers();
    const sent = recordUploads();
    await one({ evtName: 'deal  WON', ifNewEvent: 'stop' });
    expect(schema.isDone()).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.d[0]!.evtName).toBe('deal  WON');
  });

  it('stops on a name the account does not have, naming the field, the name and the nearest; nothing sent', async () => {
    schemaAnswers();
    const sent = recordUploads();
    const message = await one({ evtName: 'Deal Wonn', ifNewEvent: 'stop' }).catch(messageOf);
    expect(message).toBe(
      'Event Name: "Deal Wonn" is not an event your CleverTap account has; the nearest is "Deal Won". Nothing was ' +
        'sent. Fix the name, or pick "Send it as a new event" in If the Event Name Is New to create it.',
    );
    expect(sent).toHaveLength(0);
  });

  it('says when no event of the account is close, and never suggests a system event', async () => {
    schemaAnswers();
    recordUploads();
    await expect(one({ evtName: 'Newsletter Signup', ifNewEvent: 'stop' }).catch(messageOf)).resolves.toMatch(
      /^Event Name: "Newsletter Signup" is not an event your CleverTap account has \(none is close\)\. Nothing was sent\./,
    );
    schemaAnswers();
    clearZapierCache();
    await expect(one({ evtName: 'App Lunched', ifNewEvent: 'stop' }).catch(messageOf)).resolves.toMatch(
      /none is close/,
    );
  });

  it('quotes a long name shortened, within what Zapier shows', async () => {
    schemaAnswers();
    const long = `Deal ${'x'.repeat(400)}`;
    await expect(one({ evtName: long, ifNewEvent: 'stop' }).catch(messageOf)).resolves.toMatch(
      /^Event Name: "Deal x+…" is not/,
    );
  });

  it('sends a new name as before when the guard is off, without reading the schema or the cache', async () => {
    const schema = schemaAnswers();
    const sent = recordUploads();
    await one({ evtName: 'Deal Wonn' });
    await one({ evtName: 'Deal Wonn', ifNewEvent: 'send' });
    expect(sent).toHaveLength(2);
    expect(schema.isDone()).toBe(false);
    expect(cache).toEqual({ reads: [], writes: [] });
  });

  it('reads the schema once per connection while it is kept', async () => {
    const schema = schemaAnswers();
    const sent = recordUploads();
    await one({ evtName: 'Deal Won', ifNewEvent: 'stop' });
    await one({ evtName: 'Deal Lost', ifNewEvent: 'stop' });
    expect(schema.isDone()).toBe(true);
    expect(sent).toHaveLength(2);
    expect(cache.writes).toEqual(['clevertap-schema:events:eu1:TEST-ACC-123']);
    expect(SCHEMA_CACHE_SECONDS).toBeGreaterThanOrEqual(60);
    expect(SCHEMA_CACHE_SECONDS).toBeLessThanOrEqual(15 * 60);
  });

  it.each([
    [
      'HTTP 503',
      () => nock(EU_HOST).get('/getSchema').query(true).reply(503, { status: 'fail', error: 'x', code: 503 }),
      /CleverTap is unavailable right now \(HTTP 503\)/,
    ],
    [
      'an HTML page',
      () => nock(EU_HOST).get('/getSchema').query(true).reply(200, '<html></html>'),
      /something other than a list of events/,
    ],
    [
      'a fail answer',
      () => nock(EU_HOST).get('/getSchema').query(true).reply(200, { status: 'fail', error: 'No schema' }),
      /refused the request with "No schema"/,
    ],
  ])(
    'stops, safe to replay, when the schema cannot be read (%s); nothing sent',
    async (_what, reply, cause) => {
      reply();
      const sent = recordUploads();
      const message = await one({ evtName: 'Deal Won', ifNewEvent: 'stop' }).catch(messageOf);
      expect(message).toMatch(/^Event Name could not be checked: /);
      expect(message).toMatch(cause);
      expect(message).toMatch(
        /Nothing was sent, so it is safe to replay this step; or pick "Send it as a new event" in If the Event Name Is New to skip the check\.$/,
      );
      expect(sent).toHaveLength(0);
      expect(cache.writes).toEqual([]);
    },
  );

  it('asks to reconnect when the credentials are refused; nothing sent', async () => {
    nock(EU_HOST)
      .get('/getSchema')
      .query(true)
      .reply(401, { status: 'fail', error: 'Invalid Credentials', code: 401 });
    const sent = recordUploads();
    const error = await failureOf(one({ evtName: 'Deal Won', ifNewEvent: 'stop' }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(messageOf(error)).toMatch(/^CleverTap refused the Account ID or Passcode/);
    expect(sent).toHaveLength(0);
  });

  it('reports a bad Event Name before reading the schema', async () => {
    const schema = schemaAnswers();
    await expect(one({ evtName: 'deal.won', ifNewEvent: 'stop' }).catch(messageOf)).resolves.toMatch(
      /^Event Name: /,
    );
    expect(schema.isDone()).toBe(false);
  });

  it('refuses a mapped value that is neither choice', async () => {
    const schema = schemaAnswers();
    await expect(one({ evtName: 'Deal Won', ifNewEvent: 'maybe' }).catch(messageOf)).resolves.toBe(
      'If the Event Name Is New: "maybe" is not one of the choices: pick Send it as a new event (send) or Stop the step (stop).',
    );
    expect(schema.isDone()).toBe(false);
  });
});

describe('the guard in Upload Events in Bulk', () => {
  it('checks every item before anything is sent, naming the items', async () => {
    schemaAnswers();
    const sent = recordUploads();
    const message = await bulk(['Deal Won', 'Deal Wonn', 'deal lost', 'Form Submited', 'Brand New'], {
      ifNewEvent: 'stop',
    }).catch(messageOf);
    expect(message).toMatch(
      /^Events: 3 of 5 items name events your CleverTap account does not have \(items 2, 4-5\), so nothing was sent\. Fix them, or pick "Send it as a new event" in If the Event Name Is New\. Item 2, Event Name: "Deal Wonn" \(nearest "Deal Won"\)\./,
    );
    expect(sent).toHaveLength(0);
  });

  it('keeps within what Zapier shows for many unknown items', async () => {
    schemaAnswers();
    const sent = recordUploads();
    const names = Array.from({ length: 300 }, (_, i) => `Unknown Event Number ${i} ${'z'.repeat(30)}`);
    const message = await bulk(names, { ifNewEvent: 'stop' }).catch(messageOf);
    expect(message).toMatch(/^Events: 300 of 300 items .* \(items 1-300\), so nothing was sent\./);
    expect(sent).toHaveLength(0);
  });

  it('sends when every item names an event the account has, reading the schema once', async () => {
    const schema = schemaAnswers();
    const sent = recordUploads();
    await bulk(['Deal Won', 'DEAL LOST', 'Charged'], { ifNewEvent: 'stop' });
    await bulk(['Form Submitted'], { ifNewEvent: 'stop' });
    expect(schema.isDone()).toBe(true);
    expect(sent.map((body) => body.d.length)).toEqual([3, 1]);
  });

  it('sends new names as before when the guard is off, without reading the schema or the cache', async () => {
    const schema = schemaAnswers();
    const sent = recordUploads();
    await bulk(['Deal Wonn', 'Brand New']);
    expect(sent).toHaveLength(1);
    expect(schema.isDone()).toBe(false);
    expect(cache).toEqual({ reads: [], writes: [] });
  });

  it('reports the items with problems before reading the schema', async () => {
    const schema = schemaAnswers();
    await expect(bulk(['Deal Won', 'bad.name'], { ifNewEvent: 'stop' }).catch(messageOf)).resolves.toMatch(
      /^Events: 1 of 2 items has a problem \(item 2\)/,
    );
    expect(schema.isDone()).toBe(false);
  });

  it('stops, safe to replay, when the schema cannot be read; nothing sent', async () => {
    nock(EU_HOST).get('/getSchema').query(true).reply(502, '<html>Bad Gateway</html>');
    const sent = recordUploads();
    await expect(bulk(['Deal Won'], { ifNewEvent: 'stop' }).catch(messageOf)).resolves.toMatch(
      /^Event Name could not be checked: CleverTap is unavailable right now \(HTTP 502\)\. Nothing was sent, so it is safe to replay this step/,
    );
    expect(sent).toHaveLength(0);
  });
});
