// Per-record validation of an upload, driven by the tables in contract.ts. A record either passes and
// comes back typed (ValidRecord), or is rejected with the per-record code and a detail sentence.
import {
  CHARGED_EVENT,
  CHARGED_ITEMS_KEY,
  DATE_PREFIX,
  DATE_VALUE,
  FORBIDDEN_CHARS,
  LIMITS,
  OBJECT_ID_SHAPES,
  PROFILE_FIELD_RULES,
  PROFILE_OPERATORS,
  RECORD_TYPES,
  RecordErrorCode,
  RecordType,
  SYSTEM_EVENTS,
  USER_KEYS,
  UserKeyName,
  eventNameKey,
  isObjectId,
} from './contract';

export type JsonObject = Record<string, unknown>;

export interface Rejection {
  code: RecordErrorCode;
  detail: string;
}

export interface UserKey {
  name: UserKeyName;
  value: string;
}

export interface ValidEvent {
  type: 'event';
  userKey: UserKey;
  ts?: number;
  evtName: string;
  evtData: JsonObject;
}

export interface ValidProfile {
  type: 'profile';
  userKey: UserKey;
  ts?: number;
  profileData: JsonObject;
}

export type ValidRecord = ValidEvent | ValidProfile;

export interface ValidationContext {
  /** Event names discarded in the (simulated) dashboard: answered 528. */
  discardedEvents: readonly string[];
}

export type Validation = { ok: true; record: ValidRecord } | { ok: false; rejection: Rejection };

const reject = (code: RecordErrorCode, detail: string): Rejection => ({ code, detail });

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

type ValueKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'other';

function kindOf(value: unknown): ValueKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' || kind === 'object' ? kind : 'other';
}

// ---------------------------------------------------------------- keys and plain values

function checkKey(key: string, forbidden: readonly string[]): Rejection | undefined {
  if (key.length === 0) return reject(512, 'A property key is empty.');
  if (bytes(key) > LIMITS.keyBytes)
    return reject(512, `Property key "${key.slice(0, 40)}..." is longer than ${LIMITS.keyBytes} bytes.`);
  const bad = forbidden.find((char) => key.includes(char));
  if (bad !== undefined)
    return reject(512, `Property key "${key}" contains the forbidden character "${bad}".`);
  return undefined;
}

function checkString(key: string, value: string): Rejection | undefined {
  if (bytes(value) > LIMITS.valueBytes)
    return reject(512, `The value of "${key}" is longer than ${LIMITS.valueBytes} bytes.`);
  if (value.startsWith(DATE_PREFIX)) {
    if (!DATE_VALUE.test(value)) return reject(512, `The date value of "${key}" must be $D_<epoch seconds>.`);
    if (Math.abs(Number(value.slice(DATE_PREFIX.length))) >= LIMITS.maxEpochSeconds)
      return reject(525, `The date value of "${key}" looks like milliseconds; use epoch seconds.`);
  }
  return undefined;
}

function checkNumber(key: string, value: number): Rejection | undefined {
  return Number.isFinite(value) ? undefined : reject(512, `The value of "${key}" is not a finite number.`);
}

type ValueCheck = (key: string, value: unknown, context: EventValueContext) => Rejection | undefined;
interface EventValueContext {
  charged: boolean;
}

const ok: ValueCheck = () => undefined;
const scalarChecks = {
  string: (key: string, value: unknown) => checkString(key, value as string),
  number: (key: string, value: unknown) => checkNumber(key, value as number),
  boolean: ok,
  null: ok,
  other: (key: string) => reject(512, `The value of "${key}" is not a JSON value.`),
};

// ---------------------------------------------------------------- event values

function checkChargedItems(items: unknown[]): Rejection | undefined {
  if (items.length > LIMITS.chargedItems)
    return reject(512, `Charged has more than ${LIMITS.chargedItems} Items.`);
  for (const [index, item] of items.entries()) {
    if (!isPlainObject(item)) return reject(512, `Items[${index}] of Charged is not an object.`);
    for (const [key, value] of Object.entries(item)) {
      const problem =
        checkKey(key, FORBIDDEN_CHARS.eventKey) ??
        ITEM_VALUE_CHECKS[kindOf(value)](key, value, { charged: true });
      if (problem) return problem;
    }
  }
  return undefined;
}

const nestedNotAllowed: ValueCheck = (key) =>
  reject(512, `The value of "${key}" is a nested object; nested objects are not enabled for this account.`);

const ITEM_VALUE_CHECKS: Record<ValueKind, ValueCheck> = {
  ...scalarChecks,
  array: (key) => reject(512, `Charged item property "${key}" must be a flat value, not a list.`),
  object: nestedNotAllowed,
};

const EVENT_VALUE_CHECKS: Record<ValueKind, ValueCheck> = {
  ...scalarChecks,
  array: (key, value, context) =>
    context.charged && key === CHARGED_ITEMS_KEY
      ? checkChargedItems(value as unknown[])
      : reject(512, `The value of "${key}" is a list; only Charged ${CHARGED_ITEMS_KEY} may be a list.`),
  object: nestedNotAllowed,
};

// ---------------------------------------------------------------- profile values

function checkMultiValue(key: string, list: unknown[]): Rejection | undefined {
  if (list.length > LIMITS.multiValueItems)
    return reject(512, `The list "${key}" has more than ${LIMITS.multiValueItems} items.`);
  for (const item of list) {
    if (typeof item !== 'string') return reject(512, `The list "${key}" may hold strings only.`);
    const problem = checkString(key, item);
    if (problem) return problem;
  }
  return undefined;
}

const OPERAND_CHECKS: Record<(typeof PROFILE_OPERATORS)[keyof typeof PROFILE_OPERATORS], ValueCheck> = {
  strings: (key, operand) =>
    typeof operand === 'string'
      ? checkString(key, operand)
      : Array.isArray(operand)
        ? checkMultiValue(key, operand)
        : reject(512, `The operand for "${key}" must be a string or a list of strings.`),
  number: (key, operand) =>
    typeof operand === 'number' && Number.isFinite(operand)
      ? undefined
      : reject(512, `The operand for "${key}" must be a number.`),
  any: ok,
};

function checkOperator(key: string, value: JsonObject): Rejection | undefined {
  const entries = Object.entries(value);
  const [operator, operand] = entries[0] ?? [];
  if (entries.length !== 1 || operator === undefined || !(operator in PROFILE_OPERATORS))
    return reject(
      512,
      `The value of "${key}" is an object; only one of ${Object.keys(PROFILE_OPERATORS).join(', ')} is allowed.`,
    );
  const operandKind = PROFILE_OPERATORS[operator as keyof typeof PROFILE_OPERATORS];
  return OPERAND_CHECKS[operandKind](key, operand, { charged: false });
}

const PROFILE_VALUE_CHECKS: Record<ValueKind, ValueCheck> = {
  ...scalarChecks,
  array: (key, value) => checkMultiValue(key, value as unknown[]),
  object: (key, value) => checkOperator(key, value as JsonObject),
};

function checkStandardField(key: string, value: unknown): Rejection | undefined {
  const rule = PROFILE_FIELD_RULES[key];
  if (rule === undefined || isPlainObject(value) || rule.accepts(value)) return undefined;
  return reject(rule.code, `${key} must be ${rule.expects}.`);
}

// ---------------------------------------------------------------- record checks

type RecordCheck = (record: JsonObject, context: ValidationContext) => Rejection | undefined;

const isPresent = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

const checkUserKey: RecordCheck = (record) => {
  const present = USER_KEYS.filter((name) => isPresent(record[name]));
  const [key] = present;
  if (key === undefined) return reject(523, `The record has none of ${USER_KEYS.join(', ')}.`);
  if (present.length > 1)
    return reject(523, `The record has more than one user key (${present.join(', ')}).`);
  const value = record[key];
  const usable =
    typeof value === 'string' ? value.trim() !== '' : typeof value === 'number' && Number.isFinite(value);
  return usable ? undefined : reject(523, `The user key ${key} must be a non-empty string.`);
};

const checkObjectId: RecordCheck = (record) => {
  const objectId = record.objectId;
  if (!isPresent(objectId) || isObjectId(objectId)) return undefined;
  return reject(526, `objectId must be one of: ${OBJECT_ID_SHAPES.map(({ shape }) => shape).join('; ')}.`);
};

const checkType: RecordCheck = (record) =>
  (RECORD_TYPES as readonly unknown[]).includes(record.type)
    ? undefined
    : reject(524, `type must be one of ${RECORD_TYPES.join(', ')}.`);

const checkTimestamp: RecordCheck = (record) => {
  const ts = record.ts;
  if (ts === undefined) return undefined;
  if (typeof ts !== 'number' || !Number.isInteger(ts) || ts <= 0)
    return reject(525, 'ts must be a positive whole number of epoch seconds.');
  if (ts >= LIMITS.maxEpochSeconds) return reject(525, 'ts looks like milliseconds; use epoch seconds.');
  return undefined;
};

const SYSTEM_EVENT_KEYS = new Set(SYSTEM_EVENTS.map(eventNameKey));

const checkEventName: RecordCheck = (record) => {
  const name = record.evtName;
  if (typeof name !== 'string' || name.trim() === '') return reject(509, 'evtName is missing or empty.');
  const bad = FORBIDDEN_CHARS.eventName.find((char) => name.includes(char));
  if (bad !== undefined) return reject(512, `Event name contains the forbidden character "${bad}".`);
  if (bytes(name) > LIMITS.eventNameBytes)
    return reject(512, `Event name is longer than ${LIMITS.eventNameBytes} bytes.`);
  return undefined;
};

const checkSystemEvent: RecordCheck = (record) =>
  SYSTEM_EVENT_KEYS.has(eventNameKey(record.evtName as string))
    ? reject(513, `"${String(record.evtName)}" is a system event and cannot be uploaded.`)
    : undefined;

const checkDiscardedEvent: RecordCheck = (record, context) => {
  const name = eventNameKey(record.evtName as string);
  return context.discardedEvents.some((discarded) => eventNameKey(discarded) === name)
    ? reject(528, `"${String(record.evtName)}" is discarded in the dashboard.`)
    : undefined;
};

const checkEventData: RecordCheck = (record) => {
  const data = record.evtData ?? {};
  if (!isPlainObject(data)) return reject(512, 'evtData must be an object.');
  const keys = Object.keys(data);
  if (keys.length > LIMITS.eventProperties)
    return reject(
      522,
      `The event has ${keys.length} properties; at most ${LIMITS.eventProperties} are allowed.`,
    );
  const context = { charged: eventNameKey(record.evtName as string) === eventNameKey(CHARGED_EVENT) };
  for (const [key, value] of Object.entries(data)) {
    const problem =
      checkKey(key, FORBIDDEN_CHARS.eventKey) ?? EVENT_VALUE_CHECKS[kindOf(value)](key, value, context);
    if (problem) return problem;
  }
  return undefined;
};

const checkProfileData: RecordCheck = (record) => {
  const data = record.profileData;
  if (!isPlainObject(data)) return reject(512, 'profileData must be an object.');
  for (const [key, value] of Object.entries(data)) {
    const problem =
      checkKey(key, FORBIDDEN_CHARS.profileKey) ??
      PROFILE_VALUE_CHECKS[kindOf(value)](key, value, { charged: false }) ??
      checkStandardField(key, value);
    if (problem) return problem;
  }
  return undefined;
};

/** Checks every record passes, in order; then the checks of its type. The first failure wins. */
const RECORD_CHECKS: readonly RecordCheck[] = [checkUserKey, checkObjectId, checkType, checkTimestamp];
const TYPE_CHECKS: Record<RecordType, readonly RecordCheck[]> = {
  event: [checkEventName, checkSystemEvent, checkDiscardedEvent, checkEventData],
  profile: [checkProfileData],
};

function firstRejection(
  checks: readonly RecordCheck[],
  record: JsonObject,
  context: ValidationContext,
): Rejection | undefined {
  for (const check of checks) {
    const problem = check(record, context);
    if (problem) return problem;
  }
  return undefined;
}

function typed(record: JsonObject): ValidRecord {
  const name = USER_KEYS.find((key) => isPresent(record[key])) as UserKeyName;
  const userKey = { name, value: String(record[name]) };
  const ts = record.ts as number | undefined;
  return record.type === 'event'
    ? {
        type: 'event',
        userKey,
        ts,
        evtName: record.evtName as string,
        evtData: (record.evtData as JsonObject | undefined) ?? {},
      }
    : { type: 'profile', userKey, ts, profileData: record.profileData as JsonObject };
}

export function validateRecord(record: unknown, context: ValidationContext): Validation {
  if (!isPlainObject(record))
    return { ok: false, rejection: reject(524, 'The record is not an object with type event or profile.') };
  const rejection =
    firstRejection(RECORD_CHECKS, record, context) ??
    firstRejection(TYPE_CHECKS[record.type as RecordType], record, context);
  return rejection ? { ok: false, rejection } : { ok: true, record: typed(record) };
}
