import nock from 'nock';
import { listOf, textOf } from '../../src/input/text';
import { InputError } from '../../src/input/errors';
import { perform } from '../../src/creates/upload_event';
import { appTester, authData, EU_HOST, messageOf } from '../helpers';

describe('textOf', () => {
  it.each([
    [undefined, ''],
    [null, ''],
    ['  ada@example.com \n', 'ada@example.com'],
    [42, '42'],
    [false, 'false'],
    [true, 'true'],
    [0, '0'],
    [BigInt('12345678901234567890'), '12345678901234567890'],
  ])('reads %p as %j', (value, expected) => {
    expect(textOf('Identity', value)).toBe(expected);
  });

  it.each([[['a', 'b']], [{ email: 'a' }], [{ toString: null }], [Object.create(null)]])(
    'refuses %j by the field name, without a TypeError',
    (value) => {
      expect(() => textOf('Identity', value)).toThrow(InputError);
      expect(() => textOf('Identity', value)).toThrow(/^Identity: expected a single value here/);
    },
  );

  it('keeps an object in a text field from crashing a step or being sent', async () => {
    const scope = nock(EU_HOST).post('/1/upload').reply(200, { status: 'success', processed: 1 });
    const error = await appTester(perform, {
      authData,
      inputData: { evtName: 'Deal Won', identity: { toString: null } as unknown as string },
    }).catch((e: unknown) => e);
    expect((error as Error).name).toBe('AppError');
    expect(messageOf(error)).toMatch(/^Identity: expected a single value here but got a group of values/);
    expect(scope.isDone()).toBe(false);
  });
});

describe('textOf: the message for a group or a list', () => {
  it('says what it got and what to map instead', () => {
    expect(() => textOf('Identity', ['a'])).toThrow(
      new InputError(
        'Identity',
        'expected a single value here but got a list; map one value into this field, not a whole group or list.',
      ),
    );
    expect(() => textOf('Identity', { a: 1 })).toThrow(
      new InputError(
        'Identity',
        'expected a single value here but got a group of values; map one value into this field, not a whole ' +
          'group or list.',
      ),
    );
  });
});

describe('listOf', () => {
  it('takes a list or a single value, trims and drops blanks, keeps numbers as text', () => {
    expect(listOf('Values', [' a ', '', 3, null])).toEqual(['a', '3']);
    expect(listOf('Values', 'only')).toEqual(['only']);
    expect(listOf('Values', undefined)).toEqual([]);
    expect(listOf('Values', null)).toEqual([]);
    expect(listOf('Values', '   ')).toEqual([]);
    expect(listOf('Values', [false, 0])).toEqual(['false', '0']);
  });

  it('refuses an entry that is a list or a group, naming the field and the entry', () => {
    expect(() => listOf('Values', ['a', { b: 1 }])).toThrow(
      'Values: entry 2 is a list or a group of values; give one text per entry.',
    );
  });
});
