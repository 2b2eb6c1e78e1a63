/** Zapier shows at most this many characters of an integration's error message: every message must fit. */
export const MESSAGE_LIMIT = 250;

/**
 * A user's value quoted in a message. Zapier shows only the first 250 characters of an error, so a quoted value is
 * kept short: the message must still say what to do after it. Used by every layer that words a problem.
 */

/** How many characters of a value a message quotes. */
export const QUOTED_CHARS = 40;

/** The text on one line, shortened with "…" past `max` characters. */
export function shortened(value: string, max: number): string {
  const chars = [...value.replace(/\s+/g, ' ')];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** The value in double quotes, on one line, shortened with "…" past `max` characters. */
export function quoted(value: string, max = QUOTED_CHARS): string {
  return `"${shortened(value, max)}"`;
}

/**
 * As many of `parts` as fit in `max` characters, joined by `separator`, and how many were left out. At least the
 * first part is kept (shortened with "…" if it alone is too long), so a message always says what went wrong first.
 */
export function joinWithin(
  parts: readonly string[],
  separator: string,
  max: number,
): { text: string; left: number } {
  const [first, ...rest] = parts;
  if (first === undefined) return { text: '', left: 0 };
  let text =
    first.length > max ? shortened(first, Math.max(1, [...first].length - (first.length - max))) : first;
  let shown = 1;
  for (const part of rest) {
    if (text.length + separator.length + part.length > max) break;
    text += separator + part;
    shown += 1;
  }
  return { text, left: parts.length - shown };
}

/** `item 5`, `items 1-1000, 1002, 1004-2000`: consecutive numbers as ranges, at most `maxRanges` of them. */
export function itemList(items: readonly number[], maxRanges = 20): string {
  const ranges: [number, number][] = [];
  for (const item of [...items].sort((a, b) => a - b)) {
    const last = ranges[ranges.length - 1];
    if (last && item === last[1] + 1) last[1] = item;
    else if (!last || item !== last[1]) ranges.push([item, item]);
  }
  const shown = ranges.slice(0, maxRanges).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  const rest = ranges.slice(maxRanges).reduce((sum, [a, b]) => sum + b - a + 1, 0);
  const more = rest ? ` and ${rest} more` : '';
  return `${items.length === 1 ? 'item' : 'items'} ${shown.join(', ')}${more}`;
}
