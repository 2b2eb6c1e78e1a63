/**
 * "Record Purchase" itself: the purchase and its line items. What every single upload shares (the record sent, the
 * output, the refusals of bad input) is run by ./kinds/single-upload.ts; CleverTap's answers by the failure matrix and
 * test/zapier/send.test.ts.
 */
import { cleverTapWithHeaders, messageOf } from '../helpers';
import recordPurchase, { perform } from '../../src/creates/record_purchase';
import { describeSingleUpload } from './kinds/single-upload';
import { runner } from './kinds/common';

const SUCCESS = { status: 'success', processed: 1, unprocessed: [] };

const run = runner(perform);

const upload = cleverTapWithHeaders;

/** A HubSpot deal with two line items, as a user maps it (HubSpot gives numbers as text). */
const dealInput = {
  identity: '51',
  ts: '1714573800000',
  amount: '1250.00',
  currency: 'USD',
  paymentMode: 'Invoice',
  chargedId: '9001',
  properties: { 'Deal Name': 'Acme renewal', Pipeline: 'default', Probability: '0.9' },
  items: [
    {
      productName: 'Annual Plan',
      category: 'Subscriptions',
      quantity: '1',
      price: '1200.00',
      itemProperties: '',
    },
    {
      productName: 'Onboarding',
      category: 'Services',
      quantity: '2',
      price: '25',
      itemProperties: 'SKU=ONB-1',
    },
  ],
};

const expectedRecord = {
  type: 'event',
  identity: '51',
  ts: 1714573800,
  evtName: 'Charged',
  evtData: {
    Amount: 1250,
    Currency: 'USD',
    'Payment mode': 'Invoice',
    'Charged ID': '9001',
    'Deal Name': 'Acme renewal',
    Pipeline: 'default',
    Probability: 0.9,
    Items: [
      { 'Product Name': 'Annual Plan', Category: 'Subscriptions', Quantity: 1, Price: 1200 },
      { 'Product Name': 'Onboarding', Category: 'Services', Quantity: 2, Price: 25, SKU: 'ONB-1' },
    ],
  },
};

describeSingleUpload({
  label: 'Record Purchase',
  perform,
  input: dealInput,
  record: expectedRecord,
  output: { status: 'success', processed: 1, ...expectedRecord, ts: '2024-05-01T14:30:00Z' },
  invalid: [
    [
      'an Amount with a decimal comma',
      { ...dealInput, amount: '1.250,00' },
      /^Amount: "1\.250,00" is not a plain number/,
    ],
    [
      'an item Price with a decimal comma',
      { ...dealInput, items: [dealInput.items[0], { productName: 'X', price: '12,50' }] },
      /^Items, item 2, Price: "12,50" is not a plain number/,
    ],
    [
      'an item Quantity that is not a number',
      { ...dealInput, items: [{ productName: 'X', quantity: 'two' }] },
      /^Items, item 1, Quantity: "two"/,
    ],
    ['no items', { ...dealInput, items: [] }, /^Items: a purchase needs at least one item/],
    [
      'more items than one purchase carries',
      { ...dealInput, items: Array.from({ length: 51 }, (_, i) => ({ productName: `P${i}` })) },
      /^Items: there are 51 items; one purchase can carry at most 50/,
    ],
    [
      'a purchase property set by the purchase',
      { ...dealInput, properties: { Amount: '3' } },
      /^Other Purchase Properties: "Amount" is set by the purchase/,
    ],
    [
      'a property name with a forbidden character',
      { ...dealInput, properties: { 'a|b': '3' } },
      /^Other Purchase Properties: this has the property name "a\|b"/,
    ],
    [
      'an Item Property that is not name=value',
      { ...dealInput, items: [{ productName: 'X', itemProperties: 'Color' }] },
      /^Items, item 1, Item Properties: "Color" is not name=value/,
    ],
    [
      'no user key',
      { ...dealInput, identity: '', objectId: '' },
      /^Identity \/ Object ID: fill in one of them/,
    ],
    [
      'a Creation Date that is not a date',
      { ...dealInput, ts: 'yesterday' },
      /^Creation Date: "yesterday" is not a date/,
    ],
  ],
});

describe('Record Purchase: what is given', () => {
  it('sends only what is given, by Object ID, without ts', async () => {
    const scope = upload()
      .post('/1/upload', {
        d: [
          {
            type: 'event',
            objectId: '-abc',
            evtName: 'Charged',
            evtData: { Amount: 25, Items: [{ 'Product Name': 'Gift Card' }] },
          },
        ],
      })
      .reply(200, SUCCESS);

    await run({ objectId: '-abc', amount: '25', items: [{ productName: 'Gift Card' }, { productName: '' }] });

    expect(scope.isDone()).toBe(true);
  });
});

describe('Record Purchase definition', () => {
  it("is labelled in Zapier's style", () => {
    expect(recordPurchase.definition.key).toBe('record_purchase');
    expect(recordPurchase.definition.display.label).toBe('Record Purchase');
    expect(recordPurchase.definition.display.description).toMatch(/^Creates /);
  });

  it('has the fields the issue names, with the items as line items', () => {
    const fields = recordPurchase.definition.operation.inputFields as {
      key: string;
      children?: { key: string }[];
    }[];
    expect(fields.map((f) => f.key)).toEqual([
      'identity',
      'objectId',
      'amount',
      'currency',
      'paymentMode',
      'chargedId',
      'items',
      'properties',
      'convertValueTypes',
      'keepAsText',
      'numberProperties',
      'dateProperties',
      'yesNoProperties',
      'ts',
    ]);
    expect(fields.find((f) => f.key === 'items')?.children?.map((c) => c.key)).toEqual([
      'productName',
      'category',
      'quantity',
      'price',
      'itemProperties',
    ]);
  });

  it('has a sample shaped like the real output, covering every output field', () => {
    const keys = (recordPurchase.definition.operation.outputFields ?? []).map((f) =>
      'key' in f ? f.key : '',
    );
    const flat = new Set<string>();
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) value.forEach((v) => walk(v, `${path}[]`));
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value))
          walk(v, path ? (path.endsWith('[]') ? `${path}${k}` : `${path}__${k}`) : k);
      else flat.add(path);
    };
    walk(recordPurchase.sample, '');
    expect(keys.filter((k) => k !== 'objectId' && !flat.has(k))).toEqual([]);
    expect(recordPurchase.sample.evtName).toBe('Charged');
  });
});

describe('Record Purchase: Amount and Currency (issue 18)', () => {
  it('stops the step naming Amount when the mapped Amount is empty, and sends nothing', async () => {
    const scope = upload().post('/1/upload').reply(200, SUCCESS);
    const error = await run({ ...dealInput, amount: '' }).catch((e: unknown) => e);
    expect(messageOf(error)).toMatch(/^Amount: a purchase needs its total, and the value is empty\./);
    expect(scope.isDone()).toBe(false);
  });

  it('sends a lower-case currency code upper-cased', async () => {
    let sent: { d: { evtData: Record<string, unknown> }[] } | undefined;
    upload()
      .post('/1/upload', (body: typeof sent) => ((sent = body), true))
      .reply(200, SUCCESS);
    await run({ ...dealInput, currency: 'usd' });
    expect(sent?.d[0]?.evtData.Currency).toBe('USD');
  });

  it('stops the step naming Currency for a value that is not an ISO 4217 code, and sends nothing', async () => {
    const scope = upload().post('/1/upload').reply(200, SUCCESS);
    const error = await run({ ...dealInput, currency: 'dollars' }).catch((e: unknown) => e);
    expect(messageOf(error)).toMatch(/^Currency: "dollars" is not an ISO 4217 currency code\./);
    expect(scope.isDone()).toBe(false);
  });
});
