import { parseProfileQuery } from '../../src/fields/lookup';

describe('parseProfileQuery', () => {
  it('takes exactly one of Identity, Email and Object ID, trimmed', () => {
    expect(parseProfileQuery({ identity: ' 42 ' })).toEqual({ identity: '42' });
    expect(parseProfileQuery({ email: 'ada+zap@example.com', identity: '', objectId: '  ' })).toEqual({
      email: 'ada+zap@example.com',
    });
    expect(parseProfileQuery({ objectId: '-2ce3cca260664f70b82b1c6bb505f462' })).toEqual({
      objectId: '-2ce3cca260664f70b82b1c6bb505f462',
    });
    expect(parseProfileQuery({ identity: 12345 })).toEqual({ identity: '12345' });
  });

  it('asks for one when none is given', () => {
    expect(() => parseProfileQuery({})).toThrow(
      /^Identity \/ Email \/ Object ID: fill in one of them so CleverTap knows which user to find/,
    );
  });

  it('names the fields filled in when more than one is given', () => {
    expect(() => parseProfileQuery({ identity: 'a', email: 'a@b.c' })).toThrow(
      'Identity / Email: fill in only one of them: CleverTap looks a user up by one key at a time.',
    );
    expect(() => parseProfileQuery({ identity: 'a', email: 'a@b.c', objectId: '-x' })).toThrow(
      /^Identity \/ Email \/ Object ID: fill in only one/,
    );
  });

  it('refuses an email without @ and an Object ID with spaces', () => {
    expect(() => parseProfileQuery({ email: 'ada at example' })).toThrow(
      'Email: "ada at example" is not an email address.',
    );
    expect(() => parseProfileQuery({ objectId: '-2ce3 cca' })).toThrow(
      /^Object ID: "-2ce3 cca" contains spaces/,
    );
  });
});

describe('lookup values CleverTap could not hold', () => {
  it('refuses a value over 512 bytes before building a long URL', () => {
    expect(() => parseProfileQuery({ identity: '😀'.repeat(129) })).toThrow(
      /^Identity: this value is over 512 bytes/,
    );
    expect(parseProfileQuery({ identity: 'a'.repeat(512) })).toEqual({ identity: 'a'.repeat(512) });
  });
});
