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
