/**
 * The "Update Profile Property" fields: a property name, an operation, and the operand the operation needs (an
 * amount for Increment/Decrement, values for Add to List/Remove from List). Operands the operation does not use are
 * ignored, so a field mapped for another operation does no harm.
 */
import {
  isProfileOperation,
  listValuesProblem,
  PROFILE_OPERATIONS,
  PROFILE_OPERATION_VALUES,
  profileKeyProblem,
  PropertyOperation,
  singleValueStandardKey,
} from '../clevertap/operations';
import { LIMITS } from '../clevertap/rules';
import { InputError } from '../input/errors';
import { parseNumber } from '../input/numbers';
import { listOf, textOf } from '../input/text';
import { quoted } from '../wording';
import { choiceInput, defineField, type InputOfFields } from './define';
import { PROFILE_PROPERTIES_DROPDOWN } from './dropdowns';

/** The operations as the Zap editor names them. */
export const OPERATION_CHOICES = {
  increment: 'Increment',
  decrement: 'Decrement',
  add: 'Add to List',
  remove: 'Remove from List',
  delete: 'Delete Property',
} as const satisfies Record<keyof typeof PROFILE_OPERATIONS, string>;

const choices = PROFILE_OPERATION_VALUES.map((op) => `${OPERATION_CHOICES[op]} (${op})`).join(', ');

export const propertyField = defineField(
  {
    key: 'property',
    label: 'Property Name',
    type: 'string',
    required: true,
    dynamic: PROFILE_PROPERTIES_DROPDOWN,
    helpText:
      'The profile property to change: pick one your CleverTap account has, or type or map its name, e.g. ' +
      '`Loyalty Points` or `Interests`. ' +
      'May not contain `. : ; $ % # \' " < > ! | & \\`.',
  },
  (label, value): string => {
    const property = textOf(label, value);
    const problem = profileKeyProblem(property);
    if (problem)
      throw new InputError(
        label,
        property
          ? `the name ${quoted(property, 30)} ${problem}. Use the property's name as CleverTap shows it.`
          : 'fill in the name of the profile property to change, such as "Loyalty Points".',
      );
    return property;
  },
);

export const operationField = defineField(
  choiceInput(
    {
      key: 'operation',
      label: 'Operation',
      required: true,
      helpText:
        '**Increment** or **Decrement** a number by **Amount**; **Add to List** or **Remove from List** the ' +
        "**Values** of a list property (not CleverTap's single-value properties such as Name, Email or Phone); " +
        "**Delete Property** removes the property's value from the profile.",
    },
    OPERATION_CHOICES,
  ),
  (label, value) => {
    const name = typeof value === 'string' ? value.trim() : '';
    if (!isProfileOperation(name))
      throw new InputError(
        label,
        name ? `${quoted(name)} is not one of the operations: ${choices}.` : `choose one of ${choices}.`,
      );
    return name;
  },
);

export const amountField = defineField(
  {
    key: 'amount',
    label: 'Amount',
    // Text, not `number`: Zapier would turn `2,5` into 2 before the app saw it.
    type: 'string',
    required: false,
    helpText:
      'For Increment and Decrement (required there): the number to add or subtract, e.g. `1` or `25.5`, with a dot ' +
      'for decimals (`2,5` stops the step rather than be guessed).',
  },
  (label, value, operationLabel: string): number => {
    const amount = parseNumber(label, value);
    if (amount !== undefined) return amount;
    throw new InputError(label, `fill in the number to ${operationLabel.toLowerCase()} by, such as 1.`);
  },
);

export const valuesField = defineField(
  {
    key: 'values',
    label: 'Values',
    type: 'string',
    list: true,
    required: false,
    helpText:
      `For Add to List and Remove from List (required there): the text values, one per entry, at most ` +
      `${LIMITS.multiValueItems} and each only once, e.g. \`Newsletter\`.`,
  },
  (label, value, property: string, operationLabel: string): string[] => {
    const standard = singleValueStandardKey(property);
    if (standard)
      throw new InputError(
        propertyField.input.label,
        `${standard} is a standard CleverTap property that holds a single value, so "${operationLabel}" cannot be ` +
          'used on it. Use Create/Update User Profile to set it, or pick a custom list property.',
      );
    const values = listOf(label, value);
    if (!values.length)
      throw new InputError(
        label,
        `fill in at least one value to ${operationLabel === 'Add to List' ? 'add to' : 'remove from'} the list.`,
      );
    const problem = listValuesProblem(values);
    if (problem) throw new InputError(label, `${problem}.`);
    return values;
  },
);

/** The operation's own fields, in the editor's order (the user key goes between operation and operand). */
export const OPERATION_FIELDS = [propertyField, operationField, amountField, valuesField] as const;

/** The property and the checked operation on it; throws a field-named error for anything missing or not allowed. */
export function parsePropertyOperation(input: InputOfFields<typeof OPERATION_FIELDS>): {
  property: string;
  operation: PropertyOperation;
} {
  const property = propertyField.read(input.property);
  const name = operationField.read(input.operation);
  const label = OPERATION_CHOICES[name];
  switch (name) {
    case 'increment':
    case 'decrement':
      return { property, operation: { operation: name, amount: amountField.read(input.amount, label) } };
    case 'add':
    case 'remove':
      return {
        property,
        operation: { operation: name, values: valuesField.read(input.values, property, label) },
      };
    case 'delete':
      return { property, operation: { operation: name } };
  }
}
