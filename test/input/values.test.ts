import { parseEpochSeconds } from '../../src/input/dates';
import { InputError } from '../../src/input/errors';
import {
  declaredTypeOf,
  declaredValue,
  parseKeyValues,
  parseYesNo,
  rowValue,
  typedValue,
  ValueTyping,
  withDeclaredTypes,
} from '../../src/input/values';

describe('typedValue: what a key/value row becomes', () => {
  it.each<[string, string | number | boolean]>([
    // numbers
    ['42', 42],
    ['-3.5', -3.5],
    ['0', 0],
    ['0.25', 0.25],
    ['1200.50', 1200.5],
    ['-0', 0],
    ['999999999999999', 999999999999999],
    // true / false, any case
    ['true', true],
    ['false', false],
    ['TRUE', true],
    ['False', false],
    // ISO dates and datetimes
    ['2024-05-01', '$D_1714521600'],
    ['2024-05-01T14:30:00Z', '$D_1714573800'],
    ['2024-05-01T14:30:00.000Z', '$D_1714573800'],
    ['2024-05-01T16:30:00+02:00', '$D_1714573800'],
    ['2024-05-01T14:30', '$D_1714573800'],
    ['1815-12-10', '$D_-4861728000'],
    // double quotes keep text, quotes removed
    ['"42"', '42'],
    ['"true"', 'true'],
    ['"2024-05-01"', '2024-05-01'],
    ['""', ''],
    ['\u201C42\u201D', '42'],
    // only looks numeric: stays text
    ['02139', '02139'],
    ['+14155550123', '+14155550123'],
    ['12345678901234567890', '12345678901234567890'],
    ['1234567890123456', '1234567890123456'],
    ['1.23456789012345678', '1.23456789012345678'],
    ['1e5', '1e5'],
    ['1,200', '1,200'],
    ['.5', '.5'],
    ['5.', '5.'],
    ['0x10', '0x10'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    // only looks like a date: stays text
    ['2024', 2024],
    ['2024-02-30', '2024-02-30'],
    ['05/01/2024', '05/01/2024'],
    ['2024-05-01 14:30:00', '2024-05-01 14:30:00'],
    ['1714573800', 1714573800],
    // everything else is text, as given
    ['Gold', 'Gold'],
    ['yes', 'yes'],
    ['"unbalanced', '"unbalanced'],
    [' spaced ', ' spaced '],
  ])('%j -> %j', (text, expected) => {
    expect(typedValue(text)).toBe(expected);
  });

  it('trims around a value before typing it', () => {
    expect(typedValue(' 42 ')).toBe(42);
    expect(typedValue(' true\n')).toBe(true);
  });
});

const TYPED: ValueTyping = { convert: true, declared: new Map() };
const AS_TEXT: ValueTyping = { convert: false, declared: new Map() };

describe('parseKeyValues', () => {
  const FIELD = 'Profile Properties';

  it('types values, trims names and skips empty values', () => {
    expect(
      parseKeyValues(
        FIELD,
        { Plan: 'Gold', ' Score ': '42', Zip: '02139', Empty: '', Blank: '  ', Missing: null },
        TYPED,
      ),
    ).toEqual({ Plan: 'Gold', Score: 42, Zip: '02139' });
  });

  it('sends every value as given when conversion is off', () => {
    expect(
      parseKeyValues(FIELD, { Score: '42', Paid: 'true', Since: '2024-05-01', Q: '"x"' }, AS_TEXT),
    ).toEqual({
      Score: '42',
      Paid: 'true',
      Since: '2024-05-01',
      Q: '"x"',
    });
  });

  it('leaves the keys the caller reads itself as text', () => {
    expect(parseKeyValues(FIELD, { Phone: '4155550123', Score: '42' }, TYPED, (k) => k === 'Phone')).toEqual({
      Phone: '4155550123',
      Score: 42,
    });
  });

  it.each([undefined, null, '', {}])('%j is no properties', (value) => {
    expect(parseKeyValues(FIELD, value, TYPED)).toEqual({});
  });

  it.each<[string, unknown, RegExp]>([
    ['text instead of rows', 'Plan=Gold', /^Profile Properties: fill this in as rows/],
    ['a value without a name', { ' ': 'Gold' }, /^Profile Properties: the value "Gold" has no property name/],
    ['a nested value', { Tags: ['a'] }, /^Profile Properties: the value for "Tags" is a list or object/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => parseKeyValues(FIELD, value, TYPED)).toThrow(InputError);
    expect(() => parseKeyValues(FIELD, value, TYPED)).toThrow(message);
  });

  it('keeps the properties named in Keep as Text as text, whatever they look like, in any case', () => {
    const typing: ValueTyping = {
      convert: true,
      declared: new Map([
        ['zip code', 'text'],
        ['deal id', 'text'],
      ]),
    };
    const zips = ['94107', '02139'].map((zip) =>
      parseKeyValues(FIELD, { 'Zip Code': zip, 'Deal ID': '51', Score: '42' }, typing),
    );
    expect(zips).toEqual([
      { 'Zip Code': '94107', 'Deal ID': '51', Score: 42 },
      { 'Zip Code': '02139', 'Deal ID': '51', Score: 42 },
    ]);
  });
});

describe('parseYesNo', () => {
  it.each<[unknown, boolean | undefined]>([
    [true, true],
    [false, false],
    ['true', true],
    ['False', false],
    ['yes', true],
    ['no', false],
    ['Y', true],
    ['n', false],
    ['1', true],
    ['0', false],
    ['on', true],
    ['off', false],
    ['ON', true],
    [' Off ', false],
    ['YES', true],
    ['No', false],
    [1, true],
    [0, false],
    ['', undefined],
    ['  ', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(parseYesNo('Email Subscription', value)).toBe(expected);
  });

  it('refuses anything else, naming the field', () => {
    expect(() => parseYesNo('Email Subscription', 'maybe')).toThrow(
      /^Email Subscription: "maybe" is not yes or no/,
    );
    expect(() => parseYesNo('Email Subscription', 'maybe')).toThrow(
      new InputError(
        'Email Subscription',
        '"maybe" is not yes or no: choose Yes or No, or map a value that is yes/no or true/false.',
      ),
    );
  });

  it('quotes a long value shortened, so the message still says what to do', () => {
    let message = '';
    try {
      parseYesNo('Email Subscription', `maybe ${'later '.repeat(100)}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Email Subscription: "maybe later .*…" is not yes or no: choose Yes or No/);
    expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('parseEpochSeconds: what an unreadable date says (the dates typed values and date fields share)', () => {
  it('names the field, quotes the value and lists what is read', () => {
    expect(() => parseEpochSeconds('Creation Date', '31/13/2024')).toThrow(
      new InputError(
        'Creation Date',
        '"31/13/2024" is not a date the app can read. Use 2024-05-01T14:30:00Z (no offset: UTC), 2024-05-01, ' +
          'or Unix seconds or milliseconds.',
      ),
    );
  });

  it('shortens a long value so that what to do still fits in what Zapier shows', () => {
    let message = '';
    try {
      parseEpochSeconds('Creation Date', `sometime ${'next week '.repeat(50)}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Creation Date: "sometime next week .*…" is not a date the app can read\. Use /);
    expect(message).toMatch(/Unix seconds or milliseconds\.$/);
    expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('typedValue: the edges of numbers, dates and quotes', () => {
  it.each<[string, string | number]>([
    // 15 significant digits are kept exactly, whatever the dot and the leading zeros
    ['1.23456789012345', 1.23456789012345],
    ['-12345678901234.5', -12345678901234.5],
    ['0.000123456789012345', 0.000123456789012345],
    ['1.234567890123456', '1.234567890123456'],
    // offsets with or without minutes and colon
    ['2024-05-01T16:30:00+02', '$D_1714573800'],
    ['2024-05-01T16:30:00+0200', '$D_1714573800'],
    ['2024-05-01T12:30:00-02:00', '$D_1714573800'],
    ['2024-05-01t14:30:00z', '$D_1714573800'],
    // a date only when the whole text is one
    ['+002024-05-01', '+002024-05-01'],
    ['on 2024-05-01', 'on 2024-05-01'],
    ['2024-05-01 or later', '2024-05-01 or later'],
    // quotes around the whole text only, whatever is inside
    ['say "hi"', 'say "hi"'],
    ['"hi" there', '"hi" there'],
    ['" a b "', ' a b '],
    ['"line\none"', 'line\none'],
    ['\u201C a b \u201D', ' a b '],
    ['\u201Ca\u201D b', '\u201Ca\u201D b'],
  ])('%j -> %j', (text, expected) => {
    expect(typedValue(text)).toBe(expected);
  });
});

describe('declaredTypeOf: which rows have a declared type', () => {
  const typing: ValueTyping = { convert: true, declared: new Map([['zip code', 'text']]) };

  it('finds a declared name in any case and spacing, and nothing for the others', () => {
    expect(declaredTypeOf(typing, 'Zip Code')).toBe('text');
    expect(declaredTypeOf(typing, '  ZIP CODE ')).toBe('text');
    expect(declaredTypeOf(typing, 'Score')).toBeUndefined();
  });
});

describe('declaredValue: a value read as the type the user declared', () => {
  const F = 'Event Properties';

  it.each<[string, Parameters<typeof declaredValue>[2], Parameters<typeof declaredValue>[3], unknown]>([
    ["HubSpot's epoch milliseconds as a date", '1726140966102', 'date', '$D_1726140966'],
    ['epoch seconds as a date', '1726140966', 'date', '$D_1726140966'],
    ['an epoch number Zapier handed over as a date', 1726140966102, 'date', '$D_1726140966'],
    ['an ISO date as a date', '2024-05-01', 'date', '$D_1714521600'],
    ['an ISO date and time with an offset', '2024-05-01T16:30:00+02:00', 'date', '$D_1714573800'],
    ['a date before 1970', '1815-12-10', 'date', '$D_-4861728000'],
    ['a CleverTap date as it is', ' $D_1714521600 ', 'date', '$D_1714521600'],
    ['a plain number', '1500.00', 'number', 1500],
    ['a number Zapier handed over', 12, 'number', 12],
    ['a number with a leading zero (declared, so meant)', '02139', 'number', 2139],
    ['yes as true', 'yes', 'yesNo', true],
    ['0 as false', '0', 'yesNo', false],
    ['true as true', true, 'yesNo', true],
    ['a number as text', 94107, 'text', '94107'],
    ['text as it is, spaces kept', ' 02139 ', 'text', ' 02139 '],
  ])('%s', (_name, value, type, expected) => {
    expect(declaredValue(F, 'P', value, type)).toEqual(expected);
  });

  it.each<[string, Parameters<typeof declaredValue>[3], RegExp]>([
    [
      '1,500.00',
      'number',
      /^Event Properties > Amount: "1,500\.00" is not a plain number\. Write it with a dot/,
    ],
    ['$12', 'number', /^Event Properties > Amount: "\$12" is not a plain number/],
    [
      'next week',
      'date',
      /^Event Properties > Amount: "next week" is not a date the app can read\. Use 2024-05-01/,
    ],
    ['maybe', 'yesNo', /^Event Properties > Amount: "maybe" is not yes or no/],
  ])('%j as %s stops the step naming the field and the property', (value, type, message) => {
    expect(() => declaredValue(F, 'Amount', value, type)).toThrow(InputError);
    expect(() => declaredValue(F, 'Amount', value, type)).toThrow(message);
  });

  it('keeps the message within 250 characters for the longest property name', () => {
    let message = '';
    try {
      declaredValue('Other Purchase Properties', 'x'.repeat(120), 'y'.repeat(512), 'date');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Other Purchase Properties > x+…: "y+…" is not a date/);
    expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('rowValue: a declaration first, then Convert Value Types', () => {
  const typing: ValueTyping = {
    convert: true,
    declared: new Map([
      ['last modified', 'date'],
      ['amount', 'number'],
      ['zip', 'text'],
    ]),
  };

  it('applies the declared type, and the value decides for the others', () => {
    expect(rowValue('R', 'Last Modified', '1726140966102', typing)).toBe('$D_1726140966');
    expect(rowValue('R', 'Amount', '1500.00', typing)).toBe(1500);
    expect(rowValue('R', 'Zip', '94107', typing)).toBe('94107');
    expect(rowValue('R', 'Score', '42', typing)).toBe(42);
    expect(rowValue('R', 'Other', '1726140966102', typing)).toBe(1726140966102);
  });

  it('applies declarations with Convert Value Types off, and sends the others as given', () => {
    const off = { ...typing, convert: false };
    expect(rowValue('R', 'Last Modified', '2024-05-01', off)).toBe('$D_1714521600');
    expect(rowValue('R', 'Score', '42', off)).toBe('42');
  });

  it("refuses a declared number's formatted value that would otherwise be stored as text", () => {
    expect(rowValue('R', 'Deal Amount', '1,500.00', typing)).toBe('1,500.00');
    expect(() => rowValue('R', 'amount', '1,500.00', typing)).toThrow(
      /^R > amount: "1,500\.00" is not a plain number/,
    );
  });
});

describe('withDeclaredTypes: JSON properties', () => {
  const typing: ValueTyping = {
    convert: true,
    declared: new Map([
      ['closed', 'date'],
      ['amount', 'number'],
      ['zip', 'text'],
      ['vip', 'yesNo'],
    ]),
  };

  it('applies declared types to single values; lists, operators, empty text and the rest as written', () => {
    expect(
      withDeclaredTypes(
        'Event Properties (JSON)',
        {
          Closed: 1726140966102,
          Amount: '1500',
          Zip: 2139,
          VIP: 'no',
          Tags: ['a'],
          amount2: '7',
          Other: '2024-05-01',
        },
        typing,
      ),
    ).toEqual({
      Closed: '$D_1726140966',
      Amount: 1500,
      Zip: '2139',
      VIP: false,
      Tags: ['a'],
      amount2: '7',
      Other: '2024-05-01',
    });
    expect(withDeclaredTypes('J', { Amount: { $incr: 1 }, Zip: '' }, typing)).toEqual({
      Amount: { $incr: 1 },
      Zip: '',
    });
  });

  it('stops on a single value that is not of its declared type, naming the JSON field and the property', () => {
    expect(() => withDeclaredTypes('Event Properties (JSON)', { Amount: '1,500.00' }, typing)).toThrow(
      /^Event Properties \(JSON\) > Amount: "1,500\.00" is not a plain number/,
    );
  });

  it('returns the same object when nothing is declared', () => {
    const properties = { A: '1' };
    expect(withDeclaredTypes('J', properties, TYPED)).toBe(properties);
  });
});

describe('parseKeyValues: values that arrive typed', () => {
  it('keeps numbers and true/false that Zapier handed over as they are, and skips undefined', () => {
    expect(
      parseKeyValues(
        'Profile Properties',
        { Big: 1e21, Small: 2.5e-7, Paid: false, Count: 5, Gone: undefined },
        TYPED,
      ),
    ).toStrictEqual({ Big: 1e21, Small: 2.5e-7, Paid: false, Count: 5 });
  });
});
