/**
 * "Update Profile Property" itself: its operations. What every single upload shares (the record sent, the output, the
 * refusals of bad input) is run by ./kinds/single-upload.ts; CleverTap's answers by the failure matrix and
 * test/zapier/send.test.ts.
 */
import { appTester, authData, cleverTapWithHeaders } from '../helpers';
import updateProfileProperty, { perform } from '../../src/creates/update_profile_property';
import { describeSingleUpload } from './kinds/single-upload';

const SUCCESS = { status: 'success', processed: 1, unprocessed: [] };

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

const upload = cleverTapWithHeaders;

/** The input every refused case starts from. */
const base = { identity: 'u1', property: 'Interests' };

const counted = { type: 'profile', identity: 'ada@example.com', profileData: { 'Deals Won': { $incr: 10 } } };

describeSingleUpload({
  label: 'Update Profile Property',
  perform,
  input: { identity: 'ada@example.com', property: 'Deals Won', operation: 'increment', amount: '10' },
  record: counted,
  output: { status: 'success', processed: 1, property: 'Deals Won', operation: 'increment', ...counted },
  invalid: [
    [
      'increment without an Amount',
      { ...base, operation: 'increment' },
      'Amount: fill in the number to increment by, such as 1.',
    ],
    [
      'an Amount that is not a number',
      { ...base, operation: 'decrement', amount: 'ten' },
      /^Amount: "ten" is not a plain number/,
    ],
    [
      'add without Values',
      { ...base, operation: 'add' },
      'Values: fill in at least one value to add to the list.',
    ],
    [
      'remove with no values',
      { ...base, operation: 'remove', values: [] },
      'Values: fill in at least one value to remove from the list.',
    ],
    [
      'a value given twice',
      { ...base, operation: 'add', values: ['a', 'a'] },
      'Values: "a" is given twice; the values of a list must be unique.',
    ],
    [
      'more values than a list keeps',
      { ...base, operation: 'add', values: Array.from({ length: 101 }, (_, i) => `v${i}`) },
      'Values: there are 101 values; CleverTap keeps at most 100 in a list.',
    ],
    [
      'add to a single-value standard property',
      { ...base, operation: 'add', property: 'Email', values: ['a@b.c'] },
      /^Property Name: Email is a standard CleverTap property that holds a single value, so "Add to List" cannot/,
    ],
    [
      'a property name with a forbidden character',
      { ...base, operation: 'delete', property: 'Plan.Tier' },
      /^Property Name: the name "Plan\.Tier" contains "\."/,
    ],
    [
      'an unknown operation',
      { ...base, operation: 'square' },
      /^Operation: "square" is not one of the operations/,
    ],
    [
      'no user key',
      { ...base, operation: 'delete', identity: '' },
      /^Identity \/ Object ID: fill in one of them/,
    ],
  ],
});

describe('Update Profile Property: the operations', () => {
  it.each([
    [{ operation: 'decrement', amount: 2.5 }, { $decr: 2.5 }],
    [{ operation: 'add', values: ['Golf', 'Chess'] }, { $add: ['Golf', 'Chess'] }],
    [{ operation: 'remove', values: ['Golf'] }, { $remove: ['Golf'] }],
    [{ operation: 'delete' }, { $delete: 1 }],
  ])('sends %p as the operator %p', async (fields, operator) => {
    const record = { type: 'profile', identity: 'ada@example.com', profileData: { 'My Property': operator } };
    const scope = upload()
      .post('/1/upload', { d: [record] })
      .reply(200, SUCCESS);

    const result = await run({ identity: 'ada@example.com', property: 'My Property', ...fields });

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      status: 'success',
      processed: 1,
      property: 'My Property',
      operation: fields.operation,
      ...record,
    });
  });

  it('works by Object ID', async () => {
    const scope = upload()
      .post('/1/upload', {
        d: [{ type: 'profile', objectId: '-abc', profileData: { Visits: { $incr: 1 } } }],
      })
      .reply(200, SUCCESS);

    await run({ objectId: '-abc', property: 'Visits', operation: 'increment', amount: 1 });

    expect(scope.isDone()).toBe(true);
  });
});

describe('Update Profile Property definition', () => {
  it("is labelled in Zapier's style, with a plain-words operation dropdown", () => {
    expect(updateProfileProperty.definition.key).toBe('update_profile_property');
    expect(updateProfileProperty.definition.display.label).toBe('Update Profile Property');
    expect(updateProfileProperty.definition.display.description).toMatch(/^Updates /);
    const fields = updateProfileProperty.definition.operation.inputFields as {
      key: string;
      required?: boolean;
      list?: boolean;
      choices?: unknown;
    }[];
    expect(fields.map((f) => [f.key, Boolean(f.required)])).toEqual([
      ['property', true],
      ['operation', true],
      ['identity', false],
      ['objectId', false],
      ['amount', false],
      ['values', false],
    ]);
    expect(fields.find((f) => f.key === 'values')?.list).toBe(true);
    expect(fields.find((f) => f.key === 'operation')?.choices).toEqual([
      { value: 'increment', sample: 'increment', label: 'Increment' },
      { value: 'decrement', sample: 'decrement', label: 'Decrement' },
      { value: 'add', sample: 'add', label: 'Add to List' },
      { value: 'remove', sample: 'remove', label: 'Remove from List' },
      { value: 'delete', sample: 'delete', label: 'Delete Property' },
    ]);
  });

  it('has a sample with every output field but Object ID (the sample uses Identity)', () => {
    const keys = (updateProfileProperty.definition.operation.outputFields ?? []).map((f) =>
      'key' in f ? f.key : '',
    );
    expect(keys.filter((k) => !Object.hasOwn(updateProfileProperty.sample, k))).toEqual(['objectId']);
  });
});
