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

describe('event names: empty', () => {
  it.each(['', '   ', '\t\n'])('%j is empty', (name) => {
    expect(eventNameProblem(name)).toBe('is empty');
  });

  it('words a forbidden character and a system event in full', () => {
    expect(eventNameProblem('Deal.Won!')).toBe(
      'contains "!" ".", which CleverTap does not allow in event names',
    );
    expect(eventNameProblem('app  LAUNCHED')).toBe(
      'is "App Launched", an event CleverTap records itself and does not accept from uploads',
    );
  });
});

describe('properties: every problem in full words', () => {
  it('an empty property name', () => {
    expect(propertiesProblems({ ' ': 'x' }, 'event')).toEqual(['has an empty property name']);
    expect(propertiesProblems({ '': 'x' }, 'profile')).toEqual(['has an empty property name']);
  });

  it('a forbidden character in a name, quoting the name', () => {
    expect(propertiesProblems({ 'Deal.Stage': 'x' }, 'event')).toEqual([
      'has the property name "Deal.Stage", which contains "." (not allowed in CleverTap property names)',
    ]);
  });

  it('text values: 512 bytes pass, one more does not', () => {
    expect(propertiesProblems({ Bio: 'a'.repeat(512) }, 'event')).toEqual([]);
    expect(propertiesProblems({ Bio: 'a'.repeat(513) }, 'event')).toEqual([
      'has a value for "Bio" over 512 bytes (an accented or Asian character counts 2-3)',
    ]);
  });

  it('null in a profile, as in an event, is refused with a way out', () => {
    expect(propertiesProblems({ Plan: null }, 'profile')).toEqual([
      'has no value (null) for "Plan": remove the property, or give it a value',
    ]);
  });

  it('plain text, numbers and booleans in a profile are not mistaken for operators', () => {
    expect(propertiesProblems({ Plan: 'Gold', Score: 3, Active: false, Tags: [] }, 'profile')).toEqual([]);
  });

  it('a list in a profile: the same value twice, a value too long, values that are not text', () => {
    expect(propertiesProblems({ Tags: ['a', 'b', 'a'] }, 'profile')).toEqual([
      'has the same value twice in the list for "Tags"',
    ]);
    expect(propertiesProblems({ Tags: ['ok', 'a'.repeat(513)] }, 'profile')).toEqual([
      'has a value for "Tags" over 512 bytes (an accented or Asian character counts 2-3)',
    ]);
    expect(propertiesProblems({ Tags: ['a'.repeat(512)] }, 'profile')).toEqual([]);
    expect(propertiesProblems({ Tags: ['a', null] }, 'profile')).toEqual([
      'has a list for "Tags" with values that are not text; CleverTap lists hold text only',
    ]);
  });

  it('an unknown operator names the ones CleverTap has', () => {
    expect(propertiesProblems({ X: { $set: 1 } }, 'profile')).toEqual([
      'has a nested object for "X": CleverTap takes plain values, a list of text, or one operator ' +
        '($add, $remove, $incr, $decr, $delete) like {"$incr": 1}',
    ]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '1', null])('$incr and $decr refuse %p', (amount) => {
    expect(propertiesProblems({ Visits: { $incr: amount } }, 'profile')).toEqual([
      'uses $incr on "Visits" without a number (e.g. {"$incr": 1})',
    ]);
    expect(propertiesProblems({ Visits: { $decr: amount } }, 'profile')).toEqual([
      'uses $decr on "Visits" without a number (e.g. {"$decr": 1})',
    ]);
  });

  it('list operators check their values as a list', () => {
    expect(propertiesProblems({ Tags: { $add: ['a', 'a'] } }, 'profile')).toEqual([
      'has the same value twice in the list for "Tags"',
    ]);
    expect(propertiesProblems({ Tags: { $remove: 'a' } }, 'profile')).toEqual([
      'uses $remove on "Tags" without a list of text (e.g. {"$remove": ["a", "b"]})',
    ]);
  });

  it('quotes the refused value of a standard key as JSON, and says what the key accepts', () => {
    expect(propertiesProblems({ Gender: 'male' }, 'profile')).toEqual([
      'has ""male"" for "Gender"; CleverTap accepts M or F there',
    ]);
    expect(propertiesProblems({ Age: '42' }, 'profile')).toEqual([
      'has ""42"" for "Age"; CleverTap accepts a number there',
    ]);
    expect(propertiesProblems({ 'MSG-push': 1 }, 'profile')).toEqual([
      'has "1" for "MSG-push"; CleverTap accepts true or false there',
    ]);
  });

  it('event properties named like standard profile keys take any value', () => {
    expect(propertiesProblems({ Gender: 'male', Age: '42', Email: 'none', Phone: 'n/a' }, 'event')).toEqual(
      [],
    );
  });

  it('a Charged event keeps Items only under "Items", and only when asked to', () => {
    const items = [{ 'Product Name': 'Pen' }];
    expect(propertiesProblems({ Items: items }, 'event')).toEqual([
      'has a list for "Items": CleverTap event properties take plain values (only a Charged event has Items)',
    ]);
    expect(propertiesProblems({ Products: items }, 'event', true)).toEqual([
      'has a list for "Products": CleverTap event properties take plain values (only a Charged event has Items)',
    ]);
    expect(propertiesProblems({ Items: items }, 'profile')).toEqual([
      'has a list for "Items" with values that are not text; CleverTap lists hold text only',
    ]);
  });

  it('an Items entry that is not an object, or breaks a rule, is named by its number', () => {
    const pen = { 'Product Name': 'Pen' };
    for (const entry of [null, 'Pen', ['Pen'], 3])
      expect(propertiesProblems({ Items: [pen, entry] }, 'event', true)).toEqual([
        'has an Items entry (number 2) that is not an object',
      ]);
    expect(propertiesProblems({ Items: [pen, pen, { Tags: ['a'] }] }, 'event', true)).toEqual([
      'has an Items entry (number 3) that has a list for "Tags": CleverTap event properties take plain values ' +
        '(only a Charged event has Items)',
    ]);
    expect(propertiesProblems({ Items: [{ '#': 1 }] }, 'event', true)).toEqual([]);
  });

  it('counts properties: 256 at most in a profile too', () => {
    const props = (n: number) => Object.fromEntries([...Array(n)].map((_, i) => [`p${i}`, i]));
    expect(propertiesProblems(props(256), 'profile')).toEqual([]);
    expect(propertiesProblems(props(257), 'profile')).toEqual([
      'has 257 properties; CleverTap takes at most 256',
    ]);
  });
});
