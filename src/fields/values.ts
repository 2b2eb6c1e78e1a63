/**
 * How the values of key/value rows are typed: Convert Value Types (numbers, true/false and dates get their type from
 * the value), the types a user declares for named properties (Keep as Text, Number, Date and Yes/No Properties), and
 * the yes/no dropdown they are built on.
 */
import { InputError } from '../input/errors';
import { listOf } from '../input/text';
import { DeclaredType, parseYesNo, ValueTyping } from '../input/values';
import { quoted } from '../wording';
import { defineField, type InputOfFields, withDropdown } from './define';
import { PROFILE_PROPERTIES_DROPDOWN } from './dropdowns';

/**
 * A yes/no field as a dropdown of explicit values, read as true, false or undefined (empty). Not `boolean`: Zapier
 * turns an empty or unknown boolean into false or true before the app sees it, so an unmapped subscription would
 * unsubscribe the user. The text arrives as given.
 */
export const yesNoField = <const K extends string>(
  key: K,
  label: string,
  yes: string,
  no: string,
  helpText: string,
) =>
  defineField(
    {
      key,
      label,
      type: 'string',
      required: false,
      choices: [
        { value: 'yes', sample: 'yes', label: `Yes: ${yes}` },
        { value: 'no', sample: 'no', label: `No: ${no}` },
      ],
      helpText,
    },
    parseYesNo,
  );

const yesNo = yesNoField(
  'convertValueTypes',
  'Convert Value Types',
  'numbers, true/false and dates get their type',
  'every value is sent as text',
  'Yes (the default): a row value like `42` or `-3.5` is sent as a number, `true`/`false` as true/false and ' +
    '`2024-05-01` as a date; `02139`, `+1415...` and text in double quotes (`"42"`) stay text. No: all text.',
);

/** Yes unless set to no: key/value rows are typed (numbers, true/false, dates) before they are sent. */
export const convertValueTypesField = defineField(
  { ...yesNo.input, default: 'yes' },
  (_label, value) => yesNo.read(value) ?? true,
);

/**
 * A list of property names that all get one type. A list field, not a key/value field of name -> type: a list's
 * entries can be typed, mapped, or (a `dynamic`/`choices` dropdown) picked, while a key/value field's names can only be
 * typed (Zapier offers no dropdown for them). Names are matched without regard to case.
 */
const declaredTypeField = <const K extends string>(key: K, label: string, helpText: string) =>
  defineField({ key, label, type: 'string', list: true, required: false, helpText }, listOf);

const WHERE =
  'Applies to the property rows, the JSON and item properties; a name belongs in one such list only.';

/** Properties whose values stay text whatever they look like: one property, one type, for every user. */
export const keepAsTextField = declaredTypeField(
  'keepAsText',
  'Keep as Text',
  "Names of properties always sent as text, such as `Zip Code` or `Deal ID`. CleverTap takes a property's type " +
    'from its values: without this, `94107` would be a number but `02139` text, and the property would hold both.',
);

export const numberPropertiesField = declaredTypeField(
  'numberProperties',
  'Number Properties',
  'Names of properties always sent as numbers, such as `Amount`: a value must be a plain number like `1500.00`; ' +
    `\`1,500.00\` or \`$12\` stops the step naming the property, rather than be stored as text. ${WHERE}`,
);

export const datePropertiesField = declaredTypeField(
  'dateProperties',
  'Date Properties',
  'Names of properties always sent as CleverTap dates, such as `Last Modified`: a value may be anything **Creation ' +
    "Date** takes, including Unix seconds or milliseconds (HubSpot's `1726140966102`); anything else stops the step. " +
    WHERE,
);

export const yesNoPropertiesField = declaredTypeField(
  'yesNoProperties',
  'Yes/No Properties',
  'Names of properties always sent as true/false, such as `Is Customer`: a value may be `yes`/`no`, `true`/`false`, ' +
    `\`y\`/\`n\`, \`1\`/\`0\` or \`on\`/\`off\`; anything else stops the step. ${WHERE}`,
);

/** The fields that declare property types, each with the type it declares, in the editor's order. */
const DECLARING_FIELDS = [
  [keepAsTextField, 'text'],
  [numberPropertiesField, 'number'],
  [datePropertiesField, 'date'],
  [yesNoPropertiesField, 'yesNo'],
] as const satisfies readonly (readonly [unknown, DeclaredType])[];

/** The four declaring lists, as the event actions show them (getSchema lists no event properties to offer). */
export const declaredTypeFields = [
  keepAsTextField.input,
  numberPropertiesField.input,
  datePropertiesField.input,
  yesNoPropertiesField.input,
] as const;

/** The four declaring lists on a profile action: each offers the account's profile properties; any name can be typed. */
export const profileDeclaredTypeFields = [
  withDropdown(keepAsTextField, PROFILE_PROPERTIES_DROPDOWN).input,
  withDropdown(numberPropertiesField, PROFILE_PROPERTIES_DROPDOWN).input,
  withDropdown(datePropertiesField, PROFILE_PROPERTIES_DROPDOWN).input,
  withDropdown(yesNoPropertiesField, PROFILE_PROPERTIES_DROPDOWN).input,
] as const;

/** The fields of an action whose property rows are typed: Convert Value Types and the four declaring lists. */
export const valueTypingFields = [convertValueTypesField.input, ...declaredTypeFields] as const;

/** The same on a profile action, whose lists offer the account's profile properties. */
export const profileValueTypingFields = [convertValueTypesField.input, ...profileDeclaredTypeFields] as const;

/** What the typing fields hold, as Zapier hands it over. */
export type TypingInput = InputOfFields<
  [typeof convertValueTypesField, ...(typeof DECLARING_FIELDS)[number][0][]]
>;

/**
 * Convert Value Types and the declared types, as an action's fields hand them over. A name in two lists of different
 * types stops the step, naming both lists: which one was meant cannot be guessed.
 */
export function parseValueTyping(input: TypingInput): ValueTyping {
  const declared = new Map<string, DeclaredType>();
  const where = new Map<string, string>();
  for (const [field, type] of DECLARING_FIELDS) {
    for (const name of field.read(input[field.input.key])) {
      const key = name.toLowerCase();
      const before = declared.get(key);
      if (before && before !== type)
        throw new InputError(
          field.input.label,
          `${quoted(name)} is also in ${where.get(key)}; a property has one type. Remove it from one of the two.`,
        );
      declared.set(key, type);
      where.set(key, field.input.label);
    }
  }
  return { convert: convertValueTypesField.read(input.convertValueTypes), declared };
}
