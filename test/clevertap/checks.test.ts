import { eventNameProblem, propertiesProblems } from '../../src/clevertap/checks';
import { FORBIDDEN_NAME_CHARS, SYSTEM_EVENTS } from '../../src/clevertap/rules';

describe('event names', () => {
  it.each(FORBIDDEN_NAME_CHARS.map((c) => [c]))('refuses %s', (char) => {
    expect(eventNameProblem(`Deal${char}Won`)).toContain(`"${char}"`);
  });

  it.each(SYSTEM_EVENTS.map((name) => [name]))(
    'refuses the system event %s in any casing and spacing',
    (name) => {
      expect(eventNameProblem(name.toUpperCase())).toContain(`"${name}"`);
      expect(eventNameProblem(name.replace(/ /g, '').toLowerCase())).toContain(`"${name}"`);
    },
  );

  it.each(['Charged', 'Deal Won', 'Form Submitted', '#hash-tag ok', 'a'.repeat(512)])(
    'accepts %s',
    (name) => {
      expect(eventNameProblem(name)).toBeUndefined();
    },
  );

  it('refuses a name over 512 bytes', () => {
    expect(eventNameProblem('a'.repeat(513))).toBe(
      'is over 512 bytes (an accented or Asian character counts 2-3)',
    );
  });

  it('measures the name in UTF-8 bytes, not characters', () => {
    expect(eventNameProblem('é'.repeat(256))).toBeUndefined();
    for (const name of ['é'.repeat(257), '日'.repeat(200)]) {
      expect(name.length).toBeLessThan(512);
      expect(eventNameProblem(name)).toMatch(
        /^is over 512 bytes \(an accented or Asian character counts 2-3\)$/,
      );
    }
  });
});

describe('properties', () => {
  it('accepts flat text, numbers, booleans and $D_ dates', () => {
    expect(
      propertiesProblems({ Plan: 'Gold', Score: 4.5, Active: true, Since: '$D_1714573800' }, 'event'),
    ).toEqual([]);
  });

  it('measures keys and values in UTF-8 bytes, the stricter reading', () => {
    expect(propertiesProblems({ ['é'.repeat(60)]: 1 }, 'event')).toEqual([]);
    expect(propertiesProblems({ ['é'.repeat(61)]: 1 }, 'event')[0]).toMatch(
      /^has the property name "é+…", which is over 120 bytes \(an accented or Asian character counts 2-3\)$/,
    );
    expect(propertiesProblems({ Bio: 'é'.repeat(256) }, 'profile')).toEqual([]);
    expect(propertiesProblems({ Bio: 'é'.repeat(257) }, 'profile')[0]).toMatch(
      /^has a value for "Bio" over 512 bytes \(an accented or Asian character counts 2-3\)$/,
    );
  });

  it('allows # in event keys but not in profile keys', () => {
    expect(propertiesProblems({ '#tag': 'x' }, 'event')).toEqual([]);
    expect(propertiesProblems({ '#tag': 'x' }, 'profile')[0]).toMatch(/"#"/);
  });

  it('refuses null, nested objects and non-finite numbers', () => {
    const problems = propertiesProblems({ A: null, B: { c: 1 }, C: Number.NaN }, 'event');
    expect(problems).toEqual([
      expect.stringMatching(/no value \(null\) for "A"/),
      expect.stringMatching(/nested value for "B"/),
      expect.stringMatching(/"C" that is not a finite number/),
    ]);
  });

  it.each([
    [{ Visits: { $incr: 2 } }, []],
    [{ Visits: { $decr: 1.5 } }, []],
    [{ Tags: { $add: ['a', 'b'] } }, []],
    [{ Tags: { $remove: ['a'] } }, []],
    [{ Old: { $delete: 1 } }, []],
    [{ Visits: { $incr: '2' } }, [/without a number/]],
    [{ Tags: { $add: 'a' } }, [/without a list of text/]],
    [{ Old: { $delete: true } }, [/other than 1/]],
    [{ X: { $set: 1 } }, [/nested object for "X"/]],
    [{ X: { $incr: 1, $decr: 1 } }, [/nested object for "X"/]],
  ] as [Record<string, unknown>, RegExp[]][])('profile operators: %j', (props, expected) => {
    const problems = propertiesProblems(props, 'profile');
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern));
  });

  it('caps multi-value lists at 100 unique text items', () => {
    const hundred = [...Array(100)].map((_, i) => `v${i}`);
    expect(propertiesProblems({ Tags: hundred }, 'profile')).toEqual([]);
    expect(propertiesProblems({ Tags: [...hundred, 'v100'] }, 'profile')[0]).toMatch(/at most 100/);
    expect(propertiesProblems({ Tags: ['a', 1] }, 'profile')[0]).toMatch(/not text/);
  });

  it.each([
    ['Gender', 'M', true],
    ['Gender', 'male', false],
    ['Employed', 'Y', true],
    ['Married', 'yes', false],
    ['Education', 'College', true],
    ['Education', 'PhD', false],
    ['Age', 42, true],
    ['Age', '42', false],
    ['Email', 'ada@example.com', true],
    ['Email', 'ada@', false],
    ['Phone', '+14155550123', true],
    ['Phone', '4155550123', false],
    ['DOB', '$D_-286848000', true],
    ['DOB', '1960-11-28', false],
    ['MSG-email', false, true],
    ['MSG-sms', 'no', false],
  ])('the standard profile key %s with %j is %s', (key, value, ok) => {
    const problems = propertiesProblems({ [key]: value }, 'profile');
    expect(problems.length === 0).toBe(ok);
  });

  it('counts properties: 256 at most', () => {
    const props = (n: number) => Object.fromEntries([...Array(n)].map((_, i) => [`p${i}`, i]));
    expect(propertiesProblems(props(256), 'event')).toEqual([]);
    expect(propertiesProblems(props(257), 'event')[0]).toMatch(/257 properties/);
  });

  it('lets only a Charged event carry Items, each a flat object', () => {
    const items = [{ 'Product Name': 'Pen', Price: 2 }];
    expect(propertiesProblems({ Items: items }, 'event', true)).toEqual([]);
    expect(propertiesProblems({ Items: items }, 'event', false)[0]).toMatch(/only a Charged event has Items/);
    expect(propertiesProblems({ Items: [{ 'a.b': 1 }] }, 'event', true)[0]).toMatch(
      /Items entry \(number 1\)/,
    );
  });
});
