/** Numbers typed or mapped into a field: Zapier hands them over as numbers or as text. */
import { InputError } from './errors';
import { quoted } from '../wording';
import { textOf } from './text';

/** Plain decimal notation: optional sign, digits, an optional dot and decimals, an optional exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const HOW = 'Write it with a dot for decimals and no currency sign or thousands separators, like 1200.50.';

/**
 * The number in a field, or undefined when it is empty. Only plain decimals are read: "$1,200.50", "1.200,50", "12,50"
 * and "1 200" are refused rather than guessed at (each is read differently in some country).
 */
export function parseNumber(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(field, `${value} is not a finite number.`);
    return value;
  }
  const text = textOf(field, value);
  if (!text) return undefined;
  const shown = quoted(text);
  if (!DECIMAL.test(text)) {
    const hint = /^[+-]?\d+,\d+$/.test(text) ? ' (a comma is not a decimal separator here)' : '';
    throw new InputError(field, `${shown} is not a plain number${hint}. ${HOW}`);
  }
  const number = Number(text);
  if (!Number.isFinite(number)) throw new InputError(field, `${shown} is too large a number.`);
  if (Number.isInteger(number) && !Number.isSafeInteger(number))
    throw new InputError(
      field,
      `${shown} has too many digits to be sent exactly; CleverTap would store another number.`,
    );
  return number;
}
