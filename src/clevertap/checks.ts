/**
 * Checks of names and values against CleverTap's rules (rules.ts). Each returns plain-words problems about the value
 * alone ("the key "a.b" contains "."..."); the input layer says which field it came from and how to fix it.
 */
import {
  FORBIDDEN_NAME_CHARS,
  FORBIDDEN_PROFILE_KEY_CHARS,
  LIMITS,
  PROFILE_OPERATORS,
  STANDARD_PROFILE_KEYS,
  BYTES_NOTE,
  forbiddenCharsIn,
  isProfileOperator,
  systemEventNamed,
  utf8Bytes,
} from './rules';

import { quoted } from '../wording';
import { isRecord } from '../guards';

const quoteChars = (chars: string[]) => chars.map((c) => `"${c}"`).join(' ');
export function eventNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'is empty';
  const bad = FORBIDDEN_NAME_CHARS.filter((c) => name.includes(c));
  if (bad.length) return `contains ${quoteChars(bad)}, which CleverTap does not allow in event names`;
  if (utf8Bytes(name) > LIMITS.eventNameBytes) return `is over ${LIMITS.eventNameBytes} bytes ${BYTES_NOTE}`;
  const system = systemEventNamed(name);
  if (system) return `is "${system}", an event CleverTap records itself and does not accept from uploads`;
  return undefined;
}

export type PropertyKind = 'event' | 'profile' | 'item';

/** What is wrong with a property name by CleverTap's key rules, if anything: "is empty", "contains ...". */
export function propertyNameProblem(key: string, kind: PropertyKind): string | undefined {
  if (!key.trim()) return 'is empty';
  const forbidden = kind === 'profile' ? FORBIDDEN_PROFILE_KEY_CHARS : FORBIDDEN_NAME_CHARS;
  const bad = forbiddenCharsIn(key, forbidden);
  if (bad.length) return `contains ${quoteChars(bad)} (not allowed in CleverTap property names)`;
  if (utf8Bytes(key) > LIMITS.keyBytes) return `is over ${LIMITS.keyBytes} bytes ${BYTES_NOTE}`;
  return undefined;
}

function keyProblem(key: string, kind: PropertyKind): string | undefined {
  const problem = propertyNameProblem(key, kind);
  if (!problem) return undefined;
  return problem === 'is empty'
    ? 'has an empty property name'
    : `has the property name ${quoted(key, 30)}, which ${problem}`;
}

function textProblem(key: string, value: string): string | undefined {
  if (utf8Bytes(value) > LIMITS.valueBytes)
    return `has a value for ${quoted(key, 30)} over ${LIMITS.valueBytes} bytes ${BYTES_NOTE}`;
  return undefined;
}

function scalarProblem(key: string, value: unknown): string | undefined {
  if (typeof value === 'string') return textProblem(key, value);
  if (typeof value === 'number')
    return Number.isFinite(value)
      ? undefined
      : `has a value for ${quoted(key, 30)} that is not a finite number`;
  if (typeof value === 'boolean') return undefined;
  if (value === null)
    return `has no value (null) for ${quoted(key, 30)}: remove the property, or give it a value`;
  return `has a nested value for ${quoted(key, 30)}: CleverTap takes plain text, numbers and true/false here`;
}

function listProblem(key: string, list: unknown[]): string | undefined {
  if (list.length > LIMITS.multiValueItems)
    return `has ${list.length} values for ${quoted(key, 30)}; CleverTap keeps at most ${LIMITS.multiValueItems} in a list`;
  if (!list.every((v): v is string => typeof v === 'string'))
    return `has a list for ${quoted(key, 30)} with values that are not text; CleverTap lists hold text only`;
  if (new Set(list).size !== list.length)
    return `has the same value twice in the list for ${quoted(key, 30)}`;
  return list.map((v) => textProblem(key, v)).find(Boolean);
}

function operatorProblem(key: string, value: Record<string, unknown>): string | undefined {
  const ops = Object.keys(value);
  const op = ops[0];
  if (ops.length !== 1 || op === undefined || !isProfileOperator(op))
    return (
      `has a nested object for ${quoted(key, 30)}: CleverTap takes plain values, a list of text, or one operator ` +
      `(${Object.keys(PROFILE_OPERATORS).join(', ')}) like {"$incr": 1}`
    );
  const operand = value[op];
  switch (PROFILE_OPERATORS[op]) {
    case 'number':
      return typeof operand === 'number' && Number.isFinite(operand)
        ? undefined
        : `uses ${op} on ${quoted(key, 30)} without a number (e.g. {"${op}": 1})`;
    case 'list':
      return Array.isArray(operand)
        ? listProblem(key, operand)
        : `uses ${op} on ${quoted(key, 30)} without a list of text (e.g. {"${op}": ["a", "b"]})`;
    case 'flag':
      return operand === 1
        ? undefined
        : `uses $delete on ${quoted(key, 30)} with a value other than 1 (write {"$delete": 1})`;
  }
}

function standardValueProblem(key: string, value: unknown): string | undefined {
  const standard = Object.hasOwn(STANDARD_PROFILE_KEYS, key) ? STANDARD_PROFILE_KEYS[key] : undefined;
  if (!standard?.check || standard.check(value)) return undefined;
  return `has ${quoted(JSON.stringify(value) ?? String(value), 30)} for ${quoted(key, 30)}; CleverTap accepts ${standard.accepts} there`;
}

function itemsProblem(list: unknown[]): string | undefined {
  for (const [index, item] of list.entries()) {
    if (!isRecord(item)) return `has an Items entry (number ${index + 1}) that is not an object`;
    const problem = propertiesProblems(item, 'item')[0];
    if (problem) return `has an Items entry (number ${index + 1}) that ${problem}`;
  }
  return undefined;
}

function valueProblem(
  key: string,
  value: unknown,
  kind: PropertyKind,
  isCharged: boolean,
): string | undefined {
  if (Array.isArray(value)) {
    if (kind === 'profile') return listProblem(key, value);
    if (kind === 'event' && isCharged && key === 'Items') return itemsProblem(value);
    return `has a list for ${quoted(key, 30)}: CleverTap event properties take plain values (only a Charged event has Items)`;
  }
  if (kind === 'profile' && isRecord(value)) return operatorProblem(key, value);
  return scalarProblem(key, value) ?? (kind === 'profile' ? standardValueProblem(key, value) : undefined);
}

/**
 * Every problem with a set of properties: names, values and count. `isCharged` allows the `Items` list of a
 * purchase (`Charged`) event.
 */
export function propertiesProblems(
  properties: Record<string, unknown>,
  kind: PropertyKind,
  isCharged = false,
): string[] {
  const keys = Object.keys(properties);
  const problems: string[] = [];
  const max = kind === 'profile' ? LIMITS.profileProperties : LIMITS.eventProperties;
  if (keys.length > max) problems.push(`has ${keys.length} properties; CleverTap takes at most ${max}`);
  for (const key of keys) {
    const problem = keyProblem(key, kind) ?? valueProblem(key, properties[key], kind, isCharged);
    if (problem) problems.push(problem);
  }
  return problems;
}
