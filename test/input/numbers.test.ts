import { InputError } from '../../src/input/errors';
import { parseNumber } from '../../src/input/numbers';

describe('parseNumber', () => {
  it.each([
    [12, 12],
    [-3.5, -3.5],
    ['12.50', 12.5],
    [' 1200 ', 1200],
    ['-0.25', -0.25],
    ['.5', 0.5],
    ['+7', 7],
    ['1e3', 1000],
  ])('reads %p as %p', (value, expected) => {
    expect(parseNumber('Amount', value)).toBe(expected);
  });

  it.each([undefined, null, '', '   '])('reads %p as no value', (value) => {
    expect(parseNumber('Amount', value)).toBeUndefined();
  });

  it('refuses a decimal comma and says why', () => {
    expect(() => parseNumber('Items, item 2, Price', '12,50')).toThrow(
      new InputError(
        'Items, item 2, Price',
        '"12,50" is not a plain number (a comma is not a decimal separator here). Write it with a dot for ' +
          'decimals and no currency sign or thousands separators, like 1200.50.',
      ),
    );
  });

  it.each(['$12', '1,200.00', '1 200', 'twelve', '12.5.1', 'Infinity', '0x10', '$1,200.50', '1.200,50'])(
    'refuses %p',
    (value) => {
      expect(() => parseNumber('Amount', value)).toThrow(/^Amount: ".*" is not a plain number/);
    },
  );

  it('refuses non-finite numbers and numbers too large for a double', () => {
    expect(() => parseNumber('Amount', Number.NaN)).toThrow('Amount: NaN is not a finite number.');
    expect(() => parseNumber('Amount', '1e999')).toThrow('Amount: "1e999" is too large a number.');
  });
});

describe('parseNumber: plain decimals only', () => {
  it.each([
    ['.25', 0.25],
    ['-.5', -0.5],
    ['5.', 5],
    ['1e-3', 0.001],
    ['1E+2', 100],
    ['2.5e2', 250],
    ['9007199254740991', 9007199254740991],
    ['0', 0],
  ])('reads %p as %p', (value, expected) => {
    expect(parseNumber('Amount', value)).toBe(expected);
  });

  it('hints at the decimal comma only for a number written with one', () => {
    for (const value of ['-12,50', '+3,5'])
      expect(() => parseNumber('Amount', value)).toThrow(
        /is not a plain number \(a comma is not a decimal separator here\)\. /,
      );
    for (const value of ['$12,50', '12,50 EUR', '1,200.00', '12,5,0'])
      expect(() => parseNumber('Amount', value)).toThrow(
        new InputError(
          'Amount',
          `"${value}" is not a plain number. Write it with a dot for decimals and no currency sign or thousands ` +
            'separators, like 1200.50.',
        ),
      );
  });

  it('refuses whole numbers too long to be sent exactly, and keeps long decimals', () => {
    expect(() => parseNumber('Deal ID', '12345678901234567890')).toThrow(
      new InputError(
        'Deal ID',
        '"12345678901234567890" has too many digits to be sent exactly; CleverTap would store another number.',
      ),
    );
    expect(() => parseNumber('Deal ID', '9007199254740993')).toThrow(/has too many digits/);
    expect(parseNumber('Rate', '0.1234567890123456789')).toBeCloseTo(0.123456789012, 12);
  });

  it('refuses infinite numbers handed over as numbers', () => {
    expect(() => parseNumber('Amount', Number.NEGATIVE_INFINITY)).toThrow(
      'Amount: -Infinity is not a finite number.',
    );
  });
});
