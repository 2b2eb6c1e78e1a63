/**
 * End-to-end: Record Purchase and Update Profile Property through core's tester, with Zapier's boundary around each
 * step (test/boundary.ts), against the sandbox over real HTTP:
 * what is stored, what CleverTap refuses, faults, and that invalid input reaches no server.
 */
import { perform as recordPurchase } from '../../src/creates/record_purchase';
import { perform as updateProperty } from '../../src/creates/update_profile_property';
import { authDataOf, useSandbox } from './harness';
import deal from '../fixtures/hubspot-new-deal.json';
import { failureOf, messageOf } from '../helpers';
import { boundaryTester } from '../boundary';

const appTester = boundaryTester;

const ACCOUNT = { id: 'E2E-ISSUE5', passcode: 'e2e-issue5-passcode-SECRET', region: 'eu1' as const };
const authData = authDataOf(ACCOUNT);

const sandbox = useSandbox({ accounts: [ACCOUNT] });

/** A HubSpot deal with its line items, mapped as docs/users.md shows (HubSpot gives numbers as text). */
const purchaseInput = {
  identity: deal.associations.contacts[0],
  ts: deal.properties.createdate,
  amount: deal.properties.amount,
  currency: 'USD',
  paymentMode: 'Invoice',
  chargedId: deal.id,
  properties: { 'Deal Name': deal.properties.dealname, Pipeline: deal.properties.pipeline },
  items: [
    { productName: 'Annual Plan', category: 'Subscriptions', quantity: '1', price: '1150.50' },
    {
      productName: 'Onboarding',
      category: 'Services',
      quantity: '2',
      price: '25',
      itemProperties: 'SKU=ONB-1',
    },
  ],
};

const buy = (inputData: Record<string, unknown>) => appTester(recordPurchase, { authData, inputData });
const change = (inputData: Record<string, unknown>) => appTester(updateProperty, { authData, inputData });

describe('Record Purchase against the sandbox', () => {
  it('stores one Charged event with the deal and its line items', async () => {
    const result = await buy(purchaseInput);

    const evtData = {
      Amount: 1200.5,
      Currency: 'USD',
      'Payment mode': 'Invoice',
      'Charged ID': '9001',
      'Deal Name': 'Acme renewal',
      Pipeline: 'default',
      Items: [
        { 'Product Name': 'Annual Plan', Category: 'Subscriptions', Quantity: 1, Price: 1150.5 },
        { 'Product Name': 'Onboarding', Category: 'Services', Quantity: 2, Price: 25, SKU: 'ONB-1' },
      ],
    };
    expect(result).toEqual({
      status: 'success',
      processed: 1,
      type: 'event',
      identity: '51',
      ts: '2024-05-01T14:30:00Z',
      evtName: 'Charged',
      evtData,
    });
    expect(sandbox().store.events()).toEqual([
      expect.objectContaining({
        userKey: { name: 'identity', value: '51' },
        evtName: 'Charged',
        evtData,
        ts: 1714573800,
      }),
    ]);
  });

  it('a Charged event discarded in the dashboard: an error, nothing stored', async () => {
    sandbox().configure({ discardedEvents: ['Charged'] });
    const error = await failureOf(buy(purchaseInput));
    expect(messageOf(error)).toMatch(/the event has been discarded in the CleverTap dashboard .*code 528/);
    expect(sandbox().store.events()).toEqual([]);
  });

  it('a dropped connection: an error warning that a replay may store the purchase twice', async () => {
    sandbox().faults.dropNext();
    const error = await failureOf(buy(purchaseInput));
    expect(messageOf(error)).toMatch(
      /The data may or may not have been saved: check CleverTap before replaying/,
    );
  });

  it.each([
    [
      { items: Array.from({ length: 51 }, (_, i) => ({ productName: `P${i}` })) },
      /^Items: there are 51 items/,
    ],
    [
      { items: [{ productName: 'X', price: '12,50' }] },
      /^Items, item 1, Price: "12,50" is not a plain number/,
    ],
    [{ amount: '1.200,50' }, /^Amount: "1\.200,50" is not a plain number/],
  ])('invalid input %# reaches no server', async (override, message) => {
    const error = await failureOf(buy({ ...purchaseInput, ...override }));
    expect(messageOf(error)).toMatch(message);
    expect(sandbox().received()).toEqual([]);
  });
});

describe('Update Profile Property against the sandbox', () => {
  const user = { identity: 'ada-51' };
  const stored = () => sandbox().store.profile('identity', 'ada-51')?.profileData;

  it('increments, decrements and deletes a counter', async () => {
    await change({ ...user, property: 'Loyalty Points', operation: 'increment', amount: '10' });
    await change({ ...user, property: 'Loyalty Points', operation: 'increment', amount: 5 });
    await change({ ...user, property: 'Loyalty Points', operation: 'decrement', amount: '2.5' });
    expect(stored()).toEqual({ 'Loyalty Points': 12.5 });

    const result = await change({ ...user, property: 'Loyalty Points', operation: 'delete' });
    expect(result).toEqual({
      status: 'success',
      processed: 1,
      property: 'Loyalty Points',
      operation: 'delete',
      type: 'profile',
      identity: 'ada-51',
      profileData: { 'Loyalty Points': { $delete: 1 } },
    });
    expect(stored()).toEqual({});
    expect(
      sandbox()
        .received()
        .map((r) => (r.body as { d: unknown[] }).d),
    ).toEqual([
      [{ type: 'profile', identity: 'ada-51', profileData: { 'Loyalty Points': { $incr: 10 } } }],
      [{ type: 'profile', identity: 'ada-51', profileData: { 'Loyalty Points': { $incr: 5 } } }],
      [{ type: 'profile', identity: 'ada-51', profileData: { 'Loyalty Points': { $decr: 2.5 } } }],
      [{ type: 'profile', identity: 'ada-51', profileData: { 'Loyalty Points': { $delete: 1 } } }],
    ]);
  });

  it('adds to and removes from a list', async () => {
    await change({ ...user, property: 'Interests', operation: 'add', values: ['Golf', 'Chess', 'Sailing'] });
    await change({ ...user, property: 'Interests', operation: 'remove', values: ['Chess'] });
    expect(stored()).toEqual({ Interests: ['Golf', 'Sailing'] });
  });

  it('a dropped connection on an increment: an error warning that a replay may count twice', async () => {
    sandbox().faults.dropNext();
    const error = await failureOf(change({ ...user, property: 'Visits', operation: 'increment', amount: 1 }));
    expect(messageOf(error)).toMatch(/The data may or may not have been saved/);
  });

  it('a dropped connection on a list change: an error saying a replay is safe', async () => {
    sandbox().faults.dropNext();
    const error = await failureOf(
      change({ ...user, property: 'Interests', operation: 'add', values: ['Golf'] }),
    );
    expect(messageOf(error)).toMatch(/Nothing is known to be saved; it is safe to replay this step\./);
  });

  it.each([
    [
      { property: 'Email', operation: 'add', values: ['a@b.c'] },
      /^Property Name: Email is a standard CleverTap/,
    ],
    [{ property: 'Visits', operation: 'increment' }, /^Amount: fill in the number to increment by/],
    [{ property: 'Tags', operation: 'add', values: ['a', 'a'] }, /^Values: "a" is given twice/],
  ])('invalid input %# reaches no server', async (fields, message) => {
    const error = await failureOf(change({ ...user, ...fields }));
    expect(messageOf(error)).toMatch(message);
    expect(sandbox().received()).toEqual([]);
  });
});
