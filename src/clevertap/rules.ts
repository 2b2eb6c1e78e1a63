/**
 * CleverTap's documented limits and reserved names (see the API contract). Data, plus small pure checks that say in
 * plain words what is wrong; the callers add which field it came from.
 */

export const LIMITS = {
  /** Records in one POST /1/upload (older sources say 100; CleverTap's current limit is 1000). */
  recordsPerCall: 1000,
  /** Values in one POST /1/delete/profiles.json list. */
  deleteValues: 100,
  /** Records in one POST /1/subscribe. */
  subscribeRecords: 1000,
  /** Property key length, checked in UTF-8 bytes (pages disagree between bytes and characters; bytes is the stricter). */
  keyBytes: 120,
  /** Property value length for text values, in UTF-8 bytes, for the same reason. */
  valueBytes: 512,
  /** Properties per event (older pages 256, the newest says 100 by default; CleverTap answers 522 above the account's). */
  eventProperties: 256,
  /** Custom profile properties per account; one upload cannot exceed it either. */
  profileProperties: 256,
  /** Items in a multi-value (list) profile property. */
  multiValueItems: 100,
  /** Event name length, in UTF-8 bytes like keys and values: not documented; CleverTap's SDKs cut at 512. */
  eventNameBytes: 512,
  /**
   * Line items in one purchase (`Charged`) event. The server cap is unconfirmed (old docs 256); CleverTap's Android SDK
   * warns above 50, so 50 is the safe default.
   */
  chargedItems: 50,
} as const;

/** Characters CleverTap refuses in event names and property keys. */
export const FORBIDDEN_NAME_CHARS = [
  '%',
  '>',
  '<',
  '!',
  '|',
  '&',
  '.',
  ':',
  ';',
  '$',
  "'",
  '"',
  '\\',
] as const;

/** Profile property keys also refuse `#`. */
export const FORBIDDEN_PROFILE_KEY_CHARS = [...FORBIDDEN_NAME_CHARS, '#'] as const;

/** Events CleverTap raises itself; uploading them is refused (code 513). `Charged` is NOT among them. */
export const SYSTEM_EVENTS = [
  'Notification Sent',
  'Notification Viewed',
  'Notification Clicked',
  'Notification Delivered',
  'Notification Replied',
  'UTM Visited',
  'App Launched',
  'App Uninstalled',
  'App Version Changed',
  'Stayed',
  'Reply Sent',
  'Experiment Rendered',
  'Reachable By',
  'Identity Reset',
  'Identity Set',
  'Identity Error',
  'Web Page Viewed',
] as const;

/** CleverTap compares event names without regard to case or spaces. */
export function eventNameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

const SYSTEM_EVENT_KEYS = new Map(SYSTEM_EVENTS.map((name) => [eventNameKey(name), name]));

/** The system event a name stands for, if it is one. */
export function systemEventNamed(name: string): string | undefined {
  return SYSTEM_EVENT_KEYS.get(eventNameKey(name));
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The forbidden characters found in a name, each once, in the order they appear. */
export function forbiddenCharsIn(name: string, forbidden: readonly string[]): string[] {
  return [...new Set([...name].filter((c) => forbidden.includes(c)))];
}

/** A deliberately loose shape (something@domain.tld): CleverTap is the judge of the rest. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether a value has the (loose) shape of an email address CleverTap accepts for the Email key. */
export const isEmailAddress = (v: unknown): boolean => typeof v === 'string' && EMAIL_SHAPE.test(v);

/** Whether a value is a web address CleverTap accepts for the Photo key. */
export const isWebAddress = (v: unknown): boolean => typeof v === 'string' && /^https?:\/\/\S+$/.test(v);

/**
 * The standard profile keys CleverTap reads specially: what each accepts, in plain words, and a check of a plain value
 * (the per-record code CleverTap answers when the check fails is noted). Keys not listed take any value.
 */
export const STANDARD_PROFILE_KEYS: Record<string, { accepts: string; check?: (value: unknown) => boolean }> =
  {
    Name: { accepts: 'text' },
    Email: { accepts: 'a valid email address', check: isEmailAddress }, // 515
    Phone: {
      accepts: 'a phone number with its country code, like +14155550123',
      check: (v) => typeof v === 'string' && /^\+[1-9]\d{5,16}$/.test(v), // 516
    },
    Gender: { accepts: 'M or F', check: (v) => v === 'M' || v === 'F' }, // 514
    DOB: {
      accepts: 'a date ($D_<epoch seconds>)',
      check: (v) => typeof v === 'string' && /^\$D_-?\d+$/.test(v),
    },
    Age: { accepts: 'a number', check: (v) => typeof v === 'number' && Number.isFinite(v) }, // 520
    Employed: { accepts: 'Y or N', check: (v) => v === 'Y' || v === 'N' }, // 517
    Married: { accepts: 'Y or N', check: (v) => v === 'Y' || v === 'N' }, // 519
    Education: { accepts: 'School, College or Graduate', check: (v) => EDUCATION.includes(v as string) }, // 518
    'Customer Type': { accepts: 'text' },
    Photo: { accepts: 'an image URL', check: isWebAddress },
    'MSG-email': { accepts: 'true or false', check: (v) => typeof v === 'boolean' },
    'MSG-push': { accepts: 'true or false', check: (v) => typeof v === 'boolean' },
    'MSG-sms': { accepts: 'true or false', check: (v) => typeof v === 'boolean' },
    'MSG-whatsapp': { accepts: 'true or false', check: (v) => typeof v === 'boolean' },
  };

const EDUCATION = ['School', 'College', 'Graduate'];

/** The update operators CleverTap applies to a profile property's current value. */
export const PROFILE_OPERATORS = {
  $add: 'list',
  $remove: 'list',
  $incr: 'number',
  $decr: 'number',
  $delete: 'flag',
} as const;

export type ProfileOperator = keyof typeof PROFILE_OPERATORS;

export function isProfileOperator(key: string): key is ProfileOperator {
  return Object.hasOwn(PROFILE_OPERATORS, key);
}

/** The prefix that marks a property value as a date: `$D_<epoch seconds>`. */
export const DATE_PREFIX = '$D_';

export function dateValue(epochSeconds: number): string {
  return `${DATE_PREFIX}${epochSeconds}`;
}

/** Epoch seconds (CleverTap's `ts`, `first_seen`, ...) as ISO-8601 in UTC, e.g. `2024-05-01T14:30:00Z`. */
export function isoFromEpochSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** How a length in bytes reads to a user, who counts characters. */
export const BYTES_NOTE = '(an accented or Asian character counts 2-3)';
