/**
 * An independent reading of docs/clevertap-api.md: what a request to CleverTap must look like. Written from the
 * contract's text, importing nothing from src/, so that a bug in the app's own rules (src/clevertap/rules.ts, checks.ts)
 * cannot hide itself here. Each function returns the problems it finds, in words; [] means the request satisfies the
 * contract. Where the contract gives two numbers, the documented maximum is used (the app may be stricter).
 */

export const CONTRACT = {
  hosts: [
    'api.clevertap.com',
    'eu1.api.clevertap.com',
    'in1.api.clevertap.com',
    'sg1.api.clevertap.com',
    'us1.api.clevertap.com',
    'aps3.api.clevertap.com',
    'mec1.api.clevertap.com',
  ],
  recordsPerCall: 1000,
  /** Lengths are in UTF-8 bytes, the stricter reading: an accented letter counts 2, most Asian characters 3. */
  keyMax: 120,
  valueMax: 512,
  eventNameMax: 512,
  eventProperties: 256,
  profileProperties: 256,
  multiValueItems: 100,
  /** "old docs 256": the largest documented cap. */
  chargedItems: 256,
  /** The characters not allowed in event names and property keys; profile keys also refuse `#`. */
  forbidden: ['%', '>', '<', '!', '|', '&', '.', ':', ';', '$', "'", '"', '\\'],
  systemEvents: [
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
  ],
  userKeys: ['identity', 'objectId', 'FBID', 'GPID'],
  /** "At most 100 values per list" of a delete call. */
  deleteValues: 100,
  /** "Up to 1000 records per call" of subscribe. */
  subscribeRecords: 1000,
} as const;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
/** "Event names are compared case- and space-insensitively." */
const nameKey = (name: string) => name.toLowerCase().replace(/\s/g, '');
const SYSTEM = new Set(CONTRACT.systemEvents.map(nameKey));

function keyProblems(where: string, key: string, profile: boolean): string[] {
  const problems: string[] = [];
  if (!key.trim()) problems.push(`${where}: empty key`);
  const forbidden = profile ? [...CONTRACT.forbidden, '#'] : CONTRACT.forbidden;
  const bad = forbidden.filter((c) => key.includes(c));
  if (bad.length) problems.push(`${where}: key ${JSON.stringify(key)} has ${bad.join(' ')}`);
  if (bytes(key) > CONTRACT.keyMax) problems.push(`${where}: key longer than ${CONTRACT.keyMax} bytes`);
  return problems;
}

/** `$D_<epoch seconds>`: a string that starts with the date prefix must be a whole date. */
function dateProblem(where: string, text: string): string | undefined {
  if (!text.startsWith('$D_')) return undefined;
  return /^\$D_-?\d{1,11}$/.test(text)
    ? undefined
    : `${where}: ${JSON.stringify(text)} is not $D_<epoch seconds>`;
}

function scalarProblems(where: string, value: unknown): string[] {
  if (typeof value === 'string') {
    const problems: string[] = [];
    if (bytes(value) > CONTRACT.valueMax)
      problems.push(`${where}: value longer than ${CONTRACT.valueMax} bytes`);
    const date = dateProblem(where, value);
    if (date) problems.push(date);
    return problems;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${where}: non-finite number`];
  if (typeof value === 'boolean') return [];
  return [`${where}: ${value === null ? 'null' : typeof value} is not a flat value`];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The standard profile keys and what each accepts ("else 5xx" in the contract). */
const STANDARD: Record<string, (v: unknown) => boolean> = {
  Email: (v) => typeof v === 'string' && EMAIL.test(v),
  Phone: (v) => typeof v === 'string' && /^\+\d{5,16}$/.test(v),
  Gender: (v) => v === 'M' || v === 'F',
  DOB: (v) => typeof v === 'string' && /^\$D_-?\d+$/.test(v),
  Age: (v) => typeof v === 'number' && Number.isFinite(v),
  Employed: (v) => v === 'Y' || v === 'N',
  Married: (v) => v === 'Y' || v === 'N',
  Education: (v) => v === 'School' || v === 'College' || v === 'Graduate',
  'MSG-email': (v) => typeof v === 'boolean',
  'MSG-push': (v) => typeof v === 'boolean',
  'MSG-sms': (v) => typeof v === 'boolean',
  'MSG-whatsapp': (v) => typeof v === 'boolean',
};

function listProblems(where: string, list: unknown[]): string[] {
  const problems: string[] = [];
  if (list.length > CONTRACT.multiValueItems)
    problems.push(`${where}: more than ${CONTRACT.multiValueItems} items`);
  if (!list.every((v) => typeof v === 'string')) return [...problems, `${where}: list items must be strings`];
  if (new Set(list).size !== list.length) problems.push(`${where}: list items must be unique`);
  for (const item of list) problems.push(...scalarProblems(where, item));
  return problems;
}

function operatorProblems(where: string, value: Record<string, unknown>): string[] {
  const [op, ...more] = Object.keys(value);
  if (op === undefined || more.length > 0) return [`${where}: nested object (not one operator)`];
  const operand = value[op];
  switch (op) {
    case '$add':
    case '$remove':
      return Array.isArray(operand) ? listProblems(where, operand) : [`${where}: ${op} without a list`];
    case '$incr':
    case '$decr':
      return typeof operand === 'number' && Number.isFinite(operand)
        ? []
        : [`${where}: ${op} without a number`];
    case '$delete':
      return operand === 1 ? [] : [`${where}: $delete must be 1`];
    default:
      return [`${where}: nested object ${JSON.stringify(op)} is not an operator`];
  }
}

function profileDataProblems(data: unknown): string[] {
  if (!isObject(data)) return ['profileData is not an object'];
  const keys = Object.keys(data);
  const problems: string[] = [];
  if (keys.length > CONTRACT.profileProperties) problems.push('too many profile properties');
  for (const key of keys) {
    const where = `profileData[${JSON.stringify(key)}]`;
    problems.push(...keyProblems(where, key, true));
    const value = data[key];
    if (Array.isArray(value)) problems.push(...listProblems(where, value));
    else if (isObject(value)) problems.push(...operatorProblems(where, value));
    else {
      problems.push(...scalarProblems(where, value));
      const check = Object.hasOwn(STANDARD, key) ? STANDARD[key] : undefined;
      if (check && !check(value))
        problems.push(`${where}: ${JSON.stringify(value)} is not accepted for ${key}`);
    }
  }
  return problems;
}

function eventProblems(record: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const name = record.evtName;
  if (typeof name !== 'string' || !name.trim()) return ['evtName missing (509)'];
  const bad = CONTRACT.forbidden.filter((c) => name.includes(c));
  if (bad.length) problems.push(`evtName has ${bad.join(' ')}`);
  if (bytes(name) > CONTRACT.eventNameMax)
    problems.push(`evtName longer than ${CONTRACT.eventNameMax} bytes`);
  if (SYSTEM.has(nameKey(name))) problems.push(`evtName ${JSON.stringify(name)} is a system event (513)`);
  const data = record.evtData;
  if (!isObject(data)) return [...problems, 'evtData missing or not an object'];
  const keys = Object.keys(data);
  if (keys.length > CONTRACT.eventProperties) problems.push('too many event properties (522)');
  const charged = nameKey(name) === 'charged';
  for (const key of keys) {
    const where = `evtData[${JSON.stringify(key)}]`;
    problems.push(...keyProblems(where, key, false));
    const value = data[key];
    if (charged && key === 'Items') {
      if (!Array.isArray(value)) problems.push('Items is not a list');
      else {
        if (value.length > CONTRACT.chargedItems) problems.push('too many Items');
        value.forEach((item, i) => {
          if (!isObject(item)) return problems.push(`Items[${i}] is not an object`);
          for (const [k, v] of Object.entries(item)) {
            problems.push(...keyProblems(`Items[${i}][${JSON.stringify(k)}]`, k, false));
            problems.push(...scalarProblems(`Items[${i}][${JSON.stringify(k)}]`, v));
          }
        });
      }
    } else problems.push(...scalarProblems(where, value));
  }
  return problems;
}

/**
 * "Object IDs come in several shapes (iOS `-...`, Android `__...`, web UUIDs, 32 hex characters, Windows `~...`):
 * accept them all." The contract lists the shapes seen, not a closed set, so only what no shape can be is a problem:
 * an empty id, or white space in it.
 */
function objectIdProblems(where: string, id: string): string[] {
  if (!id) return [`${where} is empty`];
  return /\s/.test(id) ? [`${where} ${JSON.stringify(id)} has white space`] : [];
}

/** One upload record: type, exactly one user key, ts in seconds, and the profile or event part. */
export function recordProblems(record: unknown): string[] {
  if (!isObject(record)) return ['record is not an object'];
  const problems: string[] = [];
  const keys = CONTRACT.userKeys.filter((k) => Object.hasOwn(record, k));
  if (keys.length !== 1) problems.push(`record has ${keys.length} user keys (exactly one)`);
  for (const k of keys) {
    const v = record[k];
    if (typeof v !== 'string' || !v.trim()) problems.push(`user key ${k} is not a non-empty string`);
    else if (k === 'objectId') problems.push(...objectIdProblems('objectId', v));
  }
  if (Object.hasOwn(record, 'ts')) {
    const ts = record.ts;
    if (typeof ts !== 'number' || !Number.isInteger(ts) || ts <= 0)
      problems.push('ts is not positive epoch seconds');
    else if (ts >= 1e11) problems.push('ts is in milliseconds');
  }
  const allowed = new Set<string>(['type', 'ts', ...CONTRACT.userKeys]);
  if (record.type === 'profile') {
    allowed.add('profileData');
    problems.push(...profileDataProblems(record.profileData));
  } else if (record.type === 'event') {
    allowed.add('evtName').add('evtData');
    problems.push(...eventProblems(record));
  } else problems.push('type is neither profile nor event (524)');
  const extra = Object.keys(record).filter((k) => !allowed.has(k));
  if (extra.length) problems.push(`unexpected top-level keys ${extra.join(', ')}`);
  return problems;
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const header = (req: SeenRequest, name: string) => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** Where and how: a CleverTap host over HTTPS (or the given test server), the two headers. */
function transportProblems(req: SeenRequest, testServer?: string): string[] {
  const problems: string[] = [];
  const url = new URL(req.url);
  const official = url.protocol === 'https:' && (CONTRACT.hosts as readonly string[]).includes(url.hostname);
  const test = testServer !== undefined && url.origin === new URL(testServer).origin;
  if (!official && !test) problems.push(`sent to ${url.origin}, not a CleverTap host`);
  if (!header(req, 'x-clevertap-account-id')) problems.push('no X-CleverTap-Account-Id');
  if (!header(req, 'x-clevertap-passcode')) problems.push('no X-CleverTap-Passcode');
  return problems;
}

/** A JSON POST to a path ending in `path`: transport, method, path, one application/json Content-Type, the body. */
function jsonPost(
  req: SeenRequest,
  path: string,
  testServer?: string,
): { problems: string[]; json: true; body: unknown } | { problems: string[]; json: false } {
  const problems = transportProblems(req, testServer);
  if (req.method !== 'POST') problems.push(`method ${req.method}`);
  if (!new URL(req.url).pathname.endsWith(path)) problems.push(`path ${new URL(req.url).pathname}`);
  const type = header(req, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(type) || type.includes(','))
    problems.push(`Content-Type ${JSON.stringify(type)} is not one application/json`);
  try {
    return { problems, json: true, body: JSON.parse(req.body) };
  } catch {
    return { problems: [...problems, 'body is not JSON'], json: false };
  }
}

/** A `{"d": [...]}` body of 1 to `max` records, each judged by `recordCheck`. */
function batchProblems(body: unknown, max: number, recordCheck: (record: unknown) => string[]): string[] {
  if (!isObject(body) || !Array.isArray(body.d)) return ['body is not {"d": [...]}'];
  const problems: string[] = [];
  if (Object.keys(body).length !== 1) problems.push('body has keys besides d');
  if (body.d.length < 1 || body.d.length > max) problems.push(`${body.d.length} records`);
  body.d.forEach((record, i) => problems.push(...recordCheck(record).map((p) => `record ${i + 1}: ${p}`)));
  return problems;
}

/** POST /1/upload: JSON body `{"d": [1..1000 records]}`, each record valid. */
export function uploadProblems(req: SeenRequest, testServer?: string): string[] {
  const post = jsonPost(req, '/1/upload', testServer);
  if (!post.json) return post.problems;
  return [...post.problems, ...batchProblems(post.body, CONTRACT.recordsPerCall, recordProblems)];
}

/** GET /1/profile.json with exactly one of identity, email, objectId; no body, no Content-Type. */
export function lookupProblems(req: SeenRequest, testServer?: string): string[] {
  const problems = transportProblems(req, testServer);
  const url = new URL(req.url);
  if (req.method !== 'GET') problems.push(`method ${req.method}`);
  if (!url.pathname.endsWith('/1/profile.json')) problems.push(`path ${url.pathname}`);
  const keys = [...url.searchParams.keys()];
  const [key] = keys;
  if (keys.length !== 1 || key === undefined || !['identity', 'email', 'objectId'].includes(key))
    problems.push(`query ${url.search} is not exactly one of identity, email, objectId`);
  else if (!url.searchParams.get(key)?.trim()) problems.push('empty lookup value');
  else if (key === 'objectId')
    problems.push(...objectIdProblems('objectId', url.searchParams.get('objectId')!));
  if (req.body) problems.push('a GET with a body');
  if (header(req, 'content-type')) problems.push('a GET with a Content-Type');
  return problems;
}

// ---------------------------------------------------------------- acting on users

/** Problems of a list that must hold 1 to `max` non-empty strings, each also checked by `each`. */
function textListProblems(
  where: string,
  list: unknown,
  max: number,
  each: (value: string) => string[] = () => [],
): string[] {
  if (!Array.isArray(list)) return [`${where} is not a list`];
  const problems: string[] = [];
  if (list.length < 1 || list.length > max) problems.push(`${where} has ${list.length} values`);
  list.forEach((value, i) => {
    if (typeof value !== 'string' || !value.trim()) problems.push(`${where}[${i}] is not a non-empty string`);
    else problems.push(...each(value).map((p) => `${where}[${i}]: ${p}`));
  });
  return problems;
}

/** Keys of `body` other than `allowed`. */
function extraKeys(body: Record<string, unknown>, allowed: readonly string[]): string[] {
  const extra = Object.keys(body).filter((key) => !allowed.includes(key));
  return extra.length ? [`unexpected keys ${extra.join(', ')}`] : [];
}

/**
 * POST /1/delete/profiles.json: "exactly one of `identity` or `guid` (a string or a list); both in one request: 400;
 * at most 100 values per list". A guid is an objectId.
 */
export function deleteProblems(req: SeenRequest, testServer?: string): string[] {
  const post = jsonPost(req, '/1/delete/profiles.json', testServer);
  if (!post.json) return post.problems;
  const { problems, body } = post;
  if (!isObject(body)) return [...problems, 'body is not an object'];
  const keys = ['identity', 'guid'].filter((key) => Object.hasOwn(body, key));
  if (keys.length !== 1) problems.push(`body has ${keys.length} of identity, guid (exactly one)`);
  for (const key of keys) {
    const value = body[key];
    const list = typeof value === 'string' ? [value] : value;
    const each = key === 'guid' ? (id: string) => objectIdProblems('guid', id) : undefined;
    problems.push(...textListProblems(key, list, CONTRACT.deleteValues, each));
  }
  return [...problems, ...extraKeys(body, ['identity', 'guid'])];
}

/** A phone "in E.164": `+` and at most 15 digits (5 at the least, as for profiles). */
const E164 = /^\+\d{5,15}$/;

/** One subscribe record: `{"type":"phone"|"email","value":"<E.164 phone or email>","status":"Unsubscribe"|"Resubscribe"}`. */
export function subscriptionProblems(record: unknown): string[] {
  if (!isObject(record)) return ['record is not an object'];
  const problems = extraKeys(record, ['type', 'value', 'status']);
  const { type, value, status } = record;
  if (type !== 'email' && type !== 'phone')
    problems.push(`type ${JSON.stringify(type)} is neither email nor phone`);
  if (typeof value !== 'string') problems.push('value is not a string');
  else if (type === 'email' && !EMAIL.test(value))
    problems.push(`value ${JSON.stringify(value)} is not an email`);
  else if (type === 'phone' && !E164.test(value))
    problems.push(`value ${JSON.stringify(value)} is not an E.164 phone`);
  if (status !== 'Unsubscribe' && status !== 'Resubscribe')
    problems.push(`status ${JSON.stringify(status)} is neither Unsubscribe nor Resubscribe`);
  return problems;
}

/** POST /1/subscribe: `{"d": [1..1000 records]}`. */
export function subscribeProblems(req: SeenRequest, testServer?: string): string[] {
  const post = jsonPost(req, '/1/subscribe', testServer);
  if (!post.json) return post.problems;
  return [...post.problems, ...batchProblems(post.body, CONTRACT.subscribeRecords, subscriptionProblems)];
}

const TRIGGER_TARGETS: Record<string, (value: string) => string[]> = {
  identity: () => [],
  email: (value) => (EMAIL.test(value) ? [] : ['not an email']),
  objectId: (value) => objectIdProblems('objectId', value),
};

/**
 * POST /1/send/externaltrigger.json: `to` with exactly one of identity, email, objectId (a list), `campaign_id`
 * (the campaign's id: digits), and `ExternalTrigger` (optional) with text values only.
 */
export function triggerProblems(req: SeenRequest, testServer?: string): string[] {
  const post = jsonPost(req, '/1/send/externaltrigger.json', testServer);
  if (!post.json) return post.problems;
  const { problems, body } = post;
  if (!isObject(body)) return [...problems, 'body is not an object'];
  problems.push(...extraKeys(body, ['to', 'campaign_id', 'ExternalTrigger']));
  const to = body.to;
  const targets = isObject(to) ? Object.keys(to) : [];
  const [target] = targets;
  if (
    !isObject(to) ||
    targets.length !== 1 ||
    target === undefined ||
    !Object.hasOwn(TRIGGER_TARGETS, target)
  )
    problems.push('to is not an object with exactly one of identity, email, objectId');
  else problems.push(...textListProblems(`to.${target}`, to[target], Infinity, TRIGGER_TARGETS[target]));
  const id = body.campaign_id;
  const digits = typeof id === 'string' ? /^\d+$/.test(id) : Number.isSafeInteger(id) && (id as number) >= 0;
  if (!digits) problems.push(`campaign_id ${JSON.stringify(id)} is not a campaign id`);
  const personalization = body.ExternalTrigger;
  if (personalization !== undefined) {
    if (!isObject(personalization)) problems.push('ExternalTrigger is not an object');
    else
      for (const [key, value] of Object.entries(personalization))
        if (typeof value !== 'string') problems.push(`ExternalTrigger[${JSON.stringify(key)}] is not text`);
  }
  return problems;
}
