import {
  isProfileOperation,
  listValuesProblem,
  operatorValue,
  PROFILE_OPERATIONS,
  profileKeyProblem,
  propertyUpdateRecord,
  singleValueStandardKey,
} from '../../src/clevertap/operations';

describe('profile property operations', () => {
  it('tells an operation from other text, own keys only', () => {
    expect(isProfileOperation('add')).toBe(true);
    expect(isProfileOperation('Add')).toBe(false);
    expect(isProfileOperation('toString')).toBe(false);
    expect(isProfileOperation(['add'])).toBe(false);
    expect(isProfileOperation(undefined)).toBe(false);
  });

  it('maps each operation to its CleverTap operator', () => {
    expect(operatorValue({ operation: 'increment', amount: 5 })).toEqual({ $incr: 5 });
    expect(operatorValue({ operation: 'decrement', amount: 2.5 })).toEqual({ $decr: 2.5 });
    expect(operatorValue({ operation: 'add', values: ['a', 'b'] })).toEqual({ $add: ['a', 'b'] });
    expect(operatorValue({ operation: 'remove', values: ['a'] })).toEqual({ $remove: ['a'] });
    expect(operatorValue({ operation: 'delete' })).toEqual({ $delete: 1 });
  });

  it('builds a profile record with only the operated property', () => {
    expect(propertyUpdateRecord({ identity: 'u1' }, 'Points', { operation: 'increment', amount: 1 })).toEqual(
      {
        type: 'profile',
        identity: 'u1',
        profileData: { Points: { $incr: 1 } },
      },
    );
  });

  it('only counters are unsafe to replay', () => {
    expect(PROFILE_OPERATIONS.increment.replay).toBe('stores_twice');
    expect(PROFILE_OPERATIONS.decrement.replay).toBe('stores_twice');
    expect(PROFILE_OPERATIONS.add.replay).toBe('safe');
    expect(PROFILE_OPERATIONS.remove.replay).toBe('safe');
    expect(PROFILE_OPERATIONS.delete.replay).toBe('safe');
  });

  it('checks property names with the profile key rules', () => {
    expect(profileKeyProblem('Loyalty Points')).toBeUndefined();
    expect(profileKeyProblem(' ')).toBe('is empty');
    expect(profileKeyProblem('Tier#2')).toMatch(/"#"/);
    expect(profileKeyProblem('a.b$c')).toMatch(/"\." "\$"/);
    expect(profileKeyProblem('x'.repeat(121))).toMatch(
      /^is over 120 bytes \(an accented or Asian character counts 2-3\)$/,
    );
    expect(profileKeyProblem('é'.repeat(61))).toMatch(/^is over 120 bytes/);
  });

  it('knows the standard single-value properties, whatever their case', () => {
    for (const key of ['Name', 'Email', 'Phone', 'Gender', 'DOB', 'Age', 'Photo', 'MSG-email', 'Identity'])
      expect(singleValueStandardKey(key)).toBe(key);
    expect(singleValueStandardKey('email')).toBe('Email');
    expect(singleValueStandardKey(' EMAIL ')).toBe('Email');
    expect(singleValueStandardKey('identity')).toBe('Identity');
    expect(singleValueStandardKey('Interests')).toBeUndefined();
  });

  it('checks list values: at most 100, unique, not too long', () => {
    expect(listValuesProblem(['a', 'b'])).toBeUndefined();
    expect(listValuesProblem(Array.from({ length: 100 }, (_, i) => `v${i}`))).toBeUndefined();
    expect(listValuesProblem(Array.from({ length: 101 }, (_, i) => `v${i}`))).toMatch(
      /101 values.*at most 100/,
    );
    expect(listValuesProblem(['a', 'b', 'a'])).toBe(
      '"a" is given twice; the values of a list must be unique',
    );
    expect(listValuesProblem(['a'.repeat(512), 'é'.repeat(256)])).toBeUndefined();
    expect(listValuesProblem(['é'.repeat(257)])).toMatch(
      /^"é{39}…" is over 512 bytes \(an accented or Asian character counts 2-3\), CleverTap's limit$/,
    );
  });
});
