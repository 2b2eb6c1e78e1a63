/** Who a record is about: Identity or Object ID, exactly one, read where the two fields are declared. */
import { identityField, objectIdField, parseUserKey } from '../../src/fields/users';
import { InputError } from '../../src/input/errors';

describe('the Identity and Object ID fields', () => {
  it('are optional text fields, each pointing at the other', () => {
    expect(identityField.input).toMatchObject({
      key: 'identity',
      label: 'Identity',
      type: 'string',
      required: false,
    });
    expect(objectIdField.input).toMatchObject({
      key: 'objectId',
      label: 'Object ID',
      type: 'string',
      required: false,
    });
    expect(identityField.input.helpText).toMatch(/Fill in this or \*\*Object ID\*\*, not both\.$/);
    expect(objectIdField.input.helpText).toMatch(/Fill in this or \*\*Identity\*\*, not both\.$/);
  });

  it('Identity is read as trimmed text; a number mapped into it is text', () => {
    expect(identityField.read(' ada@example.com ')).toBe('ada@example.com');
    expect(identityField.read(51)).toBe('51');
    expect(identityField.read(undefined)).toBe('');
  });

  it('Object ID is read as trimmed text and may not contain spaces', () => {
    expect(objectIdField.read(' -2ce3cca260664f70b82b1c6bb505f462 ')).toBe(
      '-2ce3cca260664f70b82b1c6bb505f462',
    );
    expect(() => objectIdField.read('-2ce3 cca')).toThrow(
      new InputError('Object ID', '"-2ce3 cca" contains spaces; a CleverTap Object ID has none.'),
    );
  });
});

describe('parseUserKey', () => {
  it('takes the one that is filled in', () => {
    expect(parseUserKey({ identity: ' 51 ' })).toEqual({ identity: '51' });
    expect(parseUserKey({ identity: '', objectId: ' __g123 ' })).toEqual({ objectId: '__g123' });
    expect(parseUserKey({ identity: '  ', objectId: '__g123' })).toEqual({ objectId: '__g123' });
    expect(parseUserKey({ identity: 42 })).toEqual({ identity: '42' });
  });

  it('refuses both, naming both fields', () => {
    expect(() => parseUserKey({ identity: 'a', objectId: '-1' })).toThrow(
      /^Identity \/ Object ID: fill in only one of them\. Use Identity for your own user id .*, not both\.$/,
    );
  });

  it('refuses neither, saying what each one is', () => {
    for (const input of [{}, { identity: '', objectId: ' ' }, { identity: null, objectId: undefined }])
      expect(() => parseUserKey(input)).toThrow(
        /^Identity \/ Object ID: fill in one of them so CleverTap knows which user this is: Identity \(your own user id/,
      );
  });

  it("checks the Object ID with its field's own rule", () => {
    expect(() => parseUserKey({ objectId: 'a b' })).toThrow(/^Object ID: "a b" contains spaces/);
  });

  it('refuses a whole group or list mapped into either field, naming it', () => {
    expect(() => parseUserKey({ identity: ['a', 'b'] })).toThrow(
      /^Identity: expected a single value here but got a list/,
    );
    expect(() => parseUserKey({ objectId: { id: 1 } })).toThrow(
      /^Object ID: expected a single value here but got a group of values/,
    );
  });
});
