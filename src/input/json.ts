/**
 * JSON text typed or mapped into a field, read as an object of properties. Read with JSON5, which forgives what people
 * type in the Zap editor (trailing commas, single quotes, unquoted names, comments); curly quotes pasted from a document
 * are straightened, but only when the text does not parse as it is, so curly quotes inside valid values are kept.
 */
import JSON5 from 'json5';
import { quoted, shortened } from '../wording';
import { InputError } from './errors';
import { textOf } from './text';

const CAUSE =
  'Often a mapped value has a double quote or a line break: put \\ before such quotes, or map the value into a row.';

/** JSON5's syntax errors say where the text broke, as 1-based line and column. */
interface Json5SyntaxError extends SyntaxError {
  lineNumber?: number;
  columnNumber?: number;
}

const CURLY_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033]/g;
const CURLY_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;

function straightenQuotes(text: string): string {
  return text.replace(CURLY_DOUBLE, '"').replace(CURLY_SINGLE, "'");
}

function where(text: string, line: number, column: number): string {
  const lines = text.split('\n');
  const index = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0) + column - 1;
  const near = text.slice(Math.max(0, index - 12), index + 12).replace(/\s+/g, ' ');
  return `line ${line}, column ${column} (near \`${near}\`)`;
}

function parseForgiving(field: string, text: string): unknown {
  try {
    // Strict JSON first: the same value JSON5 would give, many times faster on large inputs.
    return JSON.parse(text);
  } catch {
    // Not strict JSON: read it forgivingly below.
  }
  try {
    return JSON5.parse(text);
  } catch (error) {
    const straight = straightenQuotes(text);
    if (straight !== text) {
      try {
        return JSON5.parse(straight);
      } catch {
        // Report where the text as typed broke.
      }
    }
    const { lineNumber, columnNumber } = error as Json5SyntaxError;
    const at = lineNumber && columnNumber ? ` at ${where(text, lineNumber, columnNumber)}` : '';
    throw new InputError(field, `this is not valid JSON${at}. ${CAUSE}`);
  }
}

/**
 * The first number JSON5 read that is not what the user wrote: NaN and Infinity (which CleverTap cannot store) and
 * whole numbers too long to be exact (a 20-digit id would silently change), as a plain-words problem.
 */
function inexactNumber(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      return `the value of ${path} is not a finite number; write a number such as 42`;
    if (Number.isInteger(value) && !Number.isSafeInteger(value))
      return (
        `the number for ${path} has too many digits to be stored exactly; ` +
        'put it in double quotes to keep it as text, e.g. "12345678901234567890"'
      );
    return undefined;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = inexactNumber(item, `${path}[${i + 1}]`);
      if (problem) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const problem = inexactNumber(item, path ? `${path} > ${quoted(key)}` : quoted(key));
      if (problem) return problem;
    }
  }
  return undefined;
}

/**
 * The object in a JSON field; empty means no properties. Zapier hands text over as a string, but an object already
 * parsed (a json-typed field, a test) is taken as it is.
 */
export function parseJsonObject(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const text = textOf(field, value);
  if (!text) return {};
  const parsed = parseForgiving(field, text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(
      field,
      `this must be a JSON object of property names and values, like {"Plan": "Gold", "Score": 42}; ` +
        `got ${Array.isArray(parsed) ? 'a list' : `the single value ${shortened(JSON.stringify(parsed), 40)}`}.`,
    );
  }
  const problem = inexactNumber(parsed, '');
  if (problem) throw new InputError(field, `${problem}.`);
  return parsed as Record<string, unknown>;
}
