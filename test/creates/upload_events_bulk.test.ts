/**
 * "Upload Events in Bulk" itself: how one line item becomes an event record. What every bulk action does with its line
 * items is run by ./kinds/bulk.ts; how the records are sent, and the shared fields, by test/zapier/bulk.test.ts.
 */
import { perform } from '../../src/creates/upload_events_bulk';
import { failureOf, messageOf, recordUploads } from '../helpers';
import { describeBulkAction } from './kinds/bulk';
import { runner } from './kinds/common';

const run = runner(perform);

describeBulkAction({
  label: 'Upload Events in Bulk',
  perform,
  list: { key: 'events', label: 'Events' },
  // Read like Upload Event reads its fields: the name trimmed, a trailing comma in the JSON forgiven.
  item: {
    evtName: ' Deal Won ',
    identity: '51',
    ts: '2024-05-01T14:30:00Z',
    evtData: '{"Deal Name": "Acme renewal", "Amount": 1200.5,}',
  },
  record: {
    type: 'event',
    identity: '51',
    ts: 1714573800,
    evtName: 'Deal Won',
    evtData: { 'Deal Name': 'Acme renewal', Amount: 1200.5 },
  },
  invalidItem: { evtName: '', identity: '51' },
  problem: 'Event Name: fill in the name of the event',
});

describe('Upload Events in Bulk: an item', () => {
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

  it('reports each problem of an item by its field, in item order, within what Zapier shows', async () => {
    const sent = recordUploads();
    const item = { evtName: 'Deal Won', identity: 'u1', ts: '1714573800000', evtData: '{"Amount": 1}' };
    const list: Record<string, unknown>[] = Array.from({ length: 2500 }, () => item);
    list[1] = { ...item, evtName: '' };
    list[4] = { ...item, objectId: '__g1' };
    list[1499] = { ...item, evtName: 'App Launched', ts: 'yesterday', evtData: '{"Amount": }' };
    const message = messageOf(await failureOf(run({ events: list })));
    expect(message).toMatch(
      /^Events: 3 of 2500 items have problems \(items 2, 5, 1500\), so nothing was sent\. Fix them and try again\. Item 2, Event Name: fill in the name of the event/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });

  it('many problems: the count, the first item numbers and the advice come first, then what fits', async () => {
    const sent = recordUploads();
    const list = Array.from({ length: 30 }, (_, i) => ({
      evtName: i % 2 ? 'a.b' : 'Deal Won',
      identity: `user-${i + 1}`,
    }));
    const message = messageOf(await failureOf(run({ events: list })));
    expect(message).toMatch(
      /^Events: 15 of 30 items have problems \(items 2, 4, 6, 8 and 11 more\), so nothing was sent\. Fix them and try again\. Item 2, Event Name: /,
    );
    expect(message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });
});
