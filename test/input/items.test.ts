import { InputError } from '../../src/input/errors';
import { InputErrors, parseLineItems, readFields, readLineItems } from '../../src/input/items';
import { parseNumber } from '../../src/input/numbers';
import { parseEventName } from '../../src/input/properties';
import { MESSAGE_LIMIT } from '../../src/wording';

const FIELD = 'Events';

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('readLineItems', () => {
  it.each([undefined, null, ''])('%j is no items', (value) => {
    expect(readLineItems(FIELD, value)).toEqual({ items: [], skipped: [] });
  });

  it('numbers the items from 1, as the user sees them', () => {
    expect(readLineItems(FIELD, [{ name: 'A' }, { name: 'B' }])).toEqual({
      items: [
        { item: 1, values: { name: 'A' } },
        { item: 2, values: { name: 'B' } },
      ],
      skipped: [],
    });
  });

  it('takes a single object as a list of one', () => {
    expect(readLineItems(FIELD, { name: 'A' })).toEqual({
      items: [{ item: 1, values: { name: 'A' } }],
      skipped: [],
    });
  });

  it('skips items with nothing in them, keeping the numbers of the others', () => {
    const list = [
      { name: 'A' },
      { name: '', amount: null, tags: [], more: {}, note: '  ', gone: undefined },
      null,
      { name: 'B' },
      undefined,
      '   ',
      [],
      {},
      { name: 'C' },
    ];
    expect(readLineItems(FIELD, list)).toEqual({
      items: [
        { item: 1, values: { name: 'A' } },
        { item: 4, values: { name: 'B' } },
        { item: 9, values: { name: 'C' } },
      ],
      skipped: [2, 3, 5, 6, 7, 8],
    });
  });

  it.each<[string, unknown]>([
    ['zero', { amount: 0 }],
    ['false', { paid: false }],
    ['a list with something in it', { tags: ['a'] }],
    ['an object with something in it', { more: { a: 1 } }],
    ['text', { name: 'x' }],
  ])('keeps an item whose only value is %s', (_what, values) => {
    expect(readLineItems(FIELD, [values])).toEqual({ items: [{ item: 1, values }], skipped: [] });
  });

  it.each(['Deal Won', 42, true])('refuses %j, which is not a list of line items', (value) => {
    expect(thrown(() => readLineItems(FIELD, value))).toEqual(
      new InputError(
        FIELD,
        'this must be a list of line items; map a line-item field from an earlier step into its fields.',
      ),
    );
  });

  it('refuses an entry that is not a line item, naming its number', () => {
    expect(thrown(() => readLineItems(FIELD, [{ name: 'A' }, 'Deal Won']))).toEqual(
      new InputError(FIELD, 'item 2 is not a line item with fields (got ""Deal Won"").'),
    );
    expect(thrown(() => readLineItems(FIELD, [7]))).toEqual(
      new InputError(FIELD, 'item 1 is not a line item with fields (got "7").'),
    );
    expect((thrown(() => readLineItems(FIELD, [['a', 'b']])) as Error).message).toBe(
      'Events: item 1 is not a line item with fields (got "["a","b"]").',
    );
  });
});

describe('readFields', () => {
  it('returns every value, under its reader’s name', () => {
    expect(readFields({ name: () => 'Ada', amount: () => 5, none: () => undefined })).toEqual({
      name: 'Ada',
      amount: 5,
      none: undefined,
    });
  });

  it('runs every reader even after one fails, then reports every problem together', () => {
    const ran: string[] = [];
    const error = thrown(() =>
      readFields({
        name: () => {
          ran.push('name');
          return parseEventName('Event Name', '');
        },
        amount: () => {
          ran.push('amount');
          return parseNumber('Amount', '12,50');
        },
        plan: () => {
          ran.push('plan');
          return 'Gold';
        },
      }),
    );
    expect(ran).toEqual(['name', 'amount', 'plan']);
    expect(error).toBeInstanceOf(InputErrors);
    const errors = (error as InputErrors).errors;
    expect(errors.map((e) => e.field)).toEqual(['Event Name', 'Amount']);
    expect((error as InputErrors).name).toBe('InputErrors');
    expect((error as Error).message).toBe(errors.map((e) => e.message).join('; '));
    expect((error as Error).message).toMatch(
      /^Event Name: fill in the name .*; Amount: "12,50" is not a plain number/,
    );
  });

  it('lets an error that is not a problem with the input through: it is a bug', () => {
    const bug = new TypeError('boom');
    const after = jest.fn();
    expect(
      thrown(() =>
        readFields({
          a: () => {
            throw bug;
          },
          b: after,
        }),
      ),
    ).toBe(bug);
    expect(after).not.toHaveBeenCalled();
  });
});

describe('parseLineItems', () => {
  const parseEvent = (values: Record<string, unknown>) =>
    readFields({
      name: () => parseEventName('Event Name', values.name),
      amount: () => parseNumber('Amount', values.amount),
    });

  it('returns each item’s record with its number', () => {
    const items = [
      { item: 1, values: { name: 'A', amount: '5' } },
      { item: 3, values: { name: 'B' } },
    ];
    expect(parseLineItems(FIELD, items, parseEvent)).toEqual([
      { item: 1, record: { name: 'A', amount: 5 } },
      { item: 3, record: { name: 'B', amount: undefined } },
    ]);
    expect(parseLineItems(FIELD, [], parseEvent)).toEqual([]);
  });

  it('one item with a problem: nothing is sent, and the message says which and what', () => {
    const items = [
      { item: 1, values: { name: 'A' } },
      { item: 2, values: { name: 'B', amount: 'ten' } },
    ];
    expect(thrown(() => parseLineItems(FIELD, items, parseEvent))).toEqual(
      new InputError(
        FIELD,
        '1 of 2 items has a problem (item 2), so nothing was sent. Fix them and try again. Item 2, Amount: ' +
          '"ten" is not a plain number. Write it with a dot for decimals and no currency sign or thousands ' +
          'separators, like 1200.50.',
      ),
    );
  });

  it('several items with problems: every problem of every item, as many as fit', () => {
    const items = [
      { item: 1, values: { name: '', amount: 'x' } },
      { item: 2, values: { name: 'Fine' } },
      { item: 4, values: { name: 'a.b' } },
    ];
    const error = thrown(() => parseLineItems('Rows', items, parseEvent)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe('Rows');
    expect(error.message).toBe(
      'Rows: 2 of 3 items have problems (items 1, 4), so nothing was sent. Fix them and try again. ' +
        'Item 1, Event Name: fill in the name of the event, such as "Deal Won".',
    );
  });

  it('a parser that throws one InputError, not several', () => {
    const items = [{ item: 7, values: {} }];
    const error = thrown(() =>
      parseLineItems(FIELD, items, () => {
        throw new InputError('Price', 'must be a number.');
      }),
    );
    expect(error).toEqual(
      new InputError(
        FIELD,
        '1 of 1 items has a problem (item 7), so nothing was sent. Fix them and try again. Item 7, Price: must be a number.',
      ),
    );
  });

  it('lists the problems item by item, each item’s in its fields’ order', () => {
    const items = [1, 2, 3].map((item) => ({ item, values: { n: item } }));
    const error = thrown(() =>
      parseLineItems(FIELD, items, (values) => {
        if (values.n === 2) return 'fine';
        throw new InputErrors([new InputError('A', 'bad.'), new InputError('B', `bad ${String(values.n)}.`)]);
      }),
    );
    expect(error).toEqual(
      new InputError(
        FIELD,
        '2 of 3 items have problems (items 1, 3), so nothing was sent. Fix them and try again. ' +
          'Item 1, A: bad. Item 1, B: bad 1. Item 3, A: bad. Item 3, B: bad 3.',
      ),
    );
  });

  it('names at most four ranges of bad items, and fits what Zapier shows exactly', () => {
    const items = [1, 2, 3, 5, 7, 9, 11].map((item) => ({ item, values: {} }));
    const error = thrown(() =>
      parseLineItems(FIELD, items, () => {
        throw new InputError('Note', 'x'.repeat(400));
      }),
    ) as Error;
    expect(error.message).toMatch(
      /^Events: 7 of 7 items have problems \(items 1-3, 5, 7, 9 and 1 more\), so nothing was sent\. Fix them and try again\. Item 1, Note: x+…$/,
    );
    expect(error.message).toHaveLength(MESSAGE_LIMIT);
  });

  it('lets an error that is not a problem with the input through', () => {
    const bug = new RangeError('bug');
    expect(
      thrown(() =>
        parseLineItems(FIELD, [{ item: 1, values: {} }], () => {
          throw bug;
        }),
      ),
    ).toBe(bug);
  });
});
