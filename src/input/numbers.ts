/** Numbers typed or mapped into a field: Zapier hands them over as numbers or as text. */
import { InputError } from './errors';
import { textOf } from './text';

/** Plain decimal notation: optional sign, digits, an optional dot and decimals, an optional exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const HOW = 'Write it with a dot for decimals and no thousands separators or currency signs, like 1200.50.';

/** The number in a field, or undefined when it is empty. "12,50", "$12" and "1 200" are refused, not guessed at. */
export function parseNumber(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InputError(field, `${value} is not a finite number.`);
    return value;
  }
  const text = textOf(field, value);
  if (!text) return undefined;
  const shown = `"${text.slice(0, 40)}"`;
  if (!DECIMAL.test(text)) {
    const hint = /^[+-]?\d+,\d+$/.test(text) ? ' (a comma is not a decimal separator here)' : '';
    throw new InputError(field, `${shown} is not a number${hint}. ${HOW}`);
  }
  const number = Number(text);
  if (!Number.isFinite(number)) throw new InputError(field, `${shown} is too large a number.`);
  return number;
}
