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
      'map one value (such as the email itself) into this field.',
  );
}
