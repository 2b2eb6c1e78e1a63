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

describe('Upload Events in Bulk: declared property types (issue 18)', () => {
  it("applies Number, Date, Yes/No Properties and Keep as Text to every item's JSON properties", async () => {
    const sent = recordUploads();
    await run({
      numberProperties: ['Amount'],
      dateProperties: 'close date',
      yesNoProperties: ['Renewal'],
      keepAsText: ['Deal ID'],
      events: [
        {
          evtName: 'Deal Won',
          identity: '51',
          evtData: '{"Amount": "1500.00", "Close Date": 1726140966102, "Renewal": "yes", "Deal ID": 51}',
        },
        { evtName: 'Deal Won', identity: '52', evtData: '{"Amount": 7, "Stage": "won"}' },
      ],
    });
    expect(sent[0]?.d.map((r) => (r as { evtData: unknown }).evtData)).toEqual([
      { Amount: 1500, 'Close Date': '$D_1726140966', Renewal: true, 'Deal ID': '51' },
      { Amount: 7, Stage: 'won' },
    ]);
  });

  it('stops the step naming the item, the field and the property when a value is not of its type; nothing sent', async () => {
    const sent = recordUploads();
    const message = messageOf(
      await failureOf(
        run({
          numberProperties: ['Amount'],
          events: [
            { evtName: 'Deal Won', identity: '51', evtData: '{"Amount": 1500}' },
            { evtName: 'Deal Won', identity: '52', evtData: '{"Amount": "1,500.00"}' },
          ],
        }),
      ),
    );
    expect(message).toMatch(
      /^Events: 1 of 2 items has a problem \(item 2\), so nothing was sent\. Fix them and try again\. Item 2, Event Properties \(JSON\) > Amount: "1,500\.00" is not a plain number/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });

  it('a name in two lists is one problem for the whole list, naming both lists', async () => {
    const sent = recordUploads();
    const items = Array.from({ length: 3 }, (_, i) => ({ evtName: 'Deal Won', identity: `u${i}` }));
    const message = messageOf(
      await failureOf(run({ keepAsText: ['Deal ID'], numberProperties: ['deal id'], events: items })),
    );
    expect(message).toMatch(
      /^Number Properties: "deal id" is also in Keep as Text; a property has one type\./,
    );
    expect(sent).toEqual([]);
  });
});
