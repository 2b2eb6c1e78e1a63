/** Creation Date: the one date field of every action, read by the app from the text given, never by Zapier. */
import { creationDateField, DATE_FORMATS } from '../../src/fields/dates';
import { InputError } from '../../src/input/errors';

const field = creationDateField('When the event happened.');

describe('creationDateField', () => {
  it('is a text field named ts, its help text led by what "when" means for the action', () => {
    expect(field.input).toEqual({
      key: 'ts',
      label: 'Creation Date',
      type: 'string',
      required: false,
      helpText: `When the event happened. ${DATE_FORMATS} Leave empty for now.`,
    });
    expect(creationDateField('When each profile was created.').input.helpText).toMatch(
      /^When each profile was created\. A date and time with its offset/,
    );
  });

  it('reads the formats its help text names as epoch seconds', () => {
    expect(field.read('2024-05-01T14:30:00Z')).toBe(1714573800);
    expect(field.read('2024-05-01T16:30:00+02:00')).toBe(1714573800);
    expect(field.read('2024-05-01T14:30:00')).toBe(1714573800);
    expect(field.read('2024-05-01')).toBe(1714521600);
    expect(field.read('1714573800')).toBe(1714573800);
    expect(field.read('1714573800000')).toBe(1714573800);
    expect(field.read(1714573800000)).toBe(1714573800);
  });

  it('is empty (CleverTap uses the time it receives the record) for an empty or unmapped value', () => {
    expect(field.read('')).toBeUndefined();
    expect(field.read('  ')).toBeUndefined();
    expect(field.read(undefined)).toBeUndefined();
    expect(field.read(null)).toBeUndefined();
  });

  it('refuses what it cannot read, and dates CleverTap refuses, naming the field', () => {
    expect(() => field.read('next tuesday')).toThrow(InputError);
    expect(() => field.read('next tuesday')).toThrow(/^Creation Date: "next tuesday" is not a date/);
    expect(() => field.read('0')).toThrow(/^Creation Date: "0" is not after 1 January 1970/);
    expect(() => field.read('1960-01-01')).toThrow(
      /^Creation Date: "1960-01-01" is not after 1 January 1970/,
    );
    expect(() => field.read(['2024-05-01'])).toThrow(/^Creation Date: expected a single value/);
  });
});
