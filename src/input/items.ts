/**
 * Zapier line items (a field with `children`) as a list of numbered items, each read with the same field parsers as
 * the single-record actions. Every item is read before anything is sent, and every problem of every item is reported
 * together ("Item 3, Event Name: ..."), so the user can fix the whole list in one go.
 */
import { itemList, joinWithin, MESSAGE_LIMIT, quoted } from '../wording';
import { InputError } from './errors';

/** One line item: its 1-based position in the step's list and its child fields as Zapier hands them over. */
export interface LineItem {
  item: number;
  values: Record<string, unknown>;
}

const isEmptyValue = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && !value.trim()) ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/**
 * The items of a line-item field, numbered as the user sees them. Items whose children are all empty (a row left
 * blank, a shorter mapped list) carry nothing to send: they are left out and their numbers returned as `skipped`.
 * A single object (one item, not a list) is taken as a list of one.
 */
export function readLineItems(field: string, value: unknown): { items: LineItem[]; skipped: number[] } {
  if (value === undefined || value === null || value === '') return { items: [], skipped: [] };
  const list = Array.isArray(value) ? value : typeof value === 'object' ? [value] : undefined;
  if (!list)
    throw new InputError(
      field,
      'this must be a list of line items; map a line-item field from an earlier step into its fields.',
    );
  const items: LineItem[] = [];
  const skipped: number[] = [];
  list.forEach((entry: unknown, index) => {
    const item = index + 1;
    if (entry !== null && typeof entry === 'object' && !Array.isArray(entry)) {
      const values = entry as Record<string, unknown>;
      if (Object.values(values).every(isEmptyValue)) skipped.push(item);
      else items.push({ item, values });
    } else if (isEmptyValue(entry)) skipped.push(item);
    else
      throw new InputError(
        field,
        `item ${item} is not a line item with fields (got ${quoted(JSON.stringify(entry))}).`,
      );
  });
  return { items, skipped };
}

/** Several problems of one item, each naming its field. */
export class InputErrors extends Error {
  override readonly name = 'InputErrors';

  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/**
 * Runs every reader, even after one fails, and returns their values; when any failed, throws `InputErrors` with every
 * field's problem. Errors other than `InputError` are bugs and pass through.
 */
export function readFields<T extends Record<string, unknown>>(readers: { [K in keyof T]: () => T[K] }): T {
  const values: Partial<T> = {};
  const errors: InputError[] = [];
  for (const key of Object.keys(readers) as (keyof T)[]) {
    try {
      values[key] = readers[key]();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length) throw new InputErrors(errors);
  return values as T;
}

/**
 * Each item read by `parse` (which throws `InputError` or `InputErrors`); returns the results with their item
 * numbers. When any item has a problem, throws one `InputError` for `field`, so nothing is sent: how many items, which
 * (the first few numbers), what to do, then as many of the problems as fit in what Zapier shows.
 */
export function parseLineItems<T>(
  field: string,
  items: readonly LineItem[],
  parse: (values: Record<string, unknown>) => T,
): { item: number; record: T }[] {
  const parsed: { item: number; record: T }[] = [];
  const problems: { item: number; message: string }[] = [];
  for (const { item, values } of items) {
    try {
      parsed.push({ item, record: parse(values) });
    } catch (error) {
      if (error instanceof InputErrors)
        problems.push(...error.errors.map((e) => ({ item, message: e.message })));
      else if (error instanceof InputError) problems.push({ item, message: error.message });
      else throw error;
    }
  }
  if (problems.length) {
    const badItems = [...new Set(problems.map((p) => p.item))];
    const head =
      `${badItems.length} of ${items.length} items ${badItems.length === 1 ? 'has a problem' : 'have problems'} ` +
      `(${itemList(badItems, 4)}), so nothing was sent. Fix them and try again.`;
    const budget = MESSAGE_LIMIT - field.length - 2 - head.length - 1;
    const { text } = joinWithin(
      problems.map((p) => `Item ${p.item}, ${p.message}`),
      ' ',
      budget,
    );
    throw new InputError(field, `${head} ${text}`);
  }
  return parsed;
}
