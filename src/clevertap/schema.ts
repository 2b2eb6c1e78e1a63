/**
 * What the account has: CleverTap's GET /getSchema, which lists the event names and the profile property names an
 * account knows (see docs/clevertap-api.md, "What the account has"). Only `name` of an entry is documented: it is read,
 * anything else in an entry or in the list is tolerated. Names are compared as CleverTap compares event names,
 * without regard to case or spaces.
 */
import { eventNameKey, systemEventNamed } from './rules';
import { isRecord } from '../guards';

/** The path of the call: no `/1/` in it, unlike every other API path. */
export const SCHEMA_PATH = '/getSchema';

/** What to list: the `type` query value, which is also the key of the list in the answer. */
export type SchemaKind = 'events' | 'userProperties';

/** The query of the call for one kind of name. */
export function schemaQuery(kind: SchemaKind): { type: SchemaKind } {
  return { type: kind };
}

/**
 * What an answer says:
 * - `names`: the account's names (each once, sorted; for events, without CleverTap's system events);
 * - `credentials`: the Account ID, Passcode or region was refused;
 * - `unavailable`: CleverTap could not answer now (HTTP 5xx or 429);
 * - `failed`: CleverTap answered `fail`, with its own error text if it gave one;
 * - `unreadable`: anything else (an HTML page, a list missing, not JSON at all).
 */
export type SchemaAnswer =
  | { kind: 'names'; names: string[] }
  | { kind: 'credentials'; status: number }
  | { kind: 'unavailable'; status: number }
  | { kind: 'failed'; status: number; error?: string }
  | { kind: 'unreadable'; status: number };

/** The `name` of every entry that has a non-empty text one, trimmed; every other entry is skipped. */
function namesIn(list: readonly unknown[]): string[] {
  return list.flatMap((entry) => {
    const name = isRecord(entry) ? entry.name : undefined;
    return typeof name === 'string' && name.trim() ? [name.trim()] : [];
  });
}

/** Case-insensitive order, the exact text breaking ties: the same list always comes out in the same order. */
function byName(a: string, b: string): number {
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The names as the Zap editor offers them: each once as CleverTap matches it (case and spaces ignored; the first
 * spelling in the answer is kept), sorted; for events, CleverTap's own system events are left out (uploads of them
 * are refused).
 */
export function accountNames(kind: SchemaKind, raw: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const name of raw) {
    if (kind === 'events' && systemEventNamed(name)) continue;
    const key = eventNameKey(name);
    if (!seen.has(key)) seen.set(key, name);
  }
  return [...seen.values()].sort(byName);
}

/** What an answer of HTTP `status` with `body` (parsed JSON, or whatever came) says. */
export function readSchemaAnswer(kind: SchemaKind, status: number, body: unknown): SchemaAnswer {
  if (status === 401 || status === 403) return { kind: 'credentials', status };
  if (status === 429 || status >= 500) return { kind: 'unavailable', status };
  const error =
    isRecord(body) && typeof body.error === 'string' && body.error.trim() ? body.error.trim() : '';
  const code = isRecord(body) ? Number(body.code) : NaN;
  if (isRecord(body) && body.status === 'fail') {
    if (code === 401 || code === 403) return { kind: 'credentials', status };
    return error ? { kind: 'failed', status, error } : { kind: 'failed', status };
  }
  if (status >= 400) return error ? { kind: 'failed', status, error } : { kind: 'failed', status };
  const list = isRecord(body) ? body[kind] : undefined;
  if (!Array.isArray(list)) return { kind: 'unreadable', status };
  return { kind: 'names', names: accountNames(kind, namesIn(list)) };
}

/** The index of `name` among `names` as CleverTap matches names (case and spaces ignored), or -1. */
export function indexOfName(names: readonly string[], name: string): number {
  const key = eventNameKey(name);
  return names.findIndex((known) => eventNameKey(known) === key);
}

/** Levenshtein distance between two texts (code points), giving up with Infinity past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const [s, t] = [[...a], [...b]];
  if (Math.abs(s.length - t.length) > max) return Infinity;
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      // Every index read here was written earlier in this or the previous row; Infinity only satisfies the types.
      const cell = Math.min(
        (previous[j] ?? Infinity) + 1,
        (current[j - 1] ?? Infinity) + 1,
        (previous[j - 1] ?? Infinity) + cost,
      );
      current[j] = cell;
      rowMin = Math.min(rowMin, cell);
    }
    if (rowMin > max) return Infinity;
    previous = current;
  }
  const distance = previous[t.length] ?? Infinity;
  return distance > max ? Infinity : distance;
}

/**
 * How far a known name may be from the given one and still be suggested: a third of the longer matching form, at
 * least 1 ("Deal Wonn" -> "Deal Won" is 1 of 8; "Buy" is not suggested for "Pay").
 */
export function suggestionThreshold(a: string, b: string): number {
  return Math.max(1, Math.floor(Math.max(a.length, b.length) / 3));
}

/**
 * The known name nearest to `name`, compared in CleverTap's matching form, if one is within the threshold; the first
 * in `names`' order wins a tie. Undefined when none is close (or `names` is empty).
 */
export function nearestName(names: readonly string[], name: string): string | undefined {
  const key = eventNameKey(name);
  let best: { name: string; distance: number } | undefined;
  for (const known of names) {
    const knownKey = eventNameKey(known);
    const limit = Math.min(suggestionThreshold(key, knownKey), best ? best.distance - 1 : Infinity);
    const distance = editDistance(key, knownKey, limit);
    if (distance <= limit) best = { name: known, distance };
  }
  return best?.name;
}
