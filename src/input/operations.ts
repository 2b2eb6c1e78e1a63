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
import { InputError } from './errors';
import { quoted } from '../wording';
import { listOf, textOf } from './text';
import { parseNumber } from './numbers';

export const OPERATION_LABELS = {
  property: 'Property Name',
  operation: 'Operation',
  amount: 'Amount',
  values: 'Values',
} as const;

const choices = PROFILE_OPERATION_VALUES.map((op) => `${PROFILE_OPERATIONS[op].label} (${op})`).join(', ');

export function parsePropertyName(value: unknown): string {
  const property = textOf(OPERATION_LABELS.property, value);
  const problem = profileKeyProblem(property);
  if (problem)
    throw new InputError(
      OPERATION_LABELS.property,
      property
        ? `the name ${quoted(property, 30)} ${problem}. Use the property's name as CleverTap shows it.`
        : 'fill in the name of the profile property to change, such as "Loyalty Points".',
    );
  return property;
}

function parseAmount(operationLabel: string, value: unknown): number {
  const amount = parseNumber(OPERATION_LABELS.amount, value);
  if (amount === undefined)
    throw new InputError(
      OPERATION_LABELS.amount,
      `fill in the number to ${operationLabel.toLowerCase()} by, such as 1.`,
    );
  return amount;
}

function parseValues(property: string, operationLabel: string, value: unknown): string[] {
  const standard = singleValueStandardKey(property);
  if (standard)
    throw new InputError(
      OPERATION_LABELS.property,
      `${standard} is a standard CleverTap property that holds a single value, so "${operationLabel}" cannot be ` +
        'used on it. Use Create/Update User Profile to set it, or pick a custom list property.',
    );
  const values = listOf(OPERATION_LABELS.values, value);
  if (!values.length)
    throw new InputError(
      OPERATION_LABELS.values,
      `fill in at least one value to ${operationLabel === 'Add to List' ? 'add to' : 'remove from'} the list.`,
    );
  const problem = listValuesProblem(values);
  if (problem) throw new InputError(OPERATION_LABELS.values, `${problem}.`);
  return values;
}

/** The property and the checked operation on it; throws a field-named error for anything missing or not allowed. */
export function parsePropertyOperation(input: {
  property?: unknown;
  operation?: unknown;
  amount?: unknown;
  values?: unknown;
}): { property: string; operation: PropertyOperation } {
  const property = parsePropertyName(input.property);
  const name = typeof input.operation === 'string' ? input.operation.trim() : '';
  if (!isProfileOperation(name))
    throw new InputError(
      OPERATION_LABELS.operation,
      name ? `${quoted(name)} is not one of the operations: ${choices}.` : `choose one of ${choices}.`,
    );
  const { label } = PROFILE_OPERATIONS[name];
  switch (name) {
    case 'increment':
    case 'decrement':
      return { property, operation: { operation: name, amount: parseAmount(label, input.amount) } };
    case 'add':
    case 'remove':
      return { property, operation: { operation: name, values: parseValues(property, label, input.values) } };
    case 'delete':
      return { property, operation: { operation: name } };
  }
}
