/**
 * One declaration per field: what the Zap editor shows (key, label, help text, type, choices, default) and how the
 * app reads what Zapier hands over, together. Actions take `field.input` into their input fields and read values
 * with `field.read`; an action that needs other words says so with `withHelpText`, never by editing a copy. A label is
 * written once, in its declaration; messages take it from there.
 */
import { defineInputField } from 'zapier-platform-core';
import { InputError } from '../input/errors';
import { textOf } from '../input/text';
import { quoted } from '../wording';

/** An input field as Zapier's schema declares it (what `defineInputField` takes). */
export type InputField = Parameters<typeof defineInputField>[0];

export interface Field<F extends object = InputField, T = unknown, A extends unknown[] = []> {
  /** The field as the Zap editor shows it. */
  readonly input: F;
  /**
   * The value Zapier handed over, read and checked; throws an `InputError` that names the field by its label. `args`
   * are what the reading needs besides the value (the declared property types for property rows).
   */
  readonly read: (value: unknown, ...args: A) => T;
}

/** A field and its reader; the reader is given the field's label for its messages. */
export function defineField<const F extends InputField & { label: string }, T, A extends unknown[] = []>(
  input: F,
  read: (label: string, value: unknown, ...args: A) => T,
): Field<F, T, A> {
  return { input, read: (value, ...args) => read(input.label, value, ...args) };
}

/** What a dropdown of fixed choices declares besides its choices. */
interface ChoiceSpec {
  key: string;
  label: string;
  helpText: string;
  required?: boolean;
  default?: string;
}

/**
 * A dropdown of fixed choices (`choices`: each value and what the dropdown shows for it). A `string` field rather than
 * a boolean or a number, so the choice reads as what happens, and a mapped value that is none of the choices reaches
 * the reader, which refuses it, rather than being turned into one of them.
 */
export function choiceInput<const F extends ChoiceSpec, V extends string>(
  field: F,
  choices: Record<V, string>,
) {
  const dropdown = Object.entries<string>(choices).map(([value, label]) => ({ value, sample: value, label }));
  return { ...field, type: 'string', choices: dropdown } as const;
}

/**
 * A dropdown of fixed choices that may be left empty: empty is `fallback`, a choice's value is matched without regard
 * to case, anything else is refused naming each choice (`choices[value].named`, as short as a message wants it).
 */
export function defineChoiceField<const F extends Omit<ChoiceSpec, 'required' | 'default'>, V extends string>(
  field: F,
  choices: Record<V, { label: string; named: string }>,
  fallback: NoInfer<V>,
) {
  const values = Object.keys(choices) as V[];
  const labels = Object.fromEntries(values.map((v) => [v, choices[v].label])) as Record<V, string>;
  const named = values.map((v) => `${choices[v].named} (${v})`).join(' or ');
  return defineField(
    choiceInput({ ...field, required: false, default: fallback }, labels),
    (label, value): V => {
      const given = textOf(label, value).toLowerCase();
      if (!given) return fallback;
      const choice = values.find((v) => v === given);
      if (choice) return choice;
      throw new InputError(label, `${quoted(given)} is not one of the choices: pick ${named}.`);
    },
  );
}

/** The same field, read the same way, shown with `change` applied. */
const changed = <F extends InputField, C extends Partial<InputField>, T, A extends unknown[]>(
  field: Field<F, T, A>,
  change: C,
) => ({
  input: { ...field.input, ...change },
  read: field.read,
});

/** The same field with the help text one action needs (what "when" means, which list it belongs to). */
export function withHelpText<F extends InputField, T, A extends unknown[]>(
  field: Field<F, T, A>,
  helpText: string,
): Field<F, T, A> {
  return changed(field, { helpText });
}

/**
 * The same field offering a dropdown filled from the account (a `dynamic` value of ./dropdowns.ts); any other value
 * can still be typed or mapped.
 */
export function withDropdown<F extends InputField, T, A extends unknown[]>(
  field: Field<F, T, A>,
  dynamic: string,
): Field<F & { dynamic: string }, T, A> {
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

/**
 * What a list of input fields holds as Zapier hands it over: each key, any value (the field's reader checks it).
 * Inferred from the declarations, so an action's input type is its field list.
 */
export type InputOf<L extends readonly { key: string }[]> = Partial<Record<L[number]['key'], unknown>>;

/** The same for a list of declared fields. */
export type InputOfFields<L extends readonly { input: { key: string } }[]> = Partial<
  Record<L[number]['input']['key'], unknown>
>;

/**
 * A line item's values for the children a list field declares, and only those: an item reader takes them whole,
 * so a child added to the declaration reaches the reader without a hand-written pass-through.
 */
export function valuesOf<L extends readonly { key: string }[]>(
  children: L,
  values: Record<string, unknown>,
): InputOf<L> {
  return Object.fromEntries(children.map((child) => [child.key, values[child.key]])) as InputOf<L>;
}

/** One declared field of a list, by its key. */
export function pickDeclared<
  L extends readonly { input: { key: string } }[],
  K extends L[number]['input']['key'],
>(fields: L, key: K): Extract<L[number], { input: { key: K } }> {
  const field = fields.find((f) => f.input.key === key);
  if (!field) throw new Error(`no field "${key}"`);
  return field as Extract<L[number], { input: { key: K } }>;
}
