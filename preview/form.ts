/**
 * What the page's form holds -> the input a Zap step is given, before Zapier's own handling (coercion, defaults,
 * cleanInputData: scripts/zapier-boundary.ts). Key/value rows become an object, list entries a list, line items a
 * list of objects; values stay the text typed, as in the Zap editor. A field left empty is not in the input at all
 * (the editor keeps only fields that have a value), so Zapier's coercion never sees it: an empty boolean field stays
 * unset instead of becoming `false`.
 */
import type { PageField } from './definition';

/** A key/value row of a `dict` field: [name, value]. */
export type DictRow = [string, string];

const text = (value: unknown): string =>
  typeof value === 'string' ? value : value == null ? '' : String(value);

function dictOf(rows: unknown): Record<string, string> {
  const dict: Record<string, string> = {};
  if (!Array.isArray(rows)) return dict;
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const name = text(row[0]);
    // The editor keeps no row without a name; a later row with the same name replaces the earlier one.
    if (name.trim() !== '') dict[name] = text(row[1]);
  }
  return dict;
}

function valueOf(field: PageField, value: unknown): unknown {
  switch (field.control) {
    case 'copy':
      return undefined;
    case 'dict':
      return dictOf(value);
    case 'list':
      return Array.isArray(value) ? value.map(text) : [];
    case 'lineItems':
      return Array.isArray(value)
        ? value.map((item) => formToInputData(field.children ?? [], (item ?? {}) as Record<string, unknown>))
        : [];
    default:
      return text(value) === '' ? undefined : text(value);
  }
}

/** The form's values for the fields, in the fields' order; unknown keys, `copy` fields and empty texts are left out. */
export function formToInputData(
  fields: readonly PageField[],
  form: Record<string, unknown>,
): Record<string, unknown> {
  const inputData: Record<string, unknown> = {};
  for (const field of fields) {
    if (!Object.prototype.hasOwnProperty.call(form, field.key)) continue;
    const value = valueOf(field, form[field.key]);
    if (value !== undefined) inputData[field.key] = value;
  }
  return inputData;
}

const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

/**
 * The labels of the required fields still empty once Zapier has handed the input over: the Zap editor asks for these
 * before it tests a step, so the step is not run.
 */
export function missingRequired(fields: readonly PageField[], handedOver: Record<string, unknown>): string[] {
  return fields
    .filter((f) => f.required && f.control !== 'copy' && isBlank(handedOver[f.key]))
    .map((f) => f.label);
}
