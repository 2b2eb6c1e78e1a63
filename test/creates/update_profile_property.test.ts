import { appTester, authData, cleverTapWithHeaders, messageOf } from '../helpers';
import updateProfileProperty, { perform, sample } from '../../src/creates/update_profile_property';

const SUCCESS = { status: 'success', processed: 1, unprocessed: [] };

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

const upload = cleverTapWithHeaders;

describe('Update Profile Property', () => {
  it.each([
    [{ operation: 'increment', amount: '10' }, { $incr: 10 }],
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

  it('turns a record CleverTap refuses into an error', async () => {
    upload()
      .post('/1/upload')
      .reply(200, {
        status: 'fail',
        processed: 0,
        unprocessed: [{ status: 'fail', code: 555, error: 'Server error. Skipped record number : 1' }],
      });

    const error = await run({ identity: 'u1', property: 'Visits', operation: 'increment', amount: 1 }).catch(
      (e: unknown) => e,
    );

    expect(messageOf(error)).toBe(
      'CleverTap did not save the data: record 1: CleverTap had a server error while saving it; try again ' +
        '(CleverTap code 555). Try again in a few minutes.',
    );
  });

  it.each([
    [{ operation: 'increment' }, 'Amount: fill in the number to increment by, such as 1.'],
    [{ operation: 'decrement', amount: 'ten' }, /^Amount: "ten" is not a plain number/],
    [{ operation: 'add' }, 'Values: fill in at least one value to add to the list.'],
    [{ operation: 'remove', values: [] }, 'Values: fill in at least one value to remove from the list.'],
    [
      { operation: 'add', values: ['a', 'a'] },
      'Values: "a" is given twice; the values of a list must be unique.',
    ],
    [
      { operation: 'add', values: Array.from({ length: 101 }, (_, i) => `v${i}`) },
      'Values: there are 101 values; CleverTap keeps at most 100 in a list.',
    ],
    [
      { operation: 'add', property: 'Email', values: ['a@b.c'] },
      /^Property Name: Email is a standard CleverTap property that holds a single value, so "Add to List" cannot/,
    ],
    [{ operation: 'delete', property: 'Plan.Tier' }, /^Property Name: the name "Plan\.Tier" contains "\."/],
    [{ operation: 'square' }, /^Operation: "square" is not one of the operations/],
    [{ operation: 'delete', identity: '' }, /^Identity \/ Object ID: fill in one of them/],
  ])('sends nothing and names the field for %p', async (fields, message) => {
    const scope = upload().post('/1/upload').reply(200, SUCCESS);

    const error = await run({ identity: 'u1', property: 'Interests', ...fields }).catch((e: unknown) => e);

    expect(messageOf(error)).toMatch(message);
    expect(scope.isDone()).toBe(false);
  });
});

describe('Update Profile Property definition', () => {
  it("is labelled in Zapier's style, with a plain-words operation dropdown", () => {
    expect(updateProfileProperty.key).toBe('update_profile_property');
    expect(updateProfileProperty.display.label).toBe('Update Profile Property');
    expect(updateProfileProperty.display.description).toMatch(/^Updates /);
    const fields = updateProfileProperty.operation.inputFields as {
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
    const keys = (updateProfileProperty.operation.outputFields ?? []).map((f) => ('key' in f ? f.key : ''));
    expect(keys.filter((k) => !Object.hasOwn(sample, k))).toEqual(['objectId']);
  });
});
