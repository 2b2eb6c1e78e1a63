/**
 * One declaration per field: what the Zap editor shows (key, label, help text, type, choices, default) and how the
 * app reads what Zapier hands over, together. Actions take `field.input` into their input fields and read values
 * with `field.read`; an action that needs other words says so with `withHelpText`, never by editing a copy.
 */
import { defineInputField } from 'zapier-platform-core';

/** An input field as Zapier's schema declares it (what `defineInputField` takes). */
export type InputField = Parameters<typeof defineInputField>[0];

export interface Field<F extends object = InputField, T = unknown> {
  /** The field as the Zap editor shows it. */
  readonly input: F;
  /** The value Zapier handed over, read and checked; throws an `InputError` that names the field by its label. */
  readonly read: (value: unknown) => T;
}

/** A field and its reader; the reader is given the field's label for its messages. */
export function defineField<const F extends InputField & { label: string }, T>(
  input: F,
  read: (label: string, value: unknown) => T,
): Field<F, T> {
  return { input, read: (value) => read(input.label, value) };
}

/** The same field, read the same way, shown with `change` applied. */
const changed = <F extends InputField, C extends Partial<InputField>, T>(field: Field<F, T>, change: C) => ({
  input: { ...field.input, ...change },
  read: field.read,
});

/** The same field with the help text one action needs (what "when" means, which list it belongs to). */
export function withHelpText<F extends InputField, T>(field: Field<F, T>, helpText: string): Field<F, T> {
  return changed(field, { helpText });
}

/**
 * The same field offering a dropdown filled from the account (a `dynamic` value of ./dropdowns.ts); any other value
 * can still be typed or mapped.
 */
export function withDropdown<F extends InputField, T>(
  field: Field<F, T>,
  dynamic: string,
): Field<F & { dynamic: string }, T> {
  return changed(field, { dynamic });
}

/** One field of a list, by its key (never by its position, which a reordering would silently change). */
export function pickField<F extends readonly { key: string }[], K extends F[number]['key']>(
  fields: F,
  key: K,
): Extract<F[number], { key: K }> {
  const field = fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field "${key}"`);
  return field as Extract<F[number], { key: K }>;
}
