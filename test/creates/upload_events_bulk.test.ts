/**
 * "Upload Events in Bulk" itself: its fields, how one line item becomes a record, its problems reported item by item. How
 * the records are sent (requests, refusals, failures, HTTP 429, the time limit, the output) is the bulk send's, tested
 * in test/zapier/bulk.test.ts.
 */
import { perform } from '../../src/creates/upload_events_bulk';
import { appTester, authData, failureOf, messageOf, recordUploads, UploadBody } from '../helpers';

/** n line items as a line-item trigger hands them over: text values, JSON text for the properties. */
const events = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    evtName: 'Deal Won',
    identity: `user-${i + 1}`,
    ts: '1714573800000',
    evtData: `{"Deal ID": "${i + 1}", "Amount": ${(i + 1) * 10}}`,
  }));

/** The item numbers in each request, read from the identities, as [first, last, count]. */
const splits = (sent: UploadBody[]) =>
  sent.map(({ d }) => [d[0]?.identity, d[d.length - 1]?.identity, d.length]);

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });
const codeOf = (error: Error) => (JSON.parse(error.message) as { code: string; status: number }).code;

describe('Upload Events in Bulk', () => {
  it('sends one line item as one event record, read like Upload Event reads its fields', async () => {
    const sent = recordUploads();
    const result = await run({
      events: [
        {
          evtName: ' Deal Won ',
          identity: '51',
          ts: '2024-05-01T14:30:00Z',
          evtData: '{"Deal Name": "Acme renewal", "Amount": 1200.5,}',
        },
      ],
    });
    expect(sent).toEqual([
      {
        d: [
          {
            type: 'event',
            identity: '51',
            ts: 1714573800,
            evtName: 'Deal Won',
            evtData: { 'Deal Name': 'Acme renewal', Amount: 1200.5 },
          },
        ],
      },
    ]);
    expect(result).toEqual({
      status: 'success',
      items: 1,
      saved: 1,
      refused: 0,
      processed: 1,
      requests: 1,
      skipped: 0,
      savedItems: '1',
      refusedItems: '',
      skippedItems: '',
      results: [{ item: 1, outcome: 'saved' }],
    });
  });

  it('takes items whose values are already parsed (objects, numbers) and an Object ID as the user', async () => {
    const sent = recordUploads();
    await run({
      events: [
        { evtName: 'Signed Up', objectId: '__g123', ts: 1714573800, evtData: { Plan: 'Gold', Seats: 3 } },
      ],
    });
    expect(sent[0]?.d).toEqual([
      {
        type: 'event',
        objectId: '__g123',
        ts: 1714573800,
        evtName: 'Signed Up',
        evtData: { Plan: 'Gold', Seats: 3 },
      },
    ]);
  });

  it('sends at most Records Per Request records in each request', async () => {
    const sent = recordUploads();
    const result = await run({ events: events(250), recordsPerRequest: '100' });
    expect(splits(sent)).toEqual([
      ['user-1', 'user-100', 100],
      ['user-101', 'user-200', 100],
      ['user-201', 'user-250', 50],
    ]);
    expect(result).toMatchObject({ requests: 3, processed: 250 });
  });

  it.each(['0', '1001', '2.5', 'many'])(
    'refuses Records Per Request %p before sending anything',
    async (size) => {
      const sent = recordUploads();
      const error = await failureOf(run({ events: events(3), recordsPerRequest: size }));
      expect(messageOf(error)).toMatch(/^Records Per Request: ".*" is not a whole number from 1 to 1000/);
      expect(sent).toEqual([]);
    },
  );

  it('reports every invalid item together, by item number and field, and sends nothing', async () => {
    const sent = recordUploads();
    const list: Record<string, unknown>[] = events(2500);
    list[1] = { ...list[1], evtName: '' };
    list[4] = { ...list[4], objectId: '__g1' };
    list[1499] = { ...list[1499], evtName: 'App Launched', ts: 'yesterday', evtData: '{"Amount": }' };
    const error = await failureOf(run({ events: list }));
    const message = messageOf(error);
    expect(codeOf(error)).toBe('invalid_input');
    expect(message).toMatch(
      /^Events: 3 of 2500 items have problems \(items 2, 5, 1500\), so nothing was sent\. Fix them and try again\. /,
    );
    // The problems follow in item order, as many as Zapier shows.
    expect(message).toContain('Item 2, Event Name: fill in the name of the event');
    expect(message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });

  it('many problems: the count, the first item numbers and the advice come first, then what fits', async () => {
    const sent = recordUploads();
    const list = events(30).map((e, i) => (i % 2 ? { ...e, evtName: 'a.b' } : e));
    const message = messageOf(await failureOf(run({ events: list })));
    expect(message).toMatch(
      /^Events: 15 of 30 items have problems \(items 2, 4, 6, 8 and 11 more\), so nothing was sent\. Fix them and try again\. Item 2, Event Name: /,
    );
    expect(message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });

  it('takes a single item that is not in a list as a list of one', async () => {
    const sent = recordUploads();
    await run({ events: { evtName: 'Signed Up', identity: 'u1' } });
    expect(sent[0]?.d).toEqual([{ type: 'event', identity: 'u1', evtName: 'Signed Up', evtData: {} }]);
  });

  it.each([
    [
      'a list item that is not a line item',
      [{ evtName: 'A', identity: 'u1' }, 42],
      /^Events: item 2 is not a line item/,
    ],
    ['text instead of line items', 'Deal Won', /^Events: this must be a list of line items/],
  ])('refuses %s before sending anything', async (_what, list, expected) => {
    const sent = recordUploads();
    expect(messageOf(await failureOf(run({ events: list })))).toMatch(expected);
    expect(sent).toEqual([]);
  });
});

describe('Upload Events in Bulk: If CleverTap Refuses Items', () => {
  it.each(['maybe', 'true'])('refuses %p, naming the field, before anything is sent', async (choice) => {
    const sent = recordUploads();
    const error = await failureOf(run({ events: events(3), onRefused: choice }));
    expect(codeOf(error)).toBe('invalid_input');
    expect(messageOf(error)).toMatch(/^If CleverTap Refuses Items: ".*" is not one of the choices/);
    expect(sent).toEqual([]);
  });
});

describe('Upload Events in Bulk: Records Per Request is read by the app, not by Zapier', () => {
  it.each([
    ['1,000', 'not read as 1'],
    ['abc', 'not read as 0'],
  ])('refuses %p (%s), naming the field, before anything is sent', async (size) => {
    const sent = recordUploads();
    const error = await failureOf(run({ events: events(3), recordsPerRequest: size }));
    expect(codeOf(error)).toBe('invalid_input');
    expect(messageOf(error)).toMatch(
      new RegExp(`^Records Per Request: "${size}" is not a whole number from 1 to 1000`),
    );
    expect(sent).toEqual([]);
  });

  it('takes a mapped number as that number', async () => {
    const sent = recordUploads();
    await run({ events: events(3), recordsPerRequest: ' 2 ' });
    expect(sent.map((s) => s.d.length)).toEqual([2, 1]);
  });
});
