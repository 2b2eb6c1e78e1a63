import { Settings } from 'luxon';
import { parseEpochSeconds } from '../../src/input/dates';
import { InputError } from '../../src/input/errors';

const FIELD = 'Creation Date';
const MAY_1 = 1714573800; // 2024-05-01T14:30:00Z

describe('parseEpochSeconds: the date formats', () => {
  it.each<[string, unknown, number]>([
    ['ISO-8601 in UTC', '2024-05-01T14:30:00Z', MAY_1],
    ['ISO-8601 with milliseconds', '2024-05-01T14:30:00.999Z', MAY_1],
    ['ISO-8601 with an offset', '2024-05-01T16:30:00+02:00', MAY_1],
    ['ISO-8601 without an offset, read as UTC', '2024-05-01T14:30:00', MAY_1],
    ['a calendar date, midnight UTC', '2024-05-01', 1714521600],
    ['SQL-style date and time', '2024-05-01 14:30:00', MAY_1],
    ['SQL-style with an offset', '2024-05-01 16:30:00 +02:00', MAY_1],
    ['Unix seconds as text', '1714573800', MAY_1],
    ['Unix milliseconds as text', '1714573800000', MAY_1],
    ['Unix seconds as a number', MAY_1, MAY_1],
    ['Unix milliseconds as a number', 1714573800123, MAY_1],
    ['a fractional number of milliseconds', 1714573800999.9, MAY_1],
    ['a fractional number of seconds', 1714573800.75, MAY_1],
    ['text with spaces around it', '  2024-05-01T14:30:00Z \n', MAY_1],
    ['the first second after 1970', '1', 1],
  ])('%s: %j', (_name, value, seconds) => {
    expect(parseEpochSeconds(FIELD, value)).toBe(seconds);
  });

  it('reads a date without an offset as UTC whatever the machine zone', () => {
    const zone = Settings.defaultZone;
    Settings.defaultZone = 'America/New_York';
    try {
      expect(parseEpochSeconds(FIELD, '2024-05-01')).toBe(1714521600);
      expect(parseEpochSeconds(FIELD, '2024-05-01T14:30:00')).toBe(MAY_1);
      expect(parseEpochSeconds(FIELD, '2024-05-01 14:30:00')).toBe(MAY_1);
    } finally {
      Settings.defaultZone = zone;
    }
  });

  it('tells seconds from milliseconds at 1e11: below, seconds; from there on, milliseconds', () => {
    expect(parseEpochSeconds(FIELD, '99999999999')).toBe(99999999999);
    expect(parseEpochSeconds(FIELD, String(1e11))).toBe(1e8);
    expect(parseEpochSeconds(FIELD, 1e11)).toBe(1e8);
  });

  it.each([undefined, null, '', '   '])('%j is no date', (value) => {
    expect(parseEpochSeconds(FIELD, value)).toBeUndefined();
  });
});

describe('parseEpochSeconds: 1970 and the far future', () => {
  it.each(['0', 0, '1970-01-01T00:00:00Z', '1969-12-31', '-1', -86400])(
    'refuses %j as a record time: CleverTap needs a time after 1970',
    (value) => {
      expect(() => parseEpochSeconds(FIELD, value)).toThrow(
        new InputError(FIELD, `"${String(value)}" is not after 1 January 1970, which CleverTap requires.`),
      );
    },
  );

  it('takes dates before 1970 for birth dates, in every format', () => {
    expect(parseEpochSeconds('Date of Birth', '1960-11-28', true)).toBe(-286934400);
    expect(parseEpochSeconds('Date of Birth', '-286934400', true)).toBe(-286934400);
    expect(parseEpochSeconds('Date of Birth', -286934400000, true)).toBe(-286934400);
    expect(parseEpochSeconds('Date of Birth', '0', true)).toBe(0);
  });

  it('takes the last second CleverTap reads as seconds, and refuses what comes after', () => {
    expect(parseEpochSeconds(FIELD, 99999999999999)).toBe(99999999999);
    for (const value of [1e14, '100000000000000', '+005138-11-16T09:46:40Z'])
      expect(() => parseEpochSeconds(FIELD, value)).toThrow(
        new InputError(
          FIELD,
          `"${String(value)}" is too far from today for CleverTap. Use 2024-05-01T14:30:00Z (no offset: UTC), ` +
            '2024-05-01, or Unix seconds or milliseconds.',
        ),
      );
  });

  it('refuses as far a date long before 1970, even for a birth date', () => {
    expect(() => parseEpochSeconds('Date of Birth', '-100000000000000', true)).toThrow(
      /^Date of Birth: "-100000000000000" is too far from today for CleverTap\./,
    );
  });

  it.each(['tomorrow', '2024-13-01', '2024-02-30', '05/01/2024', '1714573800.5', 'Infinity'])(
    'refuses %j as a date it cannot read',
    (value) => {
      expect(() => parseEpochSeconds(FIELD, value)).toThrow(
        new InputError(
          FIELD,
          `"${value}" is not a date the app can read. Use 2024-05-01T14:30:00Z (no offset: UTC), 2024-05-01, ` +
            'or Unix seconds or milliseconds.',
        ),
      );
    },
  );

  it('refuses a list or a group of values as any single-value field does', () => {
    expect(() => parseEpochSeconds(FIELD, ['2024-05-01'])).toThrow(
      /^Creation Date: expected a single value here/,
    );
  });
});
