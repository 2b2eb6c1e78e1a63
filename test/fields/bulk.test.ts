import { onRefusedField } from '../../src/fields/bulk';

const parseOnRefused = onRefusedField.read;

describe('If CleverTap Refuses Items', () => {
  it('is stop when empty, and reads the two choices', () => {
    expect(parseOnRefused(undefined)).toBe('stop');
    expect(parseOnRefused('')).toBe('stop');
    expect(parseOnRefused('stop')).toBe('stop');
    expect(parseOnRefused(' Continue ')).toBe('continue');
  });

  it('refuses anything else, naming the field', () => {
    expect(() => parseOnRefused('yes')).toThrow(
      /^If CleverTap Refuses Items: "yes" is not one of the choices/,
    );
  });
});
