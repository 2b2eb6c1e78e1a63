/**
 * Changing one profile property in place with CleverTap's update operators: add to or take from a number, add to or
 * remove from a list of text, or delete the value. Pure: the operations as a table, the record builder and the checks.
 */
import { quoted } from '../wording';
import { propertyNameProblem } from './checks';
import { OperatorValue, profileRecord, ProfileRecord, UserKey } from './records';
import type { Replay } from './replay';
import { BYTES_NOTE, LIMITS, STANDARD_PROFILE_KEYS, utf8Bytes } from './rules';

/**
 * The operations, the CleverTap operator and operand each one takes, and what sending it twice does: the same
 * profile as sending it once, or a counter changed twice.
 */
export const PROFILE_OPERATIONS = {
  increment: { operator: '$incr', operand: 'amount', replay: 'stores_twice' },
  decrement: { operator: '$decr', operand: 'amount', replay: 'stores_twice' },
  add: { operator: '$add', operand: 'values', replay: 'safe' },
  remove: { operator: '$remove', operand: 'values', replay: 'safe' },
  delete: { operator: '$delete', operand: 'none', replay: 'safe' },
} as const satisfies Record<string, { operator: string; operand: string; replay: Replay }>;

export type ProfileOperation = keyof typeof PROFILE_OPERATIONS;

export const PROFILE_OPERATION_VALUES = Object.keys(PROFILE_OPERATIONS) as ProfileOperation[];

export function isProfileOperation(value: unknown): value is ProfileOperation {
  return typeof value === 'string' && Object.hasOwn(PROFILE_OPERATIONS, value);
}

/** An operation with the operand it needs. */
export type PropertyOperation =
  | { operation: 'increment' | 'decrement'; amount: number }
  | { operation: 'add' | 'remove'; values: string[] }
  | { operation: 'delete' };

/** The operator object CleverTap applies to the property: `{"$incr": 5}`, `{"$add": ["a"]}`, `{"$delete": 1}`. */
export function operatorValue(op: PropertyOperation): OperatorValue {
  switch (op.operation) {
    case 'increment':
      return { $incr: op.amount };
    case 'decrement':
      return { $decr: op.amount };
    case 'add':
      return { $add: op.values };
    case 'remove':
      return { $remove: op.values };
    case 'delete':
      return { $delete: 1 };
  }
}

/** A profile record whose `profileData` is `{<property>: <operator>}`. */
export function propertyUpdateRecord(user: UserKey, property: string, op: PropertyOperation): ProfileRecord {
  return profileRecord(user, { [property]: operatorValue(op) });
}

/** What is wrong with a profile property name, if anything (CleverTap's key rules). */
export function profileKeyProblem(key: string): string | undefined {
  return propertyNameProblem(key, 'profile');
}

/**
 * CleverTap's standard profile properties hold one value each (text, a number, a date, a flag), so list operations
 * on them are refused. Compared without regard to case, since `email` is almost surely meant as `Email`. Identity is
 * the user key, not a property, and is refused too. Returns the standard name the key stands for.
 */
export function singleValueStandardKey(key: string): string | undefined {
  const wanted = key.trim().toLowerCase();
  return [...Object.keys(STANDARD_PROFILE_KEYS), 'Identity'].find((name) => name.toLowerCase() === wanted);
}

/** What is wrong with a list of values for `$add` / `$remove`, if anything: at most 100 unique, not too long. */
export function listValuesProblem(values: string[]): string | undefined {
  if (values.length > LIMITS.multiValueItems)
    return `there are ${values.length} values; CleverTap keeps at most ${LIMITS.multiValueItems} in a list`;
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) return `${quoted(value)} is given twice; the values of a list must be unique`;
    seen.add(value);
    if (utf8Bytes(value) > LIMITS.valueBytes)
      return `${quoted(value)} is over ${LIMITS.valueBytes} bytes ${BYTES_NOTE}, CleverTap's limit`;
  }
  return undefined;
}
