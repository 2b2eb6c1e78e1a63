/**
 * The demo's plain words for what it prints: what each CleverTap answer means, and the dates that travel in
 * CleverTap's forms (`$D_<epoch seconds>` values, `ts` in epoch seconds) as the dates they stand for. Pure: no I/O,
 * nothing of the app; scripts/demo.ts prints the lines.
 */

/** One call the demo shows: which CleverTap route, the HTTP status and the JSON answer. */
export interface ShownCall {
  /**
   * `upload` (/1/upload), `lookup` (/1/profile.json), `schema` (/getSchema), or an acting route (`trigger`,
   * `subscribe`, `delete`).
   */
  route: string;
  status: number;
  answer: unknown;
  /** The lookup's query (identity=..., email=..., objectId=...). */
  query?: Record<string, string>;
}

/** What the connection test sends: a lookup of a user nobody has (the demo reads the identity from the request). */
export interface ConnectionContext {
  connectionTest: true;
  /** e.g. "India (in1)". */
  regionName: string;
}

const DATE_VALUE = /^\$D_(-?\d+)$/;
/** Keys that hold epoch seconds in CleverTap's records and answers. */
const EPOCH_KEYS = new Set(['ts', 'first_seen', 'last_seen']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Epoch seconds as a date a reader knows: `2024-06-01 00:00:00 UTC`. */
export function epochSecondsToText(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().replace('T', ' ').replace('.000Z', '')} UTC`;
}

export interface DateFound {
  /** Where it is: the property name (`Close Date`) or key (`ts`). */
  name: string;
  /** As it travels: `$D_1717200000` or `1714573800`. */
  raw: string;
  /** The date it stands for. */
  date: string;
  kind: 'date value' | 'epoch seconds';
}

/** Every `$D_` value and every epoch-seconds `ts`/`first_seen`/`last_seen` in a JSON value, in order, each once. */
export function datesIn(value: unknown): DateFound[] {
  const found = new Map<string, DateFound>();
  const visit = (inner: unknown, name: string) => {
    if (typeof inner === 'string') {
      const match = DATE_VALUE.exec(inner);
      if (match)
        found.set(`${name}=${inner}`, {
          name,
          raw: inner,
          date: epochSecondsToText(Number(match[1])),
          kind: 'date value',
        });
    } else if (typeof inner === 'number' && EPOCH_KEYS.has(name) && Number.isInteger(inner)) {
      found.set(`${name}=${inner}`, {
        name,
        raw: String(inner),
        date: epochSecondsToText(inner),
        kind: 'epoch seconds',
      });
    } else if (Array.isArray(inner)) inner.forEach((item) => visit(item, name));
    else if (isObject(inner)) for (const [key, item] of Object.entries(inner)) visit(item, key);
  };
  visit(value, '');
  return [...found.values()];
}

/** One line per date not yet explained in this step (`seen` keeps those already told). */
export function explainDates(value: unknown, seen: Set<string>): string[] {
  return datesIn(value)
    .filter((d) => !seen.has(`${d.name}=${d.raw}`))
    .map((d) => {
      seen.add(`${d.name}=${d.raw}`);
      return d.kind === 'date value'
        ? `"${d.name}": ${d.raw} is CleverTap's form of a date (epoch seconds after $D_): ${d.date}.`
        : `"${d.name}": ${d.raw} (epoch seconds, as CleverTap counts time) is ${d.date}.`;
    });
}

interface UnprocessedEntry {
  code?: unknown;
  error?: unknown;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A lookup answer that means "nobody matches": every shape CleverTap is seen to use (docs/clevertap-api.md). */
function isNotFound(call: ShownCall): boolean {
  const answer = isObject(call.answer) ? call.answer : {};
  if (answer.status === 'fail') return /not found/i.test(String(answer.error ?? '')) || answer.code === 404;
  return answer.status === 'success' && (answer.record === undefined || answer.record === null);
}

function explainLookup(call: ShownCall, context?: ConnectionContext): string[] {
  const [key, value] = Object.entries(call.query ?? {})[0] ?? ['identity', ''];
  if (isNotFound(call)) {
    const nobody = `No profile has ${key} "${value}"`;
    if (!context?.connectionTest) return [`${nobody}: CleverTap's answer when nobody matches.`];
    return [
      `${nobody}, and that is the answer the connection test expects: it asks for a user nobody has, so only the ` +
        `credentials are tested. CleverTap accepted the Account ID and Passcode for ${context.regionName}; wrong ` +
        'ones, or another region, get HTTP 401 instead. The connection works.',
    ];
  }
  const answer = isObject(call.answer) ? call.answer : {};
  if (call.status === 200 && answer.status === 'success' && isObject(answer.record)) {
    const { platformInfo, ...properties } = answer.record;
    const devices = Array.isArray(platformInfo) ? platformInfo.length : 0;
    return [
      `CleverTap found the profile of ${key} "${value}": ${plural(Object.keys(properties).length, 'property', 'properties')} ` +
        `and ${plural(devices, 'entry', 'entries')} in platformInfo (one per device, each with its Object ID).`,
    ];
  }
  return [explainFailure(call)];
}

function explainUpload(call: ShownCall): string[] {
  const answer = isObject(call.answer) ? call.answer : {};
  const processed = typeof answer.processed === 'number' ? answer.processed : undefined;
  const unprocessed = Array.isArray(answer.unprocessed) ? (answer.unprocessed as UnprocessedEntry[]) : [];
  if (processed === undefined) return [explainFailure(call)];
  const lines = [
    `CleverTap stored ${plural(processed, 'record')} (processed: ${processed}) and refused ${unprocessed.length}` +
      `${unprocessed.length ? '' : ' (unprocessed is empty)'}. HTTP 200 alone would not say so: CleverTap answers 200 ` +
      'even when it refuses records, so the app reads these counts.',
  ];
  for (const entry of unprocessed)
    lines.push(`Refused with code ${String(entry.code)}: ${String(entry.error ?? '(no text)')}`);
  return lines;
}

function explainSchema(call: ShownCall): string[] {
  const answer = isObject(call.answer) ? call.answer : {};
  const kind = call.query?.type === 'userProperties' ? 'userProperties' : 'events';
  const list = answer[kind];
  if (call.status !== 200 || answer.status !== 'success' || !Array.isArray(list))
    return [explainFailure(call)];
  if (kind === 'userProperties')
    return [
      `CleverTap lists the ${plural(list.length, 'profile property', 'profile properties')} the account has.`,
    ];
  return [
    `CleverTap lists the ${plural(list.length, 'event name')} the account has, its own system events (such as App ` +
      'Launched, which cannot be uploaded) among them; the dropdown leaves those out and offers each other name once.',
  ];
}

function explainAct(call: ShownCall): string[] {
  const answer = isObject(call.answer) ? call.answer : {};
  if (call.status !== 200 || answer.status !== 'success') return [explainFailure(call)];
  switch (call.route) {
    case 'trigger':
      return [
        '"success" means CleverTap queued the campaign\'s message for the user; it does not say the message was ' +
          "delivered (the campaign's report in CleverTap does).",
      ];
    case 'delete':
      return [
        '"success" means CleverTap accepted the deletion; it completes in the background (about 48 hours).',
      ];
    default:
      return ['"success": CleverTap accepted the change for every address sent.'];
  }
}

/** A refused call in CleverTap's request-failure shape ({status: "fail", error, code}), or an answer not in it. */
function explainFailure(call: ShownCall): string {
  const answer = isObject(call.answer) ? call.answer : {};
  if (call.status === 401)
    return 'HTTP 401: CleverTap refused the Account ID or Passcode (or they belong to another region).';
  if (answer.status === 'fail')
    return `CleverTap refused the call (HTTP ${call.status}): ${String(answer.error ?? 'no reason given')}.`;
  return `HTTP ${call.status} with an answer not in CleverTap's usual shape: the app reports it as a failure.`;
}

/** What one CleverTap answer means, in a sentence or two (the demo prints them after the answer). */
export function explainAnswer(call: ShownCall, context?: ConnectionContext): string[] {
  if (call.route === 'lookup') return explainLookup(call, context);
  if (call.route === 'upload') return explainUpload(call);
  if (call.route === 'schema') return explainSchema(call);
  return explainAct(call);
}
