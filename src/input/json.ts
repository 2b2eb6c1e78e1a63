/** JSON text typed or mapped into a field, read as an object of properties. */
import { InputError } from './errors';

const CAUSE =
  'This usually happens when a mapped value contains a double quote (") or a line break. ' +
  'Put a backslash before quotes inside values (\\") or map that value into a key/value field instead.';

/** Where JSON.parse stopped, as a character index, from its message (Node 20 and 22 word it differently). */
function breakIndex(message: string, text: string): number | undefined {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (/end of (JSON )?input/i.test(message)) return text.length;
  return undefined;
}

function where(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  const near = text.slice(Math.max(0, index - 15), index + 15).replace(/\s+/g, ' ');
  return `line ${line}, column ${column} (near \`${near}\`)`;
}

/**
 * The object in a JSON field; empty means no properties. Zapier hands text over as a string, but an object already
 * parsed (a json-typed field, a test) is taken as it is.
 */
export function parseJsonObject(field: string, value: unknown): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  const text = String(value);
  if (!text.trim()) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const index = breakIndex((error as Error).message, text);
    const at = index === undefined ? '' : ` The text breaks at ${where(text, index)}.`;
    throw new InputError(field, `this is not valid JSON.${at} ${CAUSE}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError(
      field,
      `this must be a JSON object of property names and values, like {"Plan": "Gold", "Score": 42}; ` +
        `got ${Array.isArray(parsed) ? 'a list' : `the single value ${JSON.stringify(parsed)}`}.`,
    );
  }
  return parsed as Record<string, unknown>;
}
