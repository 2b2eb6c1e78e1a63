import { parseItemProperties, parseItems, parsePurchase } from '../../src/fields/purchase';

const item = (fields: Record<string, unknown> = {}) => ({ productName: 'Annual Plan', ...fields });

describe('parsePurchase', () => {
  it('reads the purchase: numbers from text, ids as text, typed extra properties', () => {
    expect(
      parsePurchase({
        amount: '1250.50',
        currency: ' USD ',
        paymentMode: 'Invoice',
        chargedId: 42,
        properties: { 'Deal Stage': 'closedwon', Probability: '0.9', Empty: '' },
        items: [
          { productName: 'Annual Plan', category: 'Subscriptions', quantity: '1', price: 1200 },
          { productName: 'Onboarding', quantity: 2, price: '25.25', itemProperties: 'Color=Red; Seats=3' },
        ],
      }),
    ).toEqual({
      amount: 1250.5,
      currency: 'USD',
      paymentMode: 'Invoice',
      chargedId: '42',
      properties: { 'Deal Stage': 'closedwon', Probability: 0.9 },
      items: [
        { productName: 'Annual Plan', category: 'Subscriptions', quantity: 1, price: 1200, properties: {} },
        {
          productName: 'Onboarding',
          category: undefined,
          quantity: 2,
          price: 25.25,
          properties: { Color: 'Red', Seats: 3 },
        },
      ],
    });
  });

  it('keeps values as text when Convert Value Types is off', () => {
    const purchase = parsePurchase({
      amount: '10',
      convertValueTypes: 'false',
      properties: { Probability: '0.9' },
      items: [item({ itemProperties: 'Seats=3' })],
    });
    expect(purchase.properties).toEqual({ Probability: '0.9' });
    expect(purchase.items[0]?.properties).toEqual({ Seats: '3' });
  });

  it('leaves optional purchase fields out when empty', () => {
    expect(parsePurchase({ amount: '0', currency: '  ', items: [item()] })).toEqual({
      amount: 0,
      currency: undefined,
      paymentMode: undefined,
      chargedId: undefined,
      properties: {},
      items: [{ productName: 'Annual Plan', properties: {} }],
    });
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['blank', '   '],
    ['missing', undefined],
    ['null', null],
  ])('stops a purchase whose Amount is %s, naming Amount (a Charged event needs its total)', (_, amount) => {
    expect(() => parsePurchase({ amount, items: [item()] })).toThrow(
      /^Amount: a purchase needs its total, and the value is empty\. Map the deal's or order's Amount/,
    );
  });

  it('reads Currency as an ISO 4217 code, upper-cased, and refuses anything else naming Currency', () => {
    expect(parsePurchase({ amount: '5', currency: 'usd', items: [item()] }).currency).toBe('USD');
    expect(parsePurchase({ amount: '5', currency: ' Eur ', items: [item()] }).currency).toBe('EUR');
    for (const currency of ['dollars', '$', 'US$', 'XYZ'])
      expect(() => parsePurchase({ amount: '5', currency, items: [item()] })).toThrow(
        /^Currency: ".+" is not an ISO 4217 currency code\. Use the three-letter code, like USD/,
      );
  });

  it('refuses an amount that is not a number', () => {
    expect(() => parsePurchase({ amount: '1.250,50', items: [item()] })).toThrow(
      /^Amount: "1\.250,50" is not a plain number/,
    );
    expect(() => parsePurchase({ amount: '$1,200.50', items: [item()] })).toThrow(
      /^Amount: "\$1,200\.50" is not a plain number\. Write it with a dot for decimals/,
    );
  });

  it.each(['Amount', 'currency', 'Payment Mode', 'Payment mode', 'Charged ID', 'Items'])(
    'refuses "%s" among the other properties',
    (key) => {
      expect(() => parsePurchase({ amount: 10, properties: { [key]: 'x' }, items: [item()] })).toThrow(
        new RegExp(`^Other Purchase Properties: "${key}" is set by the purchase itself`),
      );
    },
  );

  it("applies CleverTap's key rules to the other properties", () => {
    expect(() => parsePurchase({ amount: 10, properties: { 'Deal.Stage': 'won' }, items: [item()] })).toThrow(
      /^Other Purchase Properties: this has the property name "Deal\.Stage", which contains "\."/,
    );
  });

  it('names the first of many property problems and how many more, within what Zapier shows', () => {
    const properties = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`Deal.Stage ${i + 1}`, 'x']));
    let message = '';
    try {
      parsePurchase({ amount: 10, properties, items: [item()] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Other Purchase Properties: this has the property name "Deal\.Stage 1", which contains "\."/,
    );
    expect(message).toMatch(/ \(and \d+ more\)\. Correct the properties and try again\.$/);
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it("applies CleverTap's value rules to the text fields", () => {
    expect(() => parsePurchase({ amount: 10, paymentMode: 'x'.repeat(513), items: [item()] })).toThrow(
      /^Payment Mode: this has a value for "Payment Mode" over 512 bytes \(an accented or Asian character counts 2-3\)/,
    );
  });

  it.each<[string, string, unknown]>([
    ['Currency', 'currency', { code: 'USD' }],
    ['Currency', 'currency', ['USD', 'EUR']],
    ['Payment Mode', 'paymentMode', ['Card', 'Cash']],
    ['Charged ID', 'chargedId', { id: 42 }],
  ])(
    'refuses a list or a group of values in %s, naming the field (never "[object Object]" or "a,b")',
    (label, key, value) => {
      const kind = Array.isArray(value) ? 'a list' : 'a group of values';
      expect(() => parsePurchase({ amount: 10, [key]: value, items: [item()] })).toThrow(
        new RegExp(`^${label}: expected a single value here but got ${kind}; map one value`),
      );
    },
  );
});

describe('parseItems', () => {
  it('names the item and field of a price that is not a number', () => {
    expect(() => parseItems({ items: [item({ price: '10' }), item({ price: '12,50' })] })).toThrow(
      /^Items, item 2, Price: "12,50" is not a plain number \(a comma is not a decimal separator here\)/,
    );
    expect(() => parseItems({ items: [item({ quantity: 'two' })] })).toThrow(
      /^Items, item 1, Quantity: "two" is not a plain number/,
    );
  });

  it('needs a product name for each item that has anything in it', () => {
    expect(() => parseItems({ items: [item(), { price: '5' }] })).toThrow(
      'Items, item 2, Product Name: fill in the name of the product.',
    );
  });

  it('skips items whose fields are all empty, then needs at least one', () => {
    expect(parseItems({ items: [{ productName: '', price: '' }, item(), { quantity: null }] })).toHaveLength(
      1,
    );
    expect(() => parseItems({ items: [{ productName: ' ' }] })).toThrow(
      'Items: a purchase needs at least one item: map the line items of the order or deal.',
    );
    expect(() => parseItems({})).toThrow(/^Items: a purchase needs at least one item/);
  });

  it("keeps each item's position in the user's list when empty rows arrive as null or undefined", () => {
    expect(() => parseItems({ items: [null, item(), undefined, item({ price: 'x' })] })).toThrow(
      /^Items, item 4, Price: "x" is not a plain number/,
    );
    expect(parseItems({ items: [null, item(), undefined] })).toHaveLength(1);
  });

  it('takes up to 50 items and refuses more', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => item({ productName: `P${i}` }));
    expect(parseItems({ items: many(50) })).toHaveLength(50);
    expect(() => parseItems({ items: many(51) })).toThrow(
      'Items: there are 51 items; one purchase can carry at most 50. Split the purchase into several.',
    );
  });

  it('reads a single item given as the top-level children when there is no line-item array', () => {
    expect(parseItems({ productName: 'Solo', price: '3' })).toEqual([
      { productName: 'Solo', category: undefined, quantity: undefined, price: 3, properties: {} },
    ]);
  });

  it('refuses item entries that are not objects', () => {
    expect(() => parseItems({ items: ['Annual Plan'] })).toThrow(
      'Items, item 1: this item is not a set of item fields.',
    );
  });

  it('refuses custom item properties that clash with the item fields or break the key rules', () => {
    expect(() => parseItems({ items: [item({ itemProperties: 'Price=3' })] })).toThrow(
      /^Items, item 1, Item Properties: "Price" is set by the item's own Price field/,
    );
    expect(() => parseItems({ items: [item({ itemProperties: '{"a:b": 1}' })] })).toThrow(
      /^Items, item 1, Item Properties: this has the property name "a:b", which contains ":"/,
    );
    expect(() => parseItems({ items: [item({ itemProperties: '{"Tags": ["a"]}' })] })).toThrow(
      /^Items, item 1, Item Properties: this has a list for "Tags"/,
    );
  });

  it('checks the length of product names', () => {
    expect(() => parseItems({ items: [item({ productName: 'p'.repeat(600) })] })).toThrow(
      /^Items, item 1, Product Name: this has a value for "Product Name" over 512 bytes/,
    );
  });

  it("refuses a list or a group of values in an item's Product Name or Category, naming the item and field", () => {
    expect(() => parseItems({ items: [item(), item({ productName: { name: 'Plan' } })] })).toThrow(
      /^Items, item 2, Product Name: expected a single value here but got a group of values/,
    );
    expect(() => parseItems({ items: [item({ category: ['A', 'B'] })] })).toThrow(
      /^Items, item 1, Category: expected a single value here but got a list/,
    );
  });
});

describe('parseItemProperties', () => {
  const field = 'Items, item 1, Item Properties';

  it('reads name=value pairs separated by ; or line breaks, typed', () => {
    expect(
      parseItemProperties(field, 'Color=Red; Size = M\nWeight=1.5;Gift=true; Code="007"; Empty='),
    ).toEqual({
      Color: 'Red',
      Size: 'M',
      Weight: 1.5,
      Gift: true,
      Code: '007',
    });
    expect(parseItemProperties(field, 'Note=a=b')).toEqual({ Note: 'a=b' });
  });

  it('reads a JSON object as written', () => {
    expect(parseItemProperties(field, '{"Color": "Red", "Weight": 1.5}')).toEqual({
      Color: 'Red',
      Weight: 1.5,
    });
  });

  it('reads empty as no properties', () => {
    expect(parseItemProperties(field, undefined)).toEqual({});
    expect(parseItemProperties(field, '  ')).toEqual({});
  });

  it('says what is wrong with a pair', () => {
    expect(() => parseItemProperties(field, 'Color Red')).toThrow(
      `${field}: "Color Red" is not name=value. Write the properties like Color=Red; Size=M, or as JSON.`,
    );
    expect(() => parseItemProperties(field, '=Red')).toThrow(
      `${field}: "=Red" has no property name before the "=".`,
    );
    expect(() => parseItemProperties(field, 'A=1; A=2')).toThrow(
      `${field}: the property "A" is given twice.`,
    );
  });
});

describe('property types the user declares, in a purchase (issue 18)', () => {
  it('applies to Other Purchase Properties and to item properties, Name=Value and JSON alike', () => {
    const purchase = parsePurchase({
      amount: '10',
      properties: { 'Close Date': '1726140966102', Probability: '0.9' },
      items: [
        item({ itemProperties: 'SKU=0042; Gift=yes' }),
        item({ itemProperties: '{"SKU": 42, "Gift": "no"}' }),
      ],
      dateProperties: ['Close Date'],
      keepAsText: 'SKU',
      yesNoProperties: 'Gift',
    });
    expect(purchase.properties).toEqual({ 'Close Date': '$D_1726140966', Probability: 0.9 });
    expect(purchase.items.map((i) => i.properties)).toEqual([
      { SKU: '0042', Gift: true },
      { SKU: '42', Gift: false },
    ]);
  });

  it('stops on "1,500.00" in a declared number, naming the field and the property', () => {
    expect(() =>
      parsePurchase({
        amount: '10',
        properties: { Discount: '1,500.00' },
        items: [item()],
        numberProperties: 'Discount',
      }),
    ).toThrow(/^Other Purchase Properties > Discount: "1,500\.00" is not a plain number/);
    expect(() =>
      parsePurchase({
        amount: '10',
        items: [item({ itemProperties: 'Weight=1,5' })],
        numberProperties: 'Weight',
      }),
    ).toThrow(/^Items, item 1, Item Properties > Weight: "1,5" is not a plain number/);
  });
});
