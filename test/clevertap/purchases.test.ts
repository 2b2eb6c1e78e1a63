import {
  chargedData,
  chargedRecord,
  itemCountProblem,
  RESERVED_CHARGED_KEYS,
} from '../../src/clevertap/purchases';

describe('Charged records', () => {
  it('builds evtData with the given purchase properties, the extra ones and Items', () => {
    const data = chargedData({
      amount: 1250,
      currency: 'USD',
      paymentMode: 'Invoice',
      chargedId: '0042',
      properties: { 'Deal Stage': 'closedwon' },
      items: [
        { productName: 'Plan', category: 'Subs', quantity: 1, price: 1200, properties: { Color: 'Red' } },
        { productName: 'Setup', properties: {} },
      ],
    });
    expect(data).toEqual({
      Amount: 1250,
      Currency: 'USD',
      'Payment mode': 'Invoice',
      'Charged ID': '0042',
      'Deal Stage': 'closedwon',
      Items: [
        { 'Product Name': 'Plan', Category: 'Subs', Quantity: 1, Price: 1200, Color: 'Red' },
        { 'Product Name': 'Setup' },
      ],
    });
  });

  it('leaves out purchase properties that were not given, and keeps a zero amount', () => {
    expect(
      chargedData({ amount: 0, properties: {}, items: [{ productName: 'A', properties: {} }] }),
    ).toStrictEqual({
      Amount: 0,
      Items: [{ 'Product Name': 'A' }],
    });
  });

  it('builds a Charged event record for the user', () => {
    expect(
      chargedRecord(
        { objectId: '-abc' },
        { amount: 9.5, properties: {}, items: [{ productName: 'A', properties: {} }] },
        1714573800,
      ),
    ).toEqual({
      type: 'event',
      objectId: '-abc',
      ts: 1714573800,
      evtName: 'Charged',
      evtData: { Amount: 9.5, Items: [{ 'Product Name': 'A' }] },
    });
  });

  it('names the keys extra properties may not use', () => {
    expect(RESERVED_CHARGED_KEYS).toEqual(['Amount', 'Currency', 'Payment mode', 'Charged ID', 'Items']);
  });

  it('says what is wrong with the number of items', () => {
    expect(itemCountProblem(0)).toMatch(/at least one item/);
    expect(itemCountProblem(1)).toBeUndefined();
    expect(itemCountProblem(50)).toBeUndefined();
    expect(itemCountProblem(51)).toBe('there are 51 items; one purchase can carry at most 50');
  });
});
