/**
 * No declared field type can change a user's text. Zapier coerces `number`, `integer`, `boolean` and `datetime`
 * fields before `perform` runs (`$1,200.50` becomes 1, an empty yes/no becomes false, an unreadable date becomes now),
 * so the app's own parsers would never see what the user typed. For every input field of every create and search of
 * the app definition (line items' children too; list fields as lists, dict fields' values), each of the texts users
 * type goes through Zapier's coercion (scripts/zapier-boundary.ts, the CLI's own code) with the field's declaration,
 * in a Zap set to Chicago time, and through `cleanInputData` as the app sets it: the perform receives the text given.
 *
 * The model is shown to be Zapier's, and to catch a typed field: the same check over fields declared `number`,
 * `integer`, `boolean` and `datetime` finds every one of them changing the text.
 */
import App from '../../index';
import { ifNewEventField } from '../../src/fields/event';
import { onRefusedField } from '../../src/fields/bulk';
import { parseValueTyping } from '../../src/fields/values';
import {
  BoundaryField,
  BoundaryOperation,
  coerceLikeZapier,
  declaredFields,
  inputAsZapierHandsItOver,
} from '../../scripts/zapier-boundary';
import { ZAP_TIMEZONE } from '../boundary';

/**
 * The same value: same type and same JSON (with the keys in the same order). Not `isDeepStrictEqual`: the boundary's
 * structuredClone makes objects of Node's own realm, whose prototypes differ from those of jest's sandbox.
 */
const same = (a: unknown, b: unknown) => typeof a === typeof b && JSON.stringify(a) === JSON.stringify(b);

/** What users type (or a CRM maps) into fields: amounts, dates, yes/no, codes, in the formats people use. */
const TEXTS = [
  '$1,200.50',
  '1.200,50',
  '€1.299,00',
  '2,5',
  '1,000',
  '1 200',
  '-3.5',
  '1e3',
  '0',
  '1',
  'garbage',
  '31/13/2024',
  '05/01/2024',
  'TBD',
  'tomorrow',
  'now',
  '2024-05-01',
  '2024-05-01 14:30:00',
  '2024-05-01T14:30:00Z',
  '1714573800',
  'maybe',
  '',
  ' ',
  '  42  ',
  '02139',
  '94107',
  '0051',
  'yes',
  'no',
  'Y',
  'N',
  'true',
  'false',
  'null',
  'none',
];

interface Operation extends BoundaryOperation {
  perform: unknown;
}

/** Every create and search of the app definition, by id. */
function operations(): [string, Operation][] {
  const of = (kind: 'creates' | 'searches') =>
    Object.entries((App[kind] ?? {}) as Record<string, { operation: Operation }>).map(
      ([key, action]) => [`${kind}.${key}`, action.operation] as [string, Operation],
    );
  return [...of('creates'), ...of('searches')];
}

/** What a user puts in a field: text; for a list field a list of texts; for a dict field texts as its values. */
function valueFor(field: BoundaryField, text: string): unknown {
  if (field.list) return [text, `${text} and more`];
  if (field.dict) return { Note: text, [text.trim() || 'Empty']: text };
  return text;
}

/**
 * What the perform must receive for `given`: the same, except that an empty field with a default gets the default,
 * as in the Zap editor, where the default is filled in (the app reads it as it reads empty: see below).
 */
const expectedFor = (field: BoundaryField, given: unknown) =>
  given === '' && field.default ? field.default : given;

/** A leaf field, the input that fills it, and where in that input the perform finds its value. */
interface Case {
  path: string;
  field: BoundaryField;
  input: Record<string, unknown>;
  read: (data: Record<string, unknown>) => unknown;
  given: unknown;
}

/** One case per leaf field (top level, and each child of a line-item field) and text. */
function casesOf(fields: readonly BoundaryField[], text: string): Case[] {
  const cases: Case[] = [];
  for (const field of fields) {
    if (field.children?.length) {
      for (const child of field.children) {
        const given = valueFor(child, text);
        cases.push({
          path: `${field.key}[].${child.key}`,
          field: child,
          // Two line items: the second one carries the text, so the first cannot stand in for it.
          input: { [field.key]: [{ [child.key]: valueFor(child, 'first') }, { [child.key]: given }] },
          read: (data) => (data[field.key] as Record<string, unknown>[] | undefined)?.[1]?.[child.key],
          given,
        });
      }
      continue;
    }
    const given = valueFor(field, text);
    cases.push({
      path: field.key,
      field,
      input: { [field.key]: given },
      read: (data) => data[field.key],
      given,
    });
  }
  return cases;
}

/**
 * Every text a declared type changes on its way to the perform, as `path <- text: received`: through the coercion
 * alone (with the operation's declared fields), and through the whole boundary (coercion and `cleanInputData` as the
 * app sets it). Also returns how many leaf fields were checked.
 */
function changedTexts(
  operation: BoundaryOperation,
  appFlags = App.flags,
): { changes: string[]; leaves: number } {
  const fields = declaredFields(operation);
  const changes: string[] = [];
  let leaves = 0;
  for (const text of TEXTS) {
    const cases = casesOf(fields, text);
    leaves = cases.length;
    for (const c of cases) {
      const expected = expectedFor(c.field, c.given);
      const coerced = c.read(coerceLikeZapier(c.input, fields, ZAP_TIMEZONE));
      const handedOver = c.read(inputAsZapierHandsItOver(operation, appFlags, c.input, ZAP_TIMEZONE));
      if (!same(coerced, expected))
        changes.push(`${c.path} <- ${JSON.stringify(c.given)}: coerced to ${JSON.stringify(coerced)}`);
      if (!same(handedOver, expected))
        changes.push(`${c.path} <- ${JSON.stringify(c.given)}: handed over as ${JSON.stringify(handedOver)}`);
    }
  }
  return { changes, leaves };
}

/** Every leaf field of an operation's declaration, line items' children included. */
const leafCount = (fields: readonly BoundaryField[]): number =>
  fields.reduce((n, f) => n + (f.children?.length ? f.children.length : 1), 0);

describe('no declared field type can change what a user typed', () => {
  it.each(operations())('%s: every field receives the text given, for every text', (_id, operation) => {
    // Fields computed at run time could declare any type: none may escape this check.
    expect((operation.inputFields ?? []).filter((f) => typeof f !== 'object')).toEqual([]);
    const fields = declaredFields(operation);
    expect(fields.length).toBe((operation.inputFields ?? []).length);
    const { changes, leaves } = changedTexts(operation);
    expect(changes).toEqual([]);
    // Not vacuous: every leaf was checked (a line-item field through each of its children).
    expect(leaves).toBe(leafCount(fields));
    expect(leaves).toBeGreaterThan(0);
  });

  it('the fields of every operation were checked', () => {
    expect(operations().map(([id]) => id)).toEqual(
      expect.arrayContaining([
        'creates.upsert_profile',
        'creates.upload_event',
        'creates.record_purchase',
        'creates.update_profile_property',
        'creates.upload_events_bulk',
        'creates.upsert_profiles_bulk',
        'creates.trigger_campaign',
        'creates.update_subscription_status',
        'creates.delete_profile',
        'searches.find_profile',
      ]),
    );
  });
});

/**
 * A field with a default gets it when left empty, in the editor and at the boundary. That must not change what the
 * step does: the app reads the default exactly as it reads empty. Every field with a default needs its reader here.
 */
const DEFAULT_READERS: Record<string, (value: unknown) => unknown> = {
  convertValueTypes: (value) => parseValueTyping({ convertValueTypes: value }).convert,
  onRefused: (value) => onRefusedField.read(value),
  ifNewEvent: (value) => ifNewEventField.read(value),
};

describe('a default filled in for an empty field means what empty means', () => {
  const withDefaults = operations().flatMap(([id, operation]) => {
    const walk = (fields: readonly BoundaryField[]): BoundaryField[] =>
      fields.flatMap((f) => [...(f.default ? [f] : []), ...walk(f.children ?? [])]);
    return walk(declaredFields(operation)).map((field) => [`${id}: ${field.key}`, field] as const);
  });

  it('there are such fields (Convert Value Types, If CleverTap Refuses Items)', () => {
    expect(withDefaults.length).toBeGreaterThan(0);
  });

  it.each(withDefaults)('%s', (_id, field) => {
    const read = DEFAULT_READERS[field.key];
    if (!read) throw new Error(`${field.key} has a default (${field.default}): add how the app reads it`);
    expect(read(field.default)).toEqual(read(''));
    expect(read(field.default)).toEqual(read(undefined));
  });
});

describe("the boundary model is Zapier's, and would catch a typed field", () => {
  const coerce = (field: BoundaryField, value: unknown) =>
    coerceLikeZapier({ [field.key]: value }, [field], ZAP_TIMEZONE)[field.key];

  it('number: keeps only 0-9 . - , and reads the start (`$1,200.50` is 1, `1.200,50` is 1.2)', () => {
    const field = { key: 'amount', type: 'number' };
    expect(coerce(field, '$1,200.50')).toBe(1);
    expect(coerce(field, '1.200,50')).toBe(1.2);
    expect(coerce(field, '€1.299,00')).toBe(1.299);
    expect(coerce(field, 'garbage')).toBe(0);
  });

  it('integer: parseInt (`2,5` is 2, `1,000` is 1)', () => {
    const field = { key: 'size', type: 'integer' };
    expect(coerce(field, '2,5')).toBe(2);
    expect(coerce(field, '1,000')).toBe(1);
    expect(coerce(field, 'abc')).toBe(0);
  });

  it('boolean: empty is false, `maybe` is true', () => {
    const field = { key: 'msgEmail', type: 'boolean' };
    expect(coerce(field, '')).toBe(false);
    expect(coerce(field, 'maybe')).toBe(true);
    expect(coerce(field, 'no')).toBe(false);
    expect(coerce(field, 'yes')).toBe(true);
  });

  it("datetime: unreadable text is now; a time without an offset is in the Zap's time zone", () => {
    const field = { key: 'ts', type: 'datetime' };
    // "Now" on a fixed clock: 12:00 UTC on 15 January is 06:00 in Chicago (UTC-6 in winter).
    jest.useFakeTimers({ now: new Date('2025-01-15T12:00:00Z') });
    try {
      for (const text of ['garbage', 'TBD', '31/13/2024'])
        expect(coerce(field, text)).toBe('2025-01-15T06:00:00-06:00');
    } finally {
      jest.useRealTimers();
    }
    // Read as 14:30 in Chicago (UTC-5 in May), not UTC as the help text says.
    expect(coerce(field, '2024-05-01 14:30:00')).toBe('2024-05-01T14:30:00-05:00');
  });

  it("a line item's child is coerced too", () => {
    const fields = [{ key: 'items', children: [{ key: 'price', type: 'number' }] }];
    const out = coerceLikeZapier({ items: [{ price: '$1,200.50' }] }, fields, ZAP_TIMEZONE);
    expect(out).toEqual({ items: [{ price: 1 }] });
  });

  it('the check above finds every typed field, top level and in line items, changing the text', () => {
    const typed: BoundaryOperation = {
      inputFields: [
        { key: 'amount', type: 'number' },
        { key: 'size', type: 'integer' },
        { key: 'msgEmail', type: 'boolean' },
        { key: 'ts', type: 'datetime' },
        { key: 'items', children: [{ key: 'price', type: 'number' }] },
        { key: 'name', type: 'string' },
      ],
    };
    const { changes } = changedTexts(typed);
    for (const path of ['amount', 'size', 'msgEmail', 'ts', 'items[].price'])
      expect(changes.some((c) => c.startsWith(`${path} <- `))).toBe(true);
    expect(changes.filter((c) => c.startsWith('name <- '))).toEqual([]);
    // `$1,200.50` is what the issue reported: sent as 1.
    expect(changes).toContain('amount <- "$1,200.50": coerced to 1');
  });

  it("the check finds empty values dropped by Zapier's default cleanInputData", () => {
    const plain: BoundaryOperation = { inputFields: [{ key: 'name', type: 'string' }] };
    expect(changedTexts(plain, { cleanInputData: true }).changes).toContain(
      'name <- "": handed over as undefined',
    );
    expect(changedTexts(plain, { cleanInputData: false }).changes).toEqual([]);
  });
});
