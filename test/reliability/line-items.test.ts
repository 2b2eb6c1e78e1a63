/**
 * Line items keep their numbers. With Zapier's default `cleanInputData`, empty values and empty line items are
 * stripped (recursively) before `perform`, so the later items move up and "item 3" in a report would be the user's
 * 4th row. The app sets `cleanInputData: false`: an empty item stays in place (skipped, not sent) and a report names
 * the user's own item numbers. Both settings are modelled (scripts/zapier-boundary.ts), to show the setting matters.
 */
import zapier from 'zapier-platform-core';
import App from '../../index';
import { cleanLikeZapier, inputAsZapierHandsItOver } from '../../scripts/zapier-boundary';
import { boundaryTester, ZAP_TIMEZONE } from '../boundary';
import { actions, appPartOf, auth, handedOver, invoke, recordAll } from './harness';

type Perform = Parameters<typeof boundaryTester>[0];
type Operation = { perform: unknown; inputFields?: unknown[]; cleanInputData?: boolean };

const BULKS = [
  {
    key: 'upload_events_bulk',
    list: 'events',
    noun: 'events',
    full: (n: number) => ({ evtName: 'Deal Won', identity: `user${n}@example.com`, ts: '' }),
    empty: { evtName: '', identity: '', objectId: '', ts: '', evtData: '' },
    nulls: { evtName: null, identity: null },
  },
  {
    key: 'upsert_profiles_bulk',
    list: 'profiles',
    noun: 'profiles',
    full: (n: number) => ({ identity: `user${n}@example.com`, name: 'Ada Lovelace', email: '' }),
    empty: { identity: '', objectId: '', ts: '', name: '', email: '', phone: '', profileData: '' },
    nulls: { identity: null, name: null },
  },
] as const;

const operationOf = (key: string) =>
  (App.creates as unknown as Record<string, { operation: Operation }>)[key]?.operation;

/** CleverTap refuses record `n` of every request (515: a bad email), and saves the rest. */
const refusingRecord = (n: number) =>
  recordAll((req) => {
    const count = (JSON.parse(req.body) as { d: unknown[] }).d.length;
    return [
      200,
      {
        status: 'partial',
        processed: count - 1,
        unprocessed: [
          { status: 'fail', code: 515, error: `Email invalid. ErrorCode: 515 Skipped record number : ${n}` },
        ],
      },
    ];
  });

describe('cleanInputData as the app sets it', () => {
  it('is false for the app, and no action sets it back to true', () => {
    expect(App.flags?.cleanInputData).toBe(false);
    for (const action of actions())
      expect([action.id, operationOf(action.key)?.cleanInputData ?? 'app']).not.toEqual([action.id, true]);
  });
});

describe.each(BULKS.map((b) => [b.key, b] as const))(
  '%s: an empty line item between two full ones',
  (_key, bulk) => {
    const inputData = { [bulk.list]: [bulk.full(1), bulk.empty, bulk.full(3)] };

    it("stays in place with the app's setting; the default setting would drop it and move item 3 up", () => {
      const kept = cleanLikeZapier(inputData, false)[bulk.list] as unknown[];
      expect(kept).toHaveLength(3);
      expect(kept[1]).toEqual(bulk.empty);
      const dropped = cleanLikeZapier(inputData, true)[bulk.list] as Record<string, unknown>[];
      expect(dropped).toHaveLength(2);
      expect(dropped[1]?.identity).toBe('user3@example.com');
      // The whole boundary, as the app is configured: the empty item is still the second.
      const handedOver = inputAsZapierHandsItOver(operationOf(bulk.key)!, App.flags, inputData, ZAP_TIMEZONE);
      expect((handedOver[bulk.list] as unknown[])[1]).toEqual(bulk.empty);
    });

    it("a refusal of CleverTap's record 2 is reported as the user's item 3, and the output keeps the numbers", async () => {
      const seen = refusingRecord(2);
      const error = await boundaryTester(operationOf(bulk.key)!.perform as Perform, {
        authData: auth,
        inputData,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(zapier.errors.Error);
      expect(appPartOf(error)).toMatch(
        new RegExp(`^CleverTap saved 1 of 2 ${bulk.noun}; 1 not saved \\(item 3\\)\\. `),
      );
      // One request, carrying the two full items: the empty one is skipped, not sent.
      expect(seen).toHaveLength(1);
      expect((JSON.parse(seen[0]?.body ?? '{}') as { d: unknown[] }).d).toHaveLength(2);

      // With "finish the step", the output says the same with the user's numbers.
      refusingRecord(2);
      const output = (await boundaryTester(operationOf(bulk.key)!.perform as Perform, {
        authData: auth,
        inputData: { ...inputData, onRefused: 'continue' },
      })) as Record<string, unknown>;
      expect(output).toMatchObject({ savedItems: '1', refusedItems: '3', skippedItems: '2', skipped: 1 });
    });

    it('an item whose values are all null (Zapier drops nulls even so) keeps its place too', async () => {
      const withNulls = { [bulk.list]: [bulk.full(1), bulk.nulls, bulk.empty, bulk.full(4)] };
      refusingRecord(2);
      const error = await boundaryTester(operationOf(bulk.key)!.perform as Perform, {
        authData: auth,
        inputData: withNulls,
      }).catch((e: unknown) => e);
      expect(appPartOf(error)).toMatch(
        new RegExp(`^CleverTap saved 1 of 2 ${bulk.noun}; 1 not saved \\(item 4\\)\\. `),
      );
    });

    it("with Zapier's default (modelled), the same refusal would name item 2: the user's 3rd row", async () => {
      refusingRecord(2);
      // The app under the other setting: the input as the default cleanInputData leaves it, run without the boundary
      // (which applies the app's own setting).
      const cleaned = inputAsZapierHandsItOver(
        operationOf(bulk.key)!,
        { cleanInputData: true },
        inputData,
        ZAP_TIMEZONE,
      );
      const error = await zapier
        .createAppTester(App)(operationOf(bulk.key)!.perform as Perform, {
          authData: auth,
          inputData: cleaned,
        })
        .catch((e: unknown) => e);
      expect(appPartOf(error)).toMatch(
        new RegExp(`^CleverTap saved 1 of 2 ${bulk.noun}; 1 not saved \\(item 2\\)\\. `),
      );
    });
  },
);

describe('record_purchase: an empty purchase item between two full ones', () => {
  const inputData = {
    identity: 'ada@example.com',
    amount: '1210',
    items: [
      { productName: 'Annual Plan', price: '10' },
      { productName: '', category: '', quantity: '', price: '', itemProperties: '' },
      { productName: 'Add-on', price: '$1,200.50' },
    ],
  };

  it("a problem in the third row is the user's item 3, and nothing is sent", async () => {
    const seen = recordAll();
    const error = await boundaryTester(operationOf('record_purchase')!.perform as Perform, {
      authData: auth,
      inputData,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(zapier.errors.Error);
    expect(appPartOf(error)).toMatch(/^Items, item 3, Price: /);
    expect(seen).toEqual([]);
  });

  it("with Zapier's default (modelled), it would be item 2", async () => {
    recordAll();
    const cleaned = inputAsZapierHandsItOver(
      operationOf('record_purchase')!,
      { cleanInputData: true },
      inputData,
      ZAP_TIMEZONE,
    );
    const error = await zapier
      .createAppTester(App)(operationOf('record_purchase')!.perform as Perform, {
        authData: auth,
        inputData: cleaned,
      })
      .catch((e: unknown) => e);
    expect(appPartOf(error)).toMatch(/^Items, item 2, Price: /);
  });
});

describe("core's handler (harness.ts `invoke`, used by the secrets scan) runs steps through the same boundary", () => {
  it('hands over what Zapier would: defaults filled, nulls dropped, empty values kept', () => {
    expect(
      handedOver('creates.upload_event.operation.perform', {
        identity: 'u1',
        evtName: 'E',
        ts: null,
        convertValueTypes: '',
      }),
    ).toEqual({ identity: 'u1', evtName: 'E', convertValueTypes: 'yes', ifNewEvent: 'send' });
    expect(handedOver('authentication.test', { anything: null })).toEqual({ anything: null });
    expect(() => handedOver('creates.no_such_action.operation.perform', {})).toThrow(
      /no creates.no_such_action/,
    );
  });

  it("a refusal of record 2 names the user's item 3 when item 2 was empty", async () => {
    refusingRecord(2);
    const run = await invoke('creates.upload_events_bulk.operation.perform', {
      authData: auth,
      inputData: { events: [BULKS[0].full(1), BULKS[0].nulls, BULKS[0].full(3)] },
    });
    expect(appPartOf(run.error)).toMatch(/^CleverTap saved 1 of 2 events; 1 not saved \(item 3\)\. /);
  });
});
