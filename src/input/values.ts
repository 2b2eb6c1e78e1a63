/**
 * Values typed or mapped into key/value fields and yes/no fields. Zapier hands dict values over as text; these rules
 * decide which text CleverTap should receive as a number, a true/false or a date, and keep everything else as text.
 */
import { dateValue } from '../clevertap/rules';
import type { Scalar } from '../clevertap/records';
import { parseEpochSeconds } from './dates';
import { InputError } from './errors';
import { quoted } from '../wording';
import { textOf } from './text';

/** How row values are typed: `convert` on or off, and the property names that stay text either way. */
export interface ValueTyping {
  convert: boolean;
  /** Lower-cased property names. */
  keepAsText: ReadonlySet<string>;
}

/** Whether a row's value is typed by `typedValue`, or sent as the text given. */
export function typesValueOf(typing: ValueTyping, key: string): boolean {
  return typing.convert && !typing.keepAsText.has(key.trim().toLowerCase());
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
  if (quoted) return quoted[1] ?? quoted[2];
  const lower = trimmed.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return asNumber(trimmed) ?? asDate(trimmed) ?? text;
}

/**
 * The entries of a key/value (dict) field, with names trimmed. Empty values are skipped, so a HubSpot field that is
 * empty for this record leaves the CleverTap property as it is rather than blanking it. Values are typed by
 * `typedValue` as `typing` says (except the keys `readsItself` names, which the caller reads itself).
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
    const typed = typeof raw === 'string' && typesValueOf(typing, key) && !readsItself(key);
    entries.push([key, typed ? typedValue(text) : (raw as Scalar)]);
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
