import {
  dateValue,
  FORBIDDEN_NAME_CHARS,
  FORBIDDEN_PROFILE_KEY_CHARS,
  forbiddenCharsIn,
  isoFromEpochSeconds,
  isProfileOperator,
  STANDARD_PROFILE_KEYS,
  SYSTEM_EVENTS,
  systemEventNamed,
  utf8Bytes,
} from '../../src/clevertap/rules';

describe('system events', () => {
  it.each(SYSTEM_EVENTS.map((name) => [name]))('knows %s in odd casing and spacing', (name) => {
    const odd = [
      name,
      name.toUpperCase(),
      name.toLowerCase(),
      name.replace(/ /g, ''),
      ` ${name.replace(/ /g, '   ')} `,
      name.replace(/ /g, '\t'),
      [...name].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join(''),
    ];
    for (const spelling of odd) expect(systemEventNamed(spelling)).toBe(name);
  });

  it.each(['Charged', 'Deal Won', 'App Launched Twice', 'Notification', 'Launched App', ''])(
    'does not take %j for a system event',
    (name) => {
      expect(systemEventNamed(name)).toBeUndefined();
    },
  );
});

describe('forbidden characters', () => {
  it('profile keys refuse every character event names refuse, and "#"', () => {
    expect(FORBIDDEN_PROFILE_KEY_CHARS).toEqual([...FORBIDDEN_NAME_CHARS, '#']);
  });

  it.each(FORBIDDEN_PROFILE_KEY_CHARS.map((c) => [c]))('finds %s anywhere in a name', (char) => {
    expect(forbiddenCharsIn(`${char}Plan`, FORBIDDEN_PROFILE_KEY_CHARS)).toEqual([char]);
    expect(forbiddenCharsIn(`Pl${char}an`, FORBIDDEN_PROFILE_KEY_CHARS)).toEqual([char]);
    expect(forbiddenCharsIn(`Plan${char}`, FORBIDDEN_PROFILE_KEY_CHARS)).toEqual([char]);
  });

  it('lists each character once, in the order they appear, and only those of the given set', () => {
    expect(forbiddenCharsIn('a.b$c.d#e$', FORBIDDEN_PROFILE_KEY_CHARS)).toEqual(['.', '$', '#']);
    expect(forbiddenCharsIn('a.b$c.d#e$', FORBIDDEN_NAME_CHARS)).toEqual(['.', '$']);
    expect(forbiddenCharsIn('Deal Won (2024) - ok_1', FORBIDDEN_PROFILE_KEY_CHARS)).toEqual([]);
  });
});

describe('utf8Bytes', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('abc')).toBe(3);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('日本')).toBe(6);
    expect(utf8Bytes('😀')).toBe(4);
    expect(utf8Bytes('')).toBe(0);
  });
});

describe('standard profile keys', () => {
  const check = (key: string) => {
    const rule = STANDARD_PROFILE_KEYS[key]?.check;
    if (!rule) throw new Error(`${key} has no check`);
    return rule;
  };

  it.each(Object.keys(STANDARD_PROFILE_KEYS).map((key) => [key]))(
    '%s says in words what it accepts',
    (key) => {
      expect(STANDARD_PROFILE_KEYS[key]?.accepts).toMatch(/^\S.*\w/);
    },
  );

  it.each<[string, unknown[], unknown[]]>([
    [
      'Email',
      ['ada@example.com', 'a.b+c@mail.example.co.uk'],
      [
        'ada@',
        '@example.com',
        'ada@example',
        'a da@example.com',
        'ada@example.com x',
        'x ada@example.com',
        42,
      ],
    ],
    [
      'Phone',
      ['+14155550123', '+442079460958', '+123456'],
      [
        '14155550123',
        '+04155550123',
        '+12345',
        '+1234567890123456789',
        'x+14155550123',
        '+14155550123x',
        14155550123,
      ],
    ],
    ['Gender', ['M', 'F'], ['m', 'f', 'Male', 'Female', 'X', '', 1]],
    [
      'DOB',
      ['$D_-286848000', '$D_1714521600', '$D_0'],
      ['1960-11-28', '$D_', 'x$D_1', '$D_1x', '$D_1.5', -286848000],
    ],
    ['Age', [0, 42, 3.5], ['42', Number.NaN, Number.POSITIVE_INFINITY, null]],
    ['Employed', ['Y', 'N'], ['y', 'n', 'yes', 'no', true]],
    ['Married', ['Y', 'N'], ['y', 'n', 'yes', 'no', false]],
    ['Education', ['School', 'College', 'Graduate'], ['school', 'PhD', 'College ', '']],
    [
      'Photo',
      ['https://example.com/ada.png', 'http://example.com/a.jpg'],
      [
        'ftp://example.com/a.png',
        'example.com/a.png',
        'https://',
        'https://a b.png',
        'see https://a.png',
        42,
      ],
    ],
    ['MSG-email', [true, false], ['true', 'no', 1, 0]],
    ['MSG-push', [true, false], ['true', 'no', 1, 0]],
    ['MSG-sms', [true, false], ['true', 'no', 1, 0]],
    ['MSG-whatsapp', [true, false], ['false', 'yes', 1, 0]],
  ])('%s takes %j and refuses %j', (key, good, bad) => {
    for (const value of good) expect([value, check(key)(value)]).toEqual([value, true]);
    for (const value of bad) expect([value, check(key)(value)]).toEqual([value, false]);
  });

  it('a list holding an address is not an address', () => {
    expect(check('Email')(['ada@example.com'])).toBe(false);
    expect(check('Phone')(['+14155550123'])).toBe(false);
    expect(check('DOB')(['$D_1'])).toBe(false);
    expect(check('Photo')(['https://example.com/a.png'])).toBe(false);
  });

  it('Name and Customer Type take any text', () => {
    expect(STANDARD_PROFILE_KEYS.Name?.check).toBeUndefined();
    expect(STANDARD_PROFILE_KEYS['Customer Type']?.check).toBeUndefined();
  });
});

describe('profile operators', () => {
  it('are $add, $remove, $incr, $decr and $delete, exactly', () => {
    for (const op of ['$add', '$remove', '$incr', '$decr', '$delete'])
      expect(isProfileOperator(op)).toBe(true);
    for (const key of ['$set', 'add', '$ADD', 'incr', 'toString', '__proto__', 'constructor', ''])
      expect(isProfileOperator(key)).toBe(false);
  });
});

describe('dates', () => {
  it('marks a date as $D_ and epoch seconds', () => {
    expect(dateValue(1714573800)).toBe('$D_1714573800');
    expect(dateValue(-286848000)).toBe('$D_-286848000');
    expect(dateValue(0)).toBe('$D_0');
  });

  it('writes epoch seconds as ISO-8601 in UTC, without milliseconds when there are none', () => {
    expect(isoFromEpochSeconds(1714573800)).toBe('2024-05-01T14:30:00Z');
    expect(isoFromEpochSeconds(0)).toBe('1970-01-01T00:00:00Z');
    expect(isoFromEpochSeconds(1714573800.25)).toBe('2024-05-01T14:30:00.250Z');
  });
});
