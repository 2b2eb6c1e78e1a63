/**
 * Looking up one user with GET /1/profile.json: the three ways to ask, how to read the answer (whose not-found shape
 * is unconfirmed), and the profile flattened into the plain object a Zap maps from. Pure.
 */
import { isoFromEpochSeconds, STANDARD_PROFILE_KEYS } from './rules';
import { isRecord } from '../guards';

/** profile.json takes exactly one of these query parameters. */
export const LOOKUP_KEYS = ['identity', 'email', 'objectId'] as const;

export type LookupKey = (typeof LOOKUP_KEYS)[number];

/** One lookup: exactly one query parameter. */
export type ProfileQuery = { identity: string } | { email: string } | { objectId: string };

export type ProfileAnswer =
  | { kind: 'found'; record: Record<string, unknown> }
  | { kind: 'not_found' }
  /** CleverTap answered 200 but refused the credentials (a 401 never gets here: the middleware throws it). */
  | { kind: 'credentials'; error: string }
  /** A `fail` that is neither "no such user" nor about credentials: an error, never a false "not found". */
  | { kind: 'failed'; error: string };

/**
 * Error texts of a `fail` answer that mean "no such user". Read AFTER the credentials patterns, so that "Account
 * not found" is about credentials, not about the user.
 */
const NOT_FOUND_TEXT =
  /not\s+found|no\s+(such\s+)?(user|profile|record)s?\b|does\s*n[o']t\s+exist|(user|profile|record)\s+(is\s+)?missing/i;

/** Error texts of a `fail` answer that are about the account or the credentials. */
const CREDENTIALS_TEXT =
  /credential|passcode|account|unauthori[sz]ed|authenticat|forbidden|not\s+allowed|permission|access\s+denied/i;

/** HTTP-like codes a `fail` body may carry. */
const NOT_FOUND_CODES = new Set([404]);
const CREDENTIALS_CODES = new Set([401, 403]);

/**
 * Reads the body of a 200 answer to a lookup. Found: `status: "success"` with a non-empty `record`. Not found:
 * `success` with no, a null or an empty `record`, or a `fail` whose code is 404 or whose text says "not found".
 * A `fail` about credentials, or any other `fail`, is reported as such. Undefined when the body is not a lookup answer.
 */
export function readProfileAnswer(body: unknown): ProfileAnswer | undefined {
  if (!isRecord(body) || typeof body.status !== 'string') return undefined;
  const status = body.status.toLowerCase();
  if (status === 'success') {
    const record = body.record;
    if (record === undefined || record === null) return { kind: 'not_found' };
    if (!isRecord(record)) return undefined;
    return Object.keys(record).length ? { kind: 'found', record } : { kind: 'not_found' };
  }
  if (status !== 'fail') return undefined;
  const error = typeof body.error === 'string' ? body.error.trim().slice(0, 300) : '';
  const code = typeof body.code === 'number' ? body.code : Number(body.code);
  if (CREDENTIALS_CODES.has(code) || CREDENTIALS_TEXT.test(error)) return { kind: 'credentials', error };
  if (NOT_FOUND_CODES.has(code) || NOT_FOUND_TEXT.test(error)) return { kind: 'not_found' };
  return { kind: 'failed', error };
}

/** A flattened profile: user keys first, then the profile's properties under CleverTap's names. */
export type FlatProfile = Record<string, unknown> & {
  objectId?: string;
  objectIds?: string;
  identity?: string;
};

/** Keys never copied into the output: `platformInfo` is summarised as objectId(s); no secret is ever passed on. */
const isDroppedKey = (key: string) => key === 'platformInfo' || /passcode/i.test(key);

/** CleverTap's standard property name for a top-level key written in another case (`email` -> `Email`). */
const STANDARD_BY_LOWER_CASE = new Map(Object.keys(STANDARD_PROFILE_KEYS).map((k) => [k.toLowerCase(), k]));

function objectIdsOf(record: Record<string, unknown>): string[] {
  const platforms = Array.isArray(record.platformInfo) ? record.platformInfo : [];
  const ids = platforms
    .map((p) => (isRecord(p) ? p.objectId : undefined))
    .filter((id): id is string | number => typeof id === 'string' || typeof id === 'number')
    .map(String)
    .filter(Boolean);
  if (typeof record.objectId === 'string' && record.objectId) ids.unshift(record.objectId);
  return [...new Set(ids)];
}

/** Keys of an event summary that hold epoch seconds. */
const SUMMARY_TIMES = ['first_seen', 'last_seen'];

/**
 * The answer's `events` summary (`{"Charged": {"count": 6, "first_seen": 1457962417, ...}}`) with its epoch seconds as
 * ISO-8601 times, so later steps read dates; counts and anything else are kept as they are.
 */
export function eventsSummary(events: unknown): unknown {
  if (!isRecord(events)) return events;
  return Object.fromEntries(
    Object.entries(events).map(([name, summary]) => [
      name,
      isRecord(summary)
        ? Object.fromEntries(
            Object.entries(summary).map(([key, value]) => [
              key,
              SUMMARY_TIMES.includes(key) && typeof value === 'number' && Number.isFinite(value)
                ? isoFromEpochSeconds(value)
                : value,
            ]),
          )
        : summary,
    ]),
  );
}

/**
 * One object per profile, flat enough for a Zap to map from: `objectId` (the first of platformInfo's), `objectIds`
 * (all of them, comma-separated), `identity`, then every property as a top-level key under CleverTap's own name.
 * Standard properties that the answer writes in lower case (`name`, `email`) get their standard name (`Name`,
 * `Email`); properties nested in a `profileData` object are lifted to the top level. Other nested values are left
 * as they are: Zapier flattens them itself.
 */
export function flattenProfile(record: Record<string, unknown>): FlatProfile {
  const out: FlatProfile = {};
  const ids = objectIdsOf(record);
  if (ids.length) {
    out.objectId = ids[0];
    out.objectIds = ids.join(',');
  }
  const identity = record.identity;
  if (typeof identity === 'string' || typeof identity === 'number') out.identity = String(identity);
  const put = (key: string, value: unknown) => {
    if (!isDroppedKey(key) && !Object.hasOwn(out, key)) out[key] = value;
  };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'identity' || key === 'objectId' || key === 'profileData') continue;
    put(STANDARD_BY_LOWER_CASE.get(key) ?? key, key === 'events' ? eventsSummary(value) : value);
  }
  if (isRecord(record.profileData))
    for (const [key, value] of Object.entries(record.profileData)) put(key, value);
  return out;
}
