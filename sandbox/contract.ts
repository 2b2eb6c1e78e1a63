// The CleverTap contract as data: regions, user keys, limits, forbidden characters, system events,
// per-record error codes and the standard profile field validators. The checks in validate.ts read
// these tables; changing a fact here changes the sandbox's behaviour everywhere.
// Source: docs/clevertap-api.md (the project's reading of CleverTap's API, with its sources and decisions).

export const REGIONS = ['eu1', 'in1', 'sg1', 'us1', 'aps3', 'mec1'] as const;
export type Region = (typeof REGIONS)[number];

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

/** CleverTap's API paths (after `/<region>/1/`) that the sandbox serves, with their methods. */
export const API_ROUTES = {
  upload: { path: 'upload', method: 'POST' },
  profile: { path: 'profile.json', method: 'GET' },
  delete: { path: 'delete/profiles.json', method: 'POST' },
  subscribe: { path: 'subscribe', method: 'POST' },
  trigger: { path: 'send/externaltrigger.json', method: 'POST' },
} as const;
export type ApiRoute = keyof typeof API_ROUTES;

/** The routes that act on users (delete, subscribe, send): each has its own concurrency limit of 3 per account. */
export const ACT_ROUTES = ['delete', 'subscribe', 'trigger'] as const satisfies readonly ApiRoute[];
export type ActRoute = (typeof ACT_ROUTES)[number];

export function isActRoute(route: ApiRoute): route is ActRoute {
  return (ACT_ROUTES as readonly ApiRoute[]).includes(route);
}

/** A record carries exactly one of these at its top level. */
export const USER_KEYS = ['identity', 'objectId', 'FBID', 'GPID'] as const;
export type UserKeyName = (typeof USER_KEYS)[number];

export const RECORD_TYPES = ['event', 'profile'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const LIMITS = {
  /** Property keys, measured in UTF-8 bytes (the stricter of the two readings). */
  keyBytes: 120,
  /** String values, measured in UTF-8 bytes (the stricter of the two readings). */
  valueBytes: 512,
  /** Event names (CleverTap's SDKs cut here; the server limit is unconfirmed). */
  eventNameBytes: 512,
  /** Properties per event, the older documented limit. */
  eventProperties: 256,
  /** Items of a multi-value profile property. */
  multiValueItems: 100,
  /** Line items of a Charged event (the older documented cap; unconfirmed). */
  chargedItems: 256,
  /** A `ts` (or `$D_` date) at or above this is taken to be milliseconds, not seconds (1e11 s is the year 5138). */
  maxEpochSeconds: 1e11,
  /** Values in the `identity` or `guid` list of one delete call. */
  deleteValues: 100,
  /** Records in one subscribe call. */
  subscribeRecords: 1000,
} as const;

/** Characters not allowed in event names and property keys. */
export const FORBIDDEN_CHARS = {
  eventName: ['%', '>', '<', '!', '|', '&', '.', ':', ';', '$', "'", '"', '\\'],
  eventKey: ['%', '>', '<', '!', '|', '&', '.', ':', ';', '$', "'", '"', '\\'],
  profileKey: ['%', '>', '<', '!', '|', '&', '.', ':', ';', '$', "'", '"', '\\', '#'],
} as const;

/** System events cannot be uploaded (513). Compared case- and space-insensitively. */
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

/** The purchase event; its `Items` may be an array of flat objects. */
export const CHARGED_EVENT = 'Charged';
export const CHARGED_ITEMS_KEY = 'Items';

/** Normalises an event name for comparison: lower case, no white space. */
export function eventNameKey(name: string): string {
  return name.toLowerCase().replace(/\s+/g, '');
}

/** Per-record error codes and the first sentence of their error text. */
export const RECORD_ERRORS = {
  509: 'Event name is mandatory.',
  512: 'Invalid event structure.',
  513: 'Restricted system event name.',
  514: 'Gender value is invalid.',
  515: 'Email is invalid.',
  516: 'Phone number is invalid.',
  517: 'Employed value is invalid.',
  518: 'Education value is invalid.',
  519: 'Married value is invalid.',
  520: 'Age value is invalid.',
  522: 'Too many event properties.',
  523: 'Identity is mandatory.',
  524: 'Record type is invalid.',
  525: 'Timestamp is not a valid epoch.',
  526: 'objectId is invalid.',
  528: 'Event was discarded.',
  555: 'Server error.',
} as const;
export type RecordErrorCode = keyof typeof RECORD_ERRORS;

/** CleverTap's per-record error text: `<title> ErrorCode: N - <detail> Skipped record number : K`. */
export function recordErrorText(
  code: RecordErrorCode,
  detail: string,
  recordNumber: number,
  titles: Partial<Record<RecordErrorCode, string>> = RECORD_ERRORS,
): string {
  const title = titles[code] ?? RECORD_ERRORS[code];
  return `${title} ErrorCode: ${code} - ${detail} Skipped record number : ${recordNumber}`;
}

/** Request-level error texts, keyed by HTTP status. */
export const REQUEST_ERRORS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Invalid Credentials',
  403: 'Not allowed',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  429: 'Too many concurrent requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable, please retry later',
  504: 'Gateway Timeout',
};

export function requestErrorText(status: number): string {
  return REQUEST_ERRORS[status] ?? `HTTP ${status}`;
}

/** A standard profile field's check: the code it fails with and what it accepts. */
export interface FieldRule {
  code: RecordErrorCode;
  expects: string;
  accepts: (value: unknown) => boolean;
}

const oneOf =
  (...allowed: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'string' && allowed.includes(value);

const matches =
  (pattern: RegExp) =>
  (value: unknown): boolean =>
    typeof value === 'string' && pattern.test(value);

/** An email address as CleverTap checks it: `x@y.z`, no white space. */
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A phone number: `+`, the country code and the number, 5 to 15 digits in all. */
export const PHONE_PATTERN = /^\+\d{5,15}$/;

/** Standard profile fields with a server-side check, keyed by the exact profile key. */
export const PROFILE_FIELD_RULES: Record<string, FieldRule> = {
  Email: { code: 515, expects: 'a valid email address', accepts: matches(EMAIL_PATTERN) },
  Phone: { code: 516, expects: '+<country code><number>', accepts: matches(PHONE_PATTERN) },
  Gender: { code: 514, expects: 'M or F', accepts: oneOf('M', 'F') },
  Age: { code: 520, expects: 'a number', accepts: (v) => typeof v === 'number' && Number.isFinite(v) },
  Employed: { code: 517, expects: 'Y or N', accepts: oneOf('Y', 'N') },
  Married: { code: 519, expects: 'Y or N', accepts: oneOf('Y', 'N') },
  Education: {
    code: 518,
    expects: 'School, College or Graduate',
    accepts: oneOf('School', 'College', 'Graduate'),
  },
};

/** Update operators allowed as the value of a profile key, with the operand each takes. */
export const PROFILE_OPERATORS = {
  $add: 'strings',
  $remove: 'strings',
  $incr: 'number',
  $decr: 'number',
  $delete: 'any',
} as const;
export type ProfileOperator = keyof typeof PROFILE_OPERATORS;

/** A date-valued property: `$D_<epoch seconds>`; negative before 1970 (birth dates), which the contract does not rule out. */
export const DATE_VALUE = /^\$D_-?\d+$/;
export const DATE_PREFIX = '$D_';

/**
 * The documented shapes of a CleverTap objectId (docs/clevertap-api.md, Decisions). An objectId is accepted when it
 * has one of them; one with white space anywhere, or of none of these shapes, is refused (526).
 */
export const OBJECT_ID_SHAPES = [
  { shape: 'iOS: "-" and the id (32 hex characters when CleverTap made it)', pattern: /^-\S+$/ },
  {
    shape: 'Android: "__" and the id ("__g" and the advertising id, or "__" and a random id)',
    pattern: /^__\S+$/,
  },
  { shape: 'Windows: "~" and the id', pattern: /^~\S+$/ },
  {
    shape: 'web: a UUID (8-4-4-4-12 hex characters)',
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  },
  { shape: '32 hex characters', pattern: /^[0-9a-f]{32}$/i },
] as const;

export function isObjectId(value: unknown): boolean {
  return typeof value === 'string' && OBJECT_ID_SHAPES.some(({ pattern }) => pattern.test(value));
}

// ---------------------------------------------------------------- acting on users

/** POST /1/delete/profiles.json takes exactly one of these: your identities, or CleverTap's ids (objectIds). */
export const DELETE_KEYS = ['identity', 'guid'] as const;
export type DeleteKey = (typeof DELETE_KEYS)[number];

/** POST /1/subscribe: what a record addresses, and the two statuses. */
export const SUBSCRIPTION_TYPES = ['email', 'phone'] as const;
export type SubscriptionType = (typeof SUBSCRIPTION_TYPES)[number];
export const SUBSCRIPTION_STATUSES = ['Unsubscribe', 'Resubscribe'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/**
 * Titles of the per-record codes of a subscribe answer (the sandbox's choice: CleverTap documents none). 512 a record
 * that is not an object, or whose value or status is not usable; 524 a type other than email or phone; 515/516 an
 * email or phone number of the wrong shape, as for profiles. Other codes (a recordError fault) keep their upload title.
 */
export const SUBSCRIBE_ERRORS: Partial<Record<RecordErrorCode, string>> = {
  512: 'Invalid subscription record.',
  515: 'Email is invalid.',
  516: 'Phone number is invalid.',
  524: 'Subscription type is invalid.',
};

/** POST /1/send/externaltrigger.json: `to` names the users by exactly one of these. */
export const TRIGGER_TARGETS = ['identity', 'email', 'objectId'] as const;
export type TriggerTarget = (typeof TRIGGER_TARGETS)[number];

/** The `code` of a refused send: CleverTap's send API was seen answering HTTP 400 with `code: 9`. */
export const SEND_ERROR_CODE = 9;
