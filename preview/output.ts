/**
 * A step's output as the Zap editor lists it for mapping in later steps: nested keys joined with `__`
 * (`evtData__Amount`), the fields of line items (lists of objects) as `parent[]child` with their values joined by
 * commas, lists of plain values joined by commas. Output fields the action declares come first, with their labels.
 */

export interface OutputRow {
  /** The key later steps map, flattened. */
  key: string;
  /** The label from the action's outputFields, when it declares this key. */
  label?: string;
  /** The value as the editor shows it (text). */
  value: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function shown(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** [flattened key, value as text] pairs, in the output's own order. */
export function flattenLikeZapier(value: Record<string, unknown>, prefix = ''): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, inner] of Object.entries(value)) {
    const key = prefix ? `${prefix}__${name}` : name;
    if (isPlainObject(inner) && Object.keys(inner).length) {
      pairs.push(...flattenLikeZapier(inner, key));
    } else if (Array.isArray(inner) && inner.length && inner.every(isPlainObject)) {
      // Line items: one row per child key, each with that key's values across the items.
      const columns = new Map<string, string[]>();
      inner.forEach((item, index) => {
        for (const [child, text] of flattenLikeZapier(item)) {
          const column = columns.get(child) ?? Array.from({ length: index }, () => '');
          column[index] = text;
          columns.set(child, column);
        }
      });
      for (const [child, column] of columns)
        pairs.push([
          `${key}[]${child}`,
          Array.from({ length: inner.length }, (_, i) => column[i] ?? '').join(','),
        ]);
    } else if (Array.isArray(inner)) {
      pairs.push([key, inner.map(shown).join(',')]);
    } else {
      pairs.push([key, isPlainObject(inner) ? '' : shown(inner)]);
    }
  }
  return pairs;
}

/**
 * The rows the editor lists for a step's output: a search's first result, a create's object. Declared output fields
 * (by their flattened key) come first in their declared order, with their labels; the other keys follow.
 */
export function outputRows(
  output: unknown,
  outputFields: ReadonlyArray<{ key: string; label: string }>,
): OutputRow[] {
  const record: unknown = Array.isArray(output) ? (output as unknown[])[0] : output;
  if (record === undefined) return [];
  if (!isPlainObject(record)) return [{ key: '', value: shown(record) }];
  const pairs = new Map(flattenLikeZapier(record));
  const rows: OutputRow[] = [];
  for (const { key, label } of outputFields) {
    const value = pairs.get(key);
    if (value === undefined) continue;
    rows.push({ key, label, value });
    pairs.delete(key);
  }
  for (const [key, value] of pairs) rows.push({ key, value });
  return rows;
}
