/** What Zapier hands over for a field that holds one value, read as trimmed text. */
import { InputError } from './errors';

/**
 * The value as trimmed text; '' when there is none. Zapier sends text (numbers and booleans for typed fields); a
 * list or an object here means a mapping that picked a whole group instead of one value, which is refused rather than
 * sent as "[object Object]" (and an object whose conversion to text throws never crashes the step).
 */
export function textOf(field: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  throw new InputError(
    field,
    `expected a single value here but got ${Array.isArray(value) ? 'a list' : 'a group of values'}; ` +
      'map one value into this field, not a whole group or list.',
  );
}

/**
 * The entries of a list field (`list: true`), trimmed, blank ones dropped: Zapier hands over a list, or one text when
 * a single value is mapped. An entry that is itself a list or a group is refused, naming the field.
 */
export function listOf(field: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list
    .map((entry, index) => {
      if (typeof entry === 'object' && entry !== null)
        throw new InputError(
          field,
          `entry ${index + 1} is a list or a group of values; give one text per entry.`,
        );
      return textOf(field, entry);
    })
    .filter(Boolean);
}
