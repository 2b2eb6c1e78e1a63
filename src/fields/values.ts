/**
 * How the values of key/value rows are typed: Convert Value Types (numbers, true/false and dates get their type) and
 * Keep as Text (properties that stay text whatever they look like), and the yes/no dropdown they are built on.
 */
import { listOf } from '../input/text';
import { parseYesNo, ValueTyping } from '../input/values';
import { defineField } from './define';

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
export const convertValueTypesField = {
  input: { ...yesNo.input, default: 'yes' },
  read: (value: unknown) => yesNo.read(value) ?? true,
};

/** Properties whose values stay text whatever they look like: one property, one type, for every user. */
export const keepAsTextField = defineField(
  {
    key: 'keepAsText',
    label: 'Keep as Text',
    type: 'string',
    list: true,
    required: false,
    helpText:
      "Names of properties always sent as text, such as `Zip Code` or `Deal ID`. CleverTap takes a property's type " +
      'from its values: without this, `94107` would be a number but `02139` text, and the property would hold both.',
  },
  (label, value) => new Set(listOf(label, value).map((name) => name.toLowerCase())),
);

/** Convert Value Types and Keep as Text, as an action's fields hand them over. */
export function parseValueTyping(input: { convertValueTypes?: unknown; keepAsText?: unknown }): ValueTyping {
  return {
    convert: convertValueTypesField.read(input.convertValueTypes),
    keepAsText: keepAsTextField.read(input.keepAsText),
  };
}
