import { parseCurrency } from '../../src/input/currency';

describe('parseCurrency', () => {
  it.each([
    ['USD', 'USD'],
    ['usd', 'USD'],
    [' eur ', 'EUR'],
    ['Inr', 'INR'],
    ['ZWG', 'ZWG'],
    ['aed', 'AED'],
  ])('reads %j as the ISO 4217 code %s', (given, code) => {
    expect(parseCurrency('Currency', given)).toBe(code);
  });

  it('is undefined when empty', () => {
    expect(parseCurrency('Currency', '')).toBeUndefined();
    expect(parseCurrency('Currency', '  ')).toBeUndefined();
    expect(parseCurrency('Currency', undefined)).toBeUndefined();
    expect(parseCurrency('Currency', null)).toBeUndefined();
  });

  it.each(['dollars', '$', 'US$', 'USDT', 'US', 'XYZ', 'XTS', 'BTC', '840', 'U S D'])(
    'refuses %j naming the field, with the fix, within 250 characters',
    (given) => {
      let message = '';
      try {
        parseCurrency('Currency', given);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(
        /^Currency: ".*" is not an ISO 4217 currency code\. Use the three-letter code, like USD/,
      );
      expect(message.length).toBeLessThanOrEqual(250);
    },
  );
});
