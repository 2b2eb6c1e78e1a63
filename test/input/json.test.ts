import { InputError } from '../../src/input/errors';
import { parseJsonObject } from '../../src/input/json';

const FIELD = 'Profile Properties (JSON)';

describe('parseJsonObject: what people type in the Zap editor', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['strict JSON', '{"Plan": "Gold", "Score": 42, "Paid": true}', { Plan: 'Gold', Score: 42, Paid: true }],
    ['a trailing comma', '{"Plan": "Gold", "Score": 42,}', { Plan: 'Gold', Score: 42 }],
    ['a trailing comma in a list', '{"Tags": ["a", "b",]}', { Tags: ['a', 'b'] }],
    ['curly double quotes', '{\u201CPlan\u201D: \u201CGold\u201D}', { Plan: 'Gold' }],
    ['curly single quotes', '{\u2018Plan\u2019: \u2018Gold\u2019}', { Plan: 'Gold' }],
    ['single quotes', "{'Plan': 'Gold'}", { Plan: 'Gold' }],
    ['unquoted names and a comment', '{Plan: "Gold", // tier\n Score: 1}', { Plan: 'Gold', Score: 1 }],
    [
      'curly quotes inside valid JSON are kept',
      '{"Note": "She said \u201Chi\u201D"}',
      { Note: 'She said \u201Chi\u201D' },
    ],
    ['a 15-digit number', '{"Id": 123456789012345}', { Id: 123456789012345 }],
    ['a long number in quotes', '{"Id": "12345678901234567890"}', { Id: '12345678901234567890' }],
    ['a negative exponent', '{"Rate": 1.5e-3}', { Rate: 0.0015 }],
    ['whitespace only', '  \n ', {}],
  ])('accepts %s', (_name, text, expected) => {
    expect(parseJsonObject(FIELD, text)).toEqual(expected);
  });

  it.each([undefined, null, ''])('%j is no properties', (value) => {
    expect(parseJsonObject(FIELD, value)).toEqual({});
  });

  it('takes an already-parsed object as it is', () => {
    expect(parseJsonObject(FIELD, { Plan: 'Gold' })).toEqual({ Plan: 'Gold' });
  });

  it('keeps a "__proto__" name as a plain property', () => {
    const parsed = parseJsonObject(FIELD, '{"__proto__": "x"}');
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(['__proto__']);
  });

  it.each<[string, string, RegExp]>([
    [
      'a mapped value with a quote',
      '{"Name": "Ada "The Countess""}',
      /^Profile Properties \(JSON\): this is not valid JSON at line 1, column 16 \(near `.*`\)\. Often a mapped value has a double quote or a line break: put \\ before such quotes, or map the value into a row\.$/,
    ],
    [
      'a missing comma on line 3',
      '{\n  "a": 1,\n  "b": 2\n  "c": 3\n}',
      /this is not valid JSON at line 4, column 3 /,
    ],
    ['unfinished text', '{"a": 1', /this is not valid JSON at line 1, column 8 /],
    ['a list', '[1, 2]', /this must be a JSON object .*got a list/],
    ['a single value', '42', /this must be a JSON object .*got the single value 42\.$/],
    ['NaN', '{"Score": NaN}', /the value of "Score" is not a finite number/],
    ['Infinity', '{"Score": -Infinity}', /the value of "Score" is not a finite number/],
    [
      'a 20-digit id without quotes',
      '{"Deal ID": 12345678901234567890}',
      /^Profile Properties \(JSON\): the number for "Deal ID" has too many digits to be stored exactly; put it in double quotes/,
    ],
    [
      'a long number in a list',
      '{"Ids": [1, 98765432109876543210]}',
      /the number for "Ids"\[2\] has too many digits/,
    ],
    [
      'a long number in an operator',
      '{"Visits": {"$incr": 1e300}}',
      /the number for "Visits" > "\$incr" has too many digits/,
    ],
  ])('refuses %s with a message naming the field', (_name, text, message) => {
    expect(() => parseJsonObject(FIELD, text)).toThrow(InputError);
    expect(() => parseJsonObject(FIELD, text)).toThrow(message);
  });

  it('keeps the message within what Zapier shows when the broken text is long, saying where it breaks', () => {
    const text = `{"Notes": "${'a long mapped note '.repeat(40)}" "Plan": "Gold"}`;
    let message = '';
    try {
      parseJsonObject(FIELD, text);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /^Profile Properties \(JSON\): this is not valid JSON at line 1, column \d+ \(near `/,
    );
    expect(message).toContain('put \\ before such quotes');
    expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('parseJsonObject: where broken text broke', () => {
  it.each<[string, string]>([
    ['{\n  "a": 1,\n  "b": 2\n  "c": 3\n}', 'line 4, column 3 (near ` "b": 2 "c": 3 }`)'],
    ['{"a": 1,\n\n "b" 2}', 'line 3, column 6 (near `": 1, "b" 2}`)'],
    ['{\n\t"a":\t1\t\t"b": 2}', 'line 2, column 10 (near `{ "a": 1 "b": 2}`)'],
    ['x', 'line 1, column 1 (near `x`)'],
  ])('%j: %s, on one line', (text, at) => {
    expect(() => parseJsonObject(FIELD, text)).toThrow(
      new InputError(
        FIELD,
        `this is not valid JSON at ${at}. Often a mapped value has a double quote or a line break: put \\ before ` +
          'such quotes, or map the value into a row.',
      ),
    );
  });

  it('reports where the text as typed broke, not where its straightened copy did', () => {
    expect(() => parseJsonObject(FIELD, '{\u201CPlan\u201D: Gold}')).toThrow(/at line 1, column 2 /);
  });
});

describe('parseJsonObject: values', () => {
  it('keeps null and nested values', () => {
    expect(parseJsonObject(FIELD, '{"Gone": null, "Tags": ["a", null], "Op": {"$incr": 1}}')).toEqual({
      Gone: null,
      Tags: ['a', null],
      Op: { $incr: 1 },
    });
  });

  it('finds a number it cannot keep exactly after good ones, at any depth', () => {
    expect(() => parseJsonObject(FIELD, '{"a": 1, "b": {"c": [1, {"d": NaN}]}}')).toThrow(
      new InputError(
        FIELD,
        'the value of "b" > "c"[2] > "d" is not a finite number; write a number such as 42.',
      ),
    );
    expect(() => parseJsonObject(FIELD, '{"a": "x", "b": 12345678901234567890}')).toThrow(
      /the number for "b" has too many digits/,
    );
  });

  it.each<[string, string]>([
    ['null', 'the single value null'],
    ['"Gold"', 'the single value "Gold"'],
    ['true', 'the single value true'],
    ['[{"a": 1}]', 'a list'],
  ])('refuses %s, which is not an object', (text, got) => {
    expect(() => parseJsonObject(FIELD, text)).toThrow(
      new InputError(
        FIELD,
        `this must be a JSON object of property names and values, like {"Plan": "Gold", "Score": 42}; got ${got}.`,
      ),
    );
  });

  it('takes a list handed over as it is for a list, not for properties', () => {
    expect(() => parseJsonObject(FIELD, ['a'])).toThrow(
      /^Profile Properties \(JSON\): expected a single value here/,
    );
  });
});
