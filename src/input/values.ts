/**
 * Values typed or mapped into key/value fields and yes/no fields. Zapier hands dict values over as text; these rules
 * decide which text CleverTap should receive as a number, a true/false or a date, and keep everything else as text.
 * How a value's type is decided, in order: a type the user declared for the property (text, number, date, yes/no)
 * is applied or the step stops; otherwise, with Convert Value Types on, the value decides (`typedValue`).
 */
import { dateValue } from '../clevertap/rules';
import type { Scalar } from '../clevertap/records';
import { parseEpochSeconds } from './dates';
import { InputError } from './errors';
import { parseNumber } from './numbers';
import { quoted, shortened } from '../wording';
import { textOf } from './text';

/** The types a user can declare for a named property. */
export type DeclaredType = 'text' | 'number' | 'date' | 'yesNo';

/** How row values are typed: `convert` on or off, and the types the user declared for named properties. */
export interface ValueTyping {
  convert: boolean;
  /** Lower-cased, trimmed property names -> their declared type (Keep as Text's names are `text`). */
  declared: ReadonlyMap<string, DeclaredType>;
}

/** Convert Value Types on, nothing declared: the typing of an action's defaults. */
export const DEFAULT_TYPING: ValueTyping = { convert: true, declared: new Map() };

/** The type declared for a property, matched without regard to case or surrounding spaces. */
export function declaredTypeOf(typing: ValueTyping, key: string): DeclaredType | undefined {
  return typing.declared.get(key.trim().toLowerCase());
}

/** One property of a field in messages: `Event Properties > Close Date`. */
export const propertyLabel = (field: string, key: string) => `${field} > ${shortened(key.trim(), 40)}`;

/** A CleverTap date already written as one (`$D_1726140966`): sent as it is. */
const CLEVERTAP_DATE = /^\$D_-?\d+$/;

/**
 * The value of a property the user declared a type for, read by the app's own rules for that type (those of Amount,
 * Creation Date and the yes/no fields); a value that cannot be read as its type stops the step, naming the property.
 */
export function declaredValue(field: string, key: string, value: Scalar, type: DeclaredType): Scalar {
  const label = propertyLabel(field, key);
  switch (type) {
    case 'text':
      return typeof value === 'string' ? value : String(value);
    case 'number':
      return parseNumber(label, value) ?? value;
    case 'date': {
      if (typeof value === 'string' && CLEVERTAP_DATE.test(value.trim())) return value.trim();
      const seconds = parseEpochSeconds(label, typeof value === 'boolean' ? String(value) : value, true);
      return seconds === undefined ? value : dateValue(seconds);
    }
    case 'yesNo':
      return parseYesNo(label, value) ?? value;
  }
}

/**
 * What CleverTap receives for one row of a key/value field (or one `Name=Value` pair): the declared type's value,
 * else (Convert Value Types on) the type the text looks like, else the value as given.
 */
export function rowValue(field: string, key: string, value: Scalar, typing: ValueTyping): Scalar {
  const declared = declaredTypeOf(typing, key);
  if (declared) return declaredValue(field, key, value, declared);
  return typing.convert && typeof value === 'string' ? typedValue(value) : value;
}

/**
 * JSON properties with the declared types applied to their single values (text, numbers, true/false); lists, update
 * operators and empty text are sent as written, and so is every property nobody declared a type for.
 */
export function withDeclaredTypes<T>(field: string, properties: Record<string, T>, typing: ValueTyping) {
  if (!typing.declared.size) return properties;
  const out: Record<string, T | Scalar> = {};
  for (const [key, value] of Object.entries(properties)) {
    const declared = declaredTypeOf(typing, key);
    // A single value (not empty text, a list or an operator) is what a declared type applies to.
    const single: Scalar | undefined =
      (typeof value === 'string' && value.trim() !== '') ||
      typeof value === 'number' ||
      typeof value === 'boolean'
        ? value
        : undefined;
    out[key] = declared && single !== undefined ? declaredValue(field, key, single, declared) : value;
  }
  return out;
}

/** Digits CleverTap's numbers (doubles) keep exactly; longer numbers stay text rather than be rounded. */
const EXACT_DIGITS = 15;

/** `42`, `-3.5`, `0.25`: no leading zeros (zip codes), no `+` (phones), no exponent, no thousands separators. */
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;

/** An ISO-8601 calendar date, or date and time with an optional offset. Years alone (`2024`) are not dates. */
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Text wrapped in double quotes (straight or curly): the user's way of saying "keep this as text". */
const QUOTED = /^(?:"([\s\S]*)"|\u201C([\s\S]*)\u201D)$/;

function asNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const digits = text
    .replace(/^-/, '')
    .replace('.', '')
    .replace(/^0+(?=\d)/, '');
  if (digits.length > EXACT_DIGITS) return undefined;
  const n = Number(text);
  return Object.is(n, -0) ? 0 : n;
}

function asDate(text: string): string | undefined {
  if (!ISO_DATE.test(text)) return undefined;
  try {
    const seconds = parseEpochSeconds('', text, true);
    return seconds === undefined ? undefined : dateValue(seconds);
  } catch {
    return undefined; // Looks like a date but is not one (2024-02-30): it stays text.
  }
}

/**
 * The value CleverTap should receive for text from a key/value field: a number, true/false, a `$D_` date, the text
 * inside double quotes, or the text as given.
 */
export function typedValue(text: string): Scalar {
  const trimmed = text.trim();
  const quoted = QUOTED.exec(trimmed);
  if (quoted) return quoted[1] ?? quoted[2] ?? ''; // One of the two groups matched.
  const lower = trimmed.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return asNumber(trimmed) ?? asDate(trimmed) ?? text;
}

/**
 * The entries of a key/value (dict) field, with names trimmed. Empty values are skipped, so a HubSpot field that is
 * empty for this record leaves the CleverTap property as it is rather than blanking it. Values are typed by
 * `rowValue` as `typing` says (except the keys `readsItself` names, which the caller reads itself).
 */
export function parseKeyValues(
  field: string,
  value: unknown,
  typing: ValueTyping,
  readsItself: (key: string) => boolean = () => false,
): Record<string, Scalar> {
  if (value === undefined || value === null || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new InputError(field, 'fill this in as rows of a property name and a value.');
  const entries: [string, Scalar][] = [];
  for (const [rawKey, raw] of Object.entries(value)) {
    if (raw === undefined || raw === null) continue;
    if (typeof raw === 'object')
      throw new InputError(field, `the value for "${rawKey}" is a list or object; give one value per row.`);
    const text = String(raw);
    if (!text.trim()) continue;
    const key = rawKey.trim();
    if (!key) throw new InputError(field, `the value ${quoted(text)} has no property name beside it.`);
    // A row's value is text, a number or a flag (Zapier's types); anything else is read as its text.
    const given: Scalar = typeof raw === 'number' || typeof raw === 'boolean' ? raw : text;
    entries.push([key, readsItself(key) ? given : rowValue(field, key, given, typing)]);
  }
  return Object.fromEntries(entries);
}

const YES = new Set(['true', 'yes', 'y', '1', 'on']);
const NO = new Set(['false', 'no', 'n', '0', 'off']);

/** A yes/no field: true, false, or undefined when empty (the caller's default, or "leave unchanged"). */
export function parseYesNo(field: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  const text = textOf(field, value).toLowerCase();
  if (!text) return undefined;
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  throw new InputError(
    field,
    `${quoted(text)} is not yes or no: choose Yes or No, or map a value that is yes/no or true/false.`,
  );
}
