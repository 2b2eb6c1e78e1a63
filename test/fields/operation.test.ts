import { PROFILE_OPERATIONS } from '../../src/clevertap/operations';
import { parsePropertyOperation, OPERATION_CHOICES } from '../../src/fields/operation';

describe('parsePropertyOperation', () => {
  it('reads increment and decrement with a numeric amount', () => {
    expect(
      parsePropertyOperation({ property: ' Loyalty Points ', operation: 'increment', amount: '10' }),
    ).toEqual({
      property: 'Loyalty Points',
      operation: { operation: 'increment', amount: 10 },
    });
    expect(parsePropertyOperation({ property: 'Credits', operation: 'decrement', amount: 2.5 })).toEqual({
      property: 'Credits',
      operation: { operation: 'decrement', amount: 2.5 },
    });
  });

  it('needs an amount for increment and decrement, and a number', () => {
    expect(() => parsePropertyOperation({ property: 'P', operation: 'increment' })).toThrow(
      'Amount: fill in the number to increment by, such as 1.',
    );
    expect(() => parsePropertyOperation({ property: 'P', operation: 'decrement', amount: '' })).toThrow(
      'Amount: fill in the number to decrement by, such as 1.',
    );
    expect(() => parsePropertyOperation({ property: 'P', operation: 'increment', amount: '1,5' })).toThrow(
      /^Amount: "1,5" is not a plain number \(a comma is not a decimal separator here\)/,
    );
  });

  it('reads add and remove with their values, ignoring the amount', () => {
    expect(
      parsePropertyOperation({
        property: 'Interests',
        operation: 'add',
        values: ['Golf', ' Chess '],
        amount: 3,
      }),
    ).toEqual({ property: 'Interests', operation: { operation: 'add', values: ['Golf', 'Chess'] } });
    expect(parsePropertyOperation({ property: 'Interests', operation: 'remove', values: 'Golf' })).toEqual({
      property: 'Interests',
      operation: { operation: 'remove', values: ['Golf'] },
    });
  });

  it('needs values for add and remove', () => {
    expect(() => parsePropertyOperation({ property: 'Interests', operation: 'add', values: [] })).toThrow(
      'Values: fill in at least one value to add to the list.',
    );
    expect(() =>
      parsePropertyOperation({ property: 'Interests', operation: 'remove', values: ['', ' '] }),
    ).toThrow('Values: fill in at least one value to remove from the list.');
  });

  it('refuses duplicate values and more than 100', () => {
    expect(() =>
      parsePropertyOperation({ property: 'I', operation: 'add', values: ['a', 'b', 'a'] }),
    ).toThrow('Values: "a" is given twice; the values of a list must be unique.');
    const values = Array.from({ length: 101 }, (_, i) => `v${i}`);
    expect(() => parsePropertyOperation({ property: 'I', operation: 'add', values })).toThrow(
      'Values: there are 101 values; CleverTap keeps at most 100 in a list.',
    );
  });

  it.each(['Name', 'Email', 'email', 'Phone', 'Gender', 'DOB', 'Identity'])(
    'refuses list operations on the standard property %s',
    (property) => {
      expect(() => parsePropertyOperation({ property, operation: 'add', values: ['x'] })).toThrow(
        new RegExp(
          `^Property Name: \\w+ is a standard CleverTap property that holds a single value, so "Add to List"`,
        ),
      );
    },
  );

  it('reads delete with no operand', () => {
    expect(
      parsePropertyOperation({ property: 'Plan', operation: 'delete', amount: 1, values: ['x'] }),
    ).toEqual({
      property: 'Plan',
      operation: { operation: 'delete' },
    });
  });

  it("applies CleverTap's key rules to the property name", () => {
    expect(() => parsePropertyOperation({ property: 'Tier#2', operation: 'delete' })).toThrow(
      /^Property Name: the name "Tier#2" contains "#" \(not allowed in CleverTap property names\)/,
    );
    expect(() => parsePropertyOperation({ property: 'é'.repeat(61), operation: 'delete' })).toThrow(
      /^Property Name: the name "é+…" is over 120 bytes \(an accented or Asian character counts 2-3\)\. Use the property's name/,
    );
    expect(() => parsePropertyOperation({ property: '', operation: 'delete' })).toThrow(
      'Property Name: fill in the name of the profile property to change, such as "Loyalty Points".',
    );
  });

  it('names the operations when the operation is missing or unknown', () => {
    expect(() => parsePropertyOperation({ property: 'P' })).toThrow(
      'Operation: choose one of Increment (increment), Decrement (decrement), Add to List (add), ' +
        'Remove from List (remove), Delete Property (delete).',
    );
    expect(() => parsePropertyOperation({ property: 'P', operation: 'multiply' })).toThrow(
      /^Operation: "multiply" is not one of the operations/,
    );
  });
});

describe('the operations as the editor names them', () => {
  it('labels the operations in plain words', () => {
    expect(Object.entries(OPERATION_CHOICES)).toEqual([
      ['increment', 'Increment'],
      ['decrement', 'Decrement'],
      ['add', 'Add to List'],
      ['remove', 'Remove from List'],
      ['delete', 'Delete Property'],
    ]);
    expect(Object.keys(OPERATION_CHOICES)).toEqual(Object.keys(PROFILE_OPERATIONS));
  });
});
