import { parseValueTyping } from '../../src/fields/values';

describe('parseValueTyping', () => {
  it('converts unless Convert Value Types is no; Keep as Text takes a list or one mapped name', () => {
    expect(parseValueTyping({})).toEqual({ convert: true, keepAsText: new Set() });
    expect(parseValueTyping({ convertValueTypes: 'no', keepAsText: 'Zip' })).toEqual({
      convert: false,
      keepAsText: new Set(['zip']),
    });
    expect(parseValueTyping({ convertValueTypes: 'yes', keepAsText: ['A', '', 'b'] }).keepAsText).toEqual(
      new Set(['a', 'b']),
    );
  });

  it('refuses a Convert Value Types that is not yes or no, naming the field', () => {
    expect(() => parseValueTyping({ convertValueTypes: 'maybe' })).toThrow(
      /^Convert Value Types: "maybe" is not yes or no/,
    );
  });
});
