// Applying a validated profileData update to a stored profile: plain values replace, update operators
// ($add, $remove, $incr, $decr, $delete) modify. A table maps each operator to what it does.
import { LIMITS, PROFILE_OPERATORS, ProfileOperator } from './contract';
import { JsonObject, isPlainObject } from './validate';

/** Returned by an operation to remove the key from the profile. */
const DELETE = Symbol('delete');
type Operation = (current: unknown, operand: unknown) => unknown;

const asList = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];

const asNumber = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

/** Unique strings, first occurrence kept; beyond the limit the oldest items are dropped. */
function multiValue(items: string[]): string[] {
  const unique = [...new Set(items)];
  return unique.slice(Math.max(0, unique.length - LIMITS.multiValueItems));
}

const OPERATIONS: Record<ProfileOperator, Operation> = {
  $add: (current, operand) => {
    const added = asList(operand);
    const kept = asList(current).filter((item) => !added.includes(item));
    return multiValue([...kept, ...added]);
  },
  $remove: (current, operand) => {
    const removed = asList(operand);
    return asList(current).filter((item) => !removed.includes(item));
  },
  $incr: (current, operand) => asNumber(current) + (operand as number),
  $decr: (current, operand) => asNumber(current) - (operand as number),
  $delete: () => DELETE,
};

function operatorOf(value: unknown): ProfileOperator | undefined {
  if (!isPlainObject(value)) return undefined;
  const [key] = Object.keys(value);
  return key !== undefined && key in PROFILE_OPERATORS ? (key as ProfileOperator) : undefined;
}

function nextValue(current: unknown, value: unknown): unknown {
  const operator = operatorOf(value);
  if (operator) return OPERATIONS[operator](current, (value as JsonObject)[operator]);
  if (Array.isArray(value)) return multiValue(value.map(String));
  return value;
}

/** A new profileData: `current` with `update` applied. Neither argument is modified. */
export function applyProfileUpdate(current: JsonObject, update: JsonObject): JsonObject {
  const next: JsonObject = { ...current };
  for (const [key, value] of Object.entries(update)) {
    const result = nextValue(next[key], value);
    if (result === DELETE) delete next[key];
    else next[key] = result;
  }
  return next;
}
