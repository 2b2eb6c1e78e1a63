/**
 * Bad input, generated: what a CRM, a Zap editor or a careless mapping can put in a field. Values for each field are
 * drawn from its declared shape (text, number, boolean, datetime, choices, dict, list, line items) or, for the text
 * fields the app reads as amounts or dates, from how people write those, and from a pool of nasty values that ignores
 * the shape.
 */
import fc from 'fast-check';
import type { Action, Field } from './harness';
import { CONTRACT } from '../contract-checker';
import { at } from '../at';

const FORBIDDEN = [...CONTRACT.forbidden, '#'];

/** A system event name in any casing and spacing. */
const systemEventName = fc
  .tuple(
    fc.constantFrom(...CONTRACT.systemEvents),
    fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    fc.boolean(),
  )
  .map(([name, upper, squeeze]) => {
    const cased = [...name].map((c, i) => (upper[i % 40] ? c.toUpperCase() : c.toLowerCase())).join('');
    return squeeze ? cased.replace(/\s/g, '') : ` ${cased.replace(/ /g, '  ')} `;
  });

/** A name with forbidden characters somewhere in it. */
const forbiddenName = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...FORBIDDEN), fc.string({ maxLength: 8 }))
  .map(([a, c, b]) => `${a}${c}${b}`);

const numberText = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.constantFrom(
    '1,200.50',
    '$12',
    '1 200',
    '1e400',
    '-0',
    'NaN',
    'Infinity',
    '0x1F',
    '12.',
    '.5',
    '+7',
    '007',
    '١٢٣',
    // As people and CRMs format amounts: Zapier's `number` type would have read these as 1, 1.2, 1.299, 2.
    '$1,200.50',
    '1.200,50',
    '€1.299,00',
    '2,5',
    '1,000',
    ' 42 ',
    'TBD',
  ),
);

const dateText = fc.oneof(
  fc
    .date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ noInvalidDate: true }).map((d) => String(d.getTime())),
  fc.date({ noInvalidDate: true }).map((d) => String(Math.floor(d.getTime() / 1000))),
  fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('T', ' ').slice(0, 19)),
  fc.constantFrom(
    '2024-02-30',
    '2024-13-01',
    '05/01/2024',
    '01.05.2024',
    'tomorrow',
    '0',
    '-1',
    '99999999999999999999',
    '2024-05-01T14:30:00+25:00',
    '2024-05-01T14:30:00.123456789Z',
    '  2024-05-01  ',
    '',
    // Zapier's `datetime` type would have made these "now", or read the last in the Zap's time zone.
    'garbage',
    '31/13/2024',
    'TBD',
    '2024-05-01 14:30:00',
  ),
);

const deepJson = fc
  .integer({ min: 1, max: 300 })
  .map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`);
const wideJson = fc
  .integer({ min: 1, max: 400 })
  .map((width) => JSON.stringify(Object.fromEntries(Array.from({ length: width }, (_, i) => [`p${i}`, i]))));
const jsonText = fc.oneof(
  fc.json({ maxDepth: 6 }),
  deepJson,
  wideJson,
  fc
    .dictionary(fc.oneof(fc.string({ maxLength: 10 }), forbiddenName), fc.jsonValue({ maxDepth: 3 }))
    .map((o) => JSON.stringify(o)),
  fc.constantFrom(
    '{"a": 1 "b": 2}',
    '{a: 1,}',
    "{'x': 'y'}",
    '[1,2]',
    'null',
    '{"a": NaN}',
    '{"n": 12345678901234567890}',
  ),
);

const hugeText = fc
  .tuple(fc.constantFrom(119, 120, 121, 511, 512, 513, 1_000), fc.constantFrom('x', 'é', '😀', ' '))
  .map(([n, c]) => c.repeat(n));

const templateText = fc.constantFrom(
  '{{bundle.authData.passcode}}',
  '{{ process.env.HOME }}',
  'a{{b}}c',
  '{{{x}}}',
  '{{bundle.inputData.identity}} and more',
);

/** Any text at all: unicode of every kind, control characters, the nasty pools above. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '\n', '\t', '\u0000', '\u200b', '\ufeff', 'null', 'undefined'),
  },
  { weight: 2, arbitrary: numberText },
  { weight: 2, arbitrary: dateText },
  { weight: 2, arbitrary: jsonText },
  { weight: 2, arbitrary: forbiddenName },
  { weight: 2, arbitrary: systemEventName },
  { weight: 1, arbitrary: hugeText },
  { weight: 1, arbitrary: templateText },
  { weight: 1, arbitrary: fc.emailAddress() },
  {
    weight: 1,
    arbitrary: fc.constantFrom('+14155550123', '(415) 555-0123', '0044 20 7946 0958', '+1', 'Male', 'f'),
  },
);

/** Anything Zapier or a test might hand over, whatever the field declares. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: anyText },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  // JSON values where text was declared. Objects with their own "toString"/"valueOf" are left out: Zapier hands a
  // text field text, so they cannot arrive there, and String() of them throws (reported, not fixed here).
  {
    weight: 1,
    arbitrary: fc
      .jsonValue({ maxDepth: 3 })
      .filter((v) => !/"(toString|valueOf)":/.test(JSON.stringify(v) ?? '')),
  },
);

const keyText = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) },
  { weight: 1, arbitrary: forbiddenName },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Phone',
      'Email',
      'Gender',
      'DOB',
      'Age',
      'Items',
      'Amount',
      '__proto__',
      'constructor',
      ' ',
      'k'.repeat(121),
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }) },
);

/** A campaign id as people paste it: digits (the good ones), or with letters, signs, spaces or other digits. */
const campaignIdText = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String),
        fc.constantFrom('a', 'x', 'ID', '-', '_', '.', ' ', 'e', '١', '１'),
        fc.bigInt({ min: 0n, max: 10n ** 6n }).map(String),
      )
      .map(([a, c, b]) => `${a}${c}${b}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '1695721550',
      ' 1695721550 ',
      '0',
      '007',
      '-1695721550',
      '+1695721550',
      '1e9',
      '1695721550.0',
      '1,695,721,550',
      '１６９５７２１５５０',
      'onboarding',
      'campaign-1695721550',
      '#1695721550',
      '',
      '99999999999999999999999999999999',
    ),
  },
);

/** A subscription status: the choices, in other casings and spacing, and what CleverTap does not take. */
const statusText = fc.oneof(
  fc.constantFrom('Unsubscribe', 'Resubscribe'),
  fc
    .tuple(
      fc.constantFrom('Unsubscribe', 'Resubscribe'),
      fc.array(fc.boolean(), { minLength: 11, maxLength: 11 }),
    )
    .map(([status, upper]) =>
      [...status].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''),
    ),
  fc.constantFrom(
    ' unsubscribe ',
    'RESUBSCRIBE',
    'Unsubscribed',
    'Subscribe',
    'subscribed',
    'opt-out',
    'Opted out',
    'true',
    'false',
    'Un subscribe',
    'Unsubscribe\u200b',
    '',
  ),
);

/** Email addresses, good and bad: as generated, with a typo, without a domain, with spaces, in capitals. */
const emailText = fc.oneof(
  { weight: 2, arbitrary: fc.emailAddress() },
  {
    weight: 1,
    arbitrary: fc.emailAddress().map((e) => e.toUpperCase()),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'ada@example.com',
      ' ada@example.com ',
      'ADA@Example.COM',
      'ada+zap@example.com',
      'ada@example',
      'ada@localhost',
      'ada@@example.com',
      'ada@exa mple.com',
      'ada example@example.com',
      '@example.com',
      'ada@',
      'ada',
      'a@b.c',
      'ada@example.com.',
      'ada@example..com',
      'ada@example.com, bob@example.com',
      'Ada Lovelace <ada@example.com>',
      'mailto:ada@example.com',
      'ada@exämple.com',
      'ada@example.com\n',
    ),
  },
);

/** Phone numbers, good and bad, as CRMs store them. */
const phoneText = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '+14155550123',
      '+1 415 555 0123',
      '(415) 555-0123',
      '415.555.0123',
      '4155550123',
      '0044 20 7946 0958',
      '+44 20 7946 0958',
      '020 7946 0958',
      '+91 98765 43210',
      '+1 415 555 0123 ext. 12',
      '+1-415-555-0123',
      '00 1 415 555 0123',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '+1',
      '12',
      '+1 555',
      '+999999999999999999',
      '+0 123 456',
      'call me',
      '+14155550123+14155550124',
      '１４１５５５５０１２３',
      '+',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/) },
);

/** Default Phone Country: codes, names, aliases, casings. */
const countryText = fc.constantFrom(
  'US',
  'GB',
  'UK',
  'IN',
  'DE',
  'us',
  ' gb ',
  'USA',
  'XX',
  'United States',
  '1',
  '',
);

/** Object IDs of every documented shape, and what no shape allows (spaces, an email, nothing). */
const objectIdText = fc.oneof(
  fc.constantFrom(
    '-2ce3cca260664f70b82b1c6bb505f462',
    '__g2ce3cca260664f70b82b1c6bb505f462',
    '__2ce3cca260664f70b82b1c6bb505f462',
    'a8ffcbc9-a747-4ee3-a791-c5e58ad03097',
    'A8FFCBC9-A747-4EE3-A791-C5E58AD03097',
    '25b08803c1af4e00839f530264dac6f8',
    '~2ce3cca260664f70b82b1c6bb505f462',
    '__g 2ce3',
    ' -2ce3cca260664f70b82b1c6bb505f462 ',
    'ada@example.com',
    '',
  ),
  fc.uuid(),
  fc.stringMatching(/^(-|__g|__|~)?[0-9a-f]{32}$/),
);

/** Personalization values: text of every kind, and what a mapping can hand over instead (numbers, groups). */
const personalizationValue = fc.oneof(
  { weight: 4, arbitrary: anyText },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '  padded  ',
      '007',
      '1200.50',
      '1,200.50',
      'true',
      'null',
      'undefined',
      '{{bundle.authData.passcode}}',
      'Dear {{ExternalTrigger.Name}}',
      '$D_1714573800',
      'x'.repeat(600),
    ),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  {
    weight: 1,
    arbitrary: fc
      .jsonValue({ maxDepth: 2 })
      .filter((v) => !/"(toString|valueOf)":/.test(JSON.stringify(v) ?? '')),
  },
);

/** Rows of a placeholder name and a value: few or many, names blank, repeated after trimming, or odd. */
const personalizationRows = fc.oneof(
  fc.dictionary(keyText, personalizationValue, { maxKeys: 8 }),
  fc.dictionary(
    fc.constantFrom('Deal Name', ' Deal Name', 'Deal Name ', 'Amount', '', ' '),
    personalizationValue,
    {
      maxKeys: 6,
    },
  ),
  fc.dictionary(keyText, anyText, { minKeys: 250, maxKeys: 270 }),
);

/**
 * Fields whose values people type in particular ways, by key: what they type, good and bad. (Email and Phone are
 * also profile fields, and Object ID every action's user key: those actions get the same values.)
 */
const TYPED_AS: Record<string, fc.Arbitrary<unknown>> = {
  campaignId: campaignIdText,
  status: statusText,
  email: emailText,
  phone: phoneText,
  defaultPhoneCountry: countryText,
  objectId: objectIdText,
};

/**
 * Text fields the app reads as numbers or dates itself (declared `string` so that Zapier hands the text over): by key,
 * the text their users type.
 */
const READ_AS: Record<string, fc.Arbitrary<unknown>> = {
  amount: numberText,
  price: numberText,
  quantity: numberText,
  recordsPerRequest: numberText,
  ts: dateText,
  dob: dateText,
};

/** What is typed or mapped into a yes/no dropdown besides its choices. */
const yesNoText = fc.constantFrom(
  '',
  ' ',
  'maybe',
  'TBD',
  'Yes',
  'NO',
  'true',
  'false',
  ' yes ',
  '1',
  '0',
  'null',
);

/** A value for one field, from its declared shape most of the time. */
export function valueFor(field: Field): fc.Arbitrary<unknown> {
  let shaped: fc.Arbitrary<unknown>;
  const readAs = Object.hasOwn(READ_AS, field.key) ? READ_AS[field.key] : undefined;
  const typedAs = Object.hasOwn(TYPED_AS, field.key) ? TYPED_AS[field.key] : undefined;
  if (readAs && !field.children && !field.dict && !field.list) {
    shaped = fc.oneof({ weight: 3, arbitrary: readAs }, { weight: 1, arbitrary: anyText });
  } else if (typedAs && !field.children && !field.dict && !field.list) {
    shaped = fc.oneof({ weight: 3, arbitrary: typedAs }, { weight: 1, arbitrary: anyText });
  } else if (field.key === 'personalization' && field.dict) {
    shaped = personalizationRows;
  } else if (field.children) {
    const child = fc.record(Object.fromEntries(field.children.map((c) => [c.key, valueFor(c)])), {
      requiredKeys: [],
      noNullPrototype: true,
    });
    shaped = fc.oneof(
      fc.array(child, { maxLength: 4 }),
      fc.array(child, { minLength: 45, maxLength: 60 }),
      child,
    );
  } else if (field.dict) {
    shaped = fc.oneof(
      fc.dictionary(keyText, anyText, { maxKeys: 8 }),
      fc.dictionary(keyText, anyText, { minKeys: 250, maxKeys: 270 }),
    );
  } else if (field.list) {
    shaped = fc.oneof(
      fc.array(anyText, { maxLength: 6 }),
      fc.array(anyText, { minLength: 95, maxLength: 110 }),
      anyText,
    );
  } else if (Array.isArray(field.choices)) {
    const values = (field.choices as { value: string }[]).map((c) => c.value);
    const yesNo = values.includes('yes') && values.includes('no');
    shaped = fc.oneof(fc.constantFrom(...values), yesNo ? yesNoText : anyText, anyText);
  } else if (field.type === 'number' || field.type === 'integer') {
    shaped = fc.oneof(fc.double(), fc.integer(), numberText, anyText);
  } else if (field.type === 'boolean') {
    shaped = fc.oneof(
      fc.boolean(),
      fc.constantFrom('true', 'false', 'yes', 'no', 'Y', 'N', '1', '0', ''),
      anyText,
    );
  } else if (field.type === 'datetime') {
    shaped = fc.oneof(dateText, fc.integer(), anyText);
  } else {
    shaped = anyText;
  }
  return fc.oneof({ weight: 5, arbitrary: shaped }, { weight: 1, arbitrary: anyValue });
}

/** The fields that name the user (or, for Update Subscription Status, the address). */
const USER_KEYS = ['identity', 'email', 'objectId', 'phone'];

/**
 * Inputs for an action: fully random ones, and the minimal valid input with some fields (sometimes both user keys,
 * sometimes neither, sometimes one other key alone) replaced by generated values, so that a good share of cases
 * reaches the request.
 */
export function inputFor(
  action: Action,
  minimal: Record<string, unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const fieldArbs = Object.fromEntries(action.fields.map((f) => [f.key, valueFor(f)])) as Record<
    string,
    fc.Arbitrary<unknown>
  >;
  const random = fc.record(fieldArbs, { requiredKeys: [], noNullPrototype: true });
  const userKeys = action.fields.map((f) => f.key).filter((key) => USER_KEYS.includes(key));
  const mutated = fc
    .tuple(
      fc.subarray(action.fields, { maxLength: Math.min(3, action.fields.length) }),
      fc.record(fieldArbs, { noNullPrototype: true }),
      fc.constantFrom('keep', 'keep', 'both', 'neither', 'another key'),
      fc.nat(),
    )
    .map(([chosen, values, keys, pick]) => {
      const input: Record<string, unknown> = { ...minimal };
      for (const field of chosen) input[field.key] = values[field.key];
      if (keys === 'both') input.objectId = '-2ce3cca260664f70b82b1c6bb505f462';
      if (keys === 'neither' || keys === 'another key') {
        delete input.identity;
        delete input.objectId;
        delete input.email;
      }
      // The user (or the address) named by one of the action's keys alone, with a generated value.
      if (keys === 'another key' && userKeys.length) {
        const key = at(userKeys, pick % userKeys.length);
        input[key] = values[key];
      }
      return input;
    });
  return fc.oneof({ weight: 1, arbitrary: random }, { weight: 3, arbitrary: mutated });
}
