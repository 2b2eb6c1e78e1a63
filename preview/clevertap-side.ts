/**
 * The CleverTap side of a step, read from the sandbox's own inspection routes (`/__sandbox/...`, no credentials):
 * the requests the step caused (bodies and answers; the sandbox never keeps the passcode) and what the sandbox now
 * holds for the users they were about. Generic over what the sandbox offers: collections of its store beyond
 * profiles and events (subscription statuses, campaign messages, ...) are shown, narrowed to the users, and the
 * optional routes (`/__sandbox/acts`, `/__sandbox/subscriptions`, ...) are used when present and skipped on a 404.
 */
import type { ReceivedLookup, ReceivedUpload } from '../sandbox';

export interface StepRequest {
  seq: number;
  method: 'POST' | 'GET';
  path: string;
  status: number;
  body?: unknown;
  answer: unknown;
  faults: string[];
}

export interface StoredProfileView {
  objectId: string;
  identity?: string;
  profileData: Record<string, unknown>;
  [key: string]: unknown;
}

export interface StoredEventView {
  userKey: { name: string; value: string };
  objectId: string;
  evtName: string;
  evtData: Record<string, unknown>;
  ts: number;
}

export interface ExtraView {
  title: string;
  path: string;
  /** The view's JSON, narrowed to entries that mention the step's users where it is a list. */
  data: unknown;
}

export interface CleverTapSide {
  running: boolean;
  /** Why nothing could be read (a stopped or unreachable sandbox). */
  problem?: string;
  requests: StepRequest[];
  /** The user keys and emails the step was about. */
  users: string[];
  profiles: StoredProfileView[];
  events: StoredEventView[];
  /** More the sandbox keeps: optional views, and collections of the store beyond profiles and events. */
  extras: ExtraView[];
  /** Optional views this sandbox does not offer (404). */
  notOffered: string[];
}

/** Titles of collections the sandbox keeps (in its store, or at `/__sandbox/<name>`); others show their name. */
export const COLLECTION_TITLES: Record<string, string> = {
  subscriptions: 'Subscription statuses',
  inbox: 'Campaign messages (inbox)',
  campaigns: 'Campaign messages',
};

/** Views the sandbox may offer at `/__sandbox/<name>`: read when its store has no collection of that name. */
export const OPTIONAL_VIEWS = ['subscriptions', 'campaigns', 'inbox'] as const;

/** CleverTap paths of the calls in the sandbox's `acts` log, by route. */
const ACT_PATHS: Record<string, string> = {
  delete: '1/delete/profiles.json',
  subscribe: '1/subscribe',
  trigger: '1/send/externaltrigger.json',
};

const MAX_EVENTS = 50;
const MAX_PROFILES = 20;

type UploadEntry = ReceivedUpload;
type LookupEntry = ReceivedLookup;
/** An entry of the `acts` log (deletes, subscriptions, campaign triggers): an upload-like call with its route. */
type ActEntry = ReceivedUpload & { route: string };

export interface SandboxLogs {
  received: UploadEntry[];
  lookups: LookupEntry[];
  /** getSchema reads (what the account has), when the sandbox keeps that log. */
  schemaReads: LookupEntry[];
  /** Calls that act on users (delete, subscribe, send), when the sandbox keeps that log. */
  acts: ActEntry[];
}

type Fetched = { ok: true; status: number; body: unknown } | { ok: false; problem: string };

async function getJson(url: string): Promise<Fetched> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return { ok: true, status: response.status, body };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return {
      ok: false,
      problem: `The CleverTap test server at ${url.replace(/\/__sandbox.*/, '')} did not answer (${cause}).`,
    };
  }
}

const listIn = <T>(fetched: Fetched, name: string): T[] => {
  if (!fetched.ok || fetched.status !== 200) return [];
  const list = (fetched.body as Record<string, unknown> | null)?.[name];
  return Array.isArray(list) ? (list as T[]) : [];
};

/** The request logs, or why they cannot be read (a stopped or unreachable sandbox). */
export async function readLogs(sandboxUrl: string): Promise<SandboxLogs | { problem: string }> {
  const read = (name: string) => getJson(`${sandboxUrl}/__sandbox/${name}`);
  const [received, lookups, acts, schemaReads] = await Promise.all([
    read('received'),
    read('lookups'),
    read('acts'),
    read('schema-reads'),
  ]);
  for (const fetched of [received, lookups]) if (!fetched.ok) return { problem: fetched.problem };
  return {
    received: listIn<UploadEntry>(received, 'received'),
    lookups: listIn<LookupEntry>(lookups, 'lookups'),
    schemaReads: schemaReads ? listIn<LookupEntry>(schemaReads, 'schemaReads') : [],
    acts: listIn<ActEntry>(acts, 'acts'),
  };
}

/** The latest sequence number in the logs (they share one sequence): the step's requests are those after it. */
export function lastSeq(logs: SandboxLogs): number {
  return Math.max(
    0,
    ...[...logs.received, ...logs.lookups, ...logs.schemaReads, ...logs.acts].map((entry) => entry.seq),
  );
}

const stepRequest = (
  entry: ReceivedLookup & { body?: unknown },
  method: StepRequest['method'],
  path: string,
): StepRequest => ({
  seq: entry.seq,
  method,
  path: `/${entry.region}/${path}`,
  status: entry.status,
  ...(entry.body !== undefined && { body: entry.body }),
  answer: entry.answer,
  faults: entry.faults,
});

/** The requests after `since`, oldest first, as method, path, body and answer. */
export function requestsSince(logs: SandboxLogs, since: number): StepRequest[] {
  const query = (q: Record<string, string>) => new URLSearchParams(q).toString();
  return [
    ...logs.received.map((r) =>
      stepRequest(r, 'POST', `1/upload${query(r.query) ? `?${query(r.query)}` : ''}`),
    ),
    ...logs.lookups.map((l) => stepRequest(l, 'GET', `1/profile.json?${query(l.query)}`)),
    ...logs.schemaReads.map((s) => stepRequest(s, 'GET', `getSchema?${query(s.query)}`)),
    ...logs.acts.map((a) => stepRequest(a, 'POST', ACT_PATHS[a.route] ?? `1/${a.route}`)),
  ]
    .filter((r) => r.seq > since)
    .sort((a, b) => a.seq - b.seq);
}

const USER_KEYS = ['identity', 'objectId', 'FBID', 'GPID', 'email', 'guid'];

const texts = (value: unknown): string[] =>
  typeof value === 'string' || typeof value === 'number'
    ? [String(value)]
    : Array.isArray(value)
      ? value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? [String(v)] : []))
      : [];

/**
 * The users a record or call body names: its user keys (one value or a list, as deletes take them), those of its
 * `to` (a campaign trigger), or the address of a subscription record (`type` email or phone, `value`).
 */
function userValuesOf(object: unknown): string[] {
  if (typeof object !== 'object' || object === null) return [];
  const record = object as Record<string, unknown>;
  const values = USER_KEYS.flatMap((key) => texts(record[key]));
  if (record.type === 'email' || record.type === 'phone') values.push(...texts(record.value));
  if (typeof record.to === 'object') values.push(...userValuesOf(record.to));
  return values.filter((v) => v.trim() !== '');
}

/**
 * Who the step was about: the user keys of the records it uploaded and of the lookups it made; when it sent
 * nothing, the user keys of its input (as Zapier handed it over).
 */
export function usersOf(requests: StepRequest[], input: Record<string, unknown>): string[] {
  const values = requests.flatMap((r) => {
    if (r.method === 'GET')
      return userValuesOf(Object.fromEntries(new URLSearchParams(r.path.split('?')[1])));
    const records = (r.body as { d?: unknown })?.d;
    return Array.isArray(records) ? records.flatMap(userValuesOf) : userValuesOf(r.body);
  });
  return [...new Set(values.length ? values : userValuesOf(input))];
}

interface AccountStore {
  profiles?: StoredProfileView[];
  events?: StoredEventView[];
  [collection: string]: unknown;
}

const mentions = (value: unknown, users: ReadonlySet<string>): boolean => {
  if (typeof value === 'string' || typeof value === 'number') return users.has(String(value));
  if (typeof value === 'object' && value !== null)
    return Object.values(value).some((v) => mentions(v, users));
  return false;
};

const otherAccount = (item: object, accountId: string): boolean =>
  typeof (item as { accountId?: unknown }).accountId === 'string' &&
  (item as { accountId: string }).accountId !== accountId;

/**
 * A view narrowed to the step's users: an `accounts` map to the connection's account, lists of objects to the
 * entries of that account that mention a user (by identity, objectId, email, phone, ... anywhere in them).
 */
export function narrowToUsers(data: unknown, accountId: string, users: ReadonlySet<string>): unknown {
  if (Array.isArray(data))
    return data.every((item) => typeof item === 'object' && item !== null)
      ? data.filter((item: object) => !otherAccount(item, accountId) && mentions(item, users))
      : data;
  if (typeof data !== 'object' || data === null) return data;
  const object = data as Record<string, unknown>;
  if (typeof object.accounts === 'object' && object.accounts !== null && !Array.isArray(object.accounts)) {
    const accounts = object.accounts as Record<string, unknown>;
    return narrowToUsers(accounts[accountId] ?? {}, accountId, users);
  }
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, narrowToUsers(v, accountId, users)]));
}

/** The stored profiles of the users (by any user key, or by email), and every event on them. */
export function userRecords(
  store: AccountStore,
  users: readonly string[],
): { profiles: StoredProfileView[]; events: StoredEventView[] } {
  const wanted = new Set(users);
  const emails = new Set(users.map((u) => u.toLowerCase()));
  const profiles = (store.profiles ?? []).filter(
    (p) =>
      wanted.has(p.objectId) ||
      USER_KEYS.some((key) => typeof p[key] === 'string' && wanted.has(p[key])) ||
      (typeof p.profileData?.Email === 'string' && emails.has(p.profileData.Email.toLowerCase())),
  );
  const objectIds = new Set(profiles.map((p) => p.objectId));
  const events = (store.events ?? []).filter(
    (e) => objectIds.has(e.objectId) || wanted.has(e.objectId) || wanted.has(String(e.userKey?.value)),
  );
  return { profiles: profiles.slice(0, MAX_PROFILES), events: events.slice(-MAX_EVENTS) };
}

/** The values that identify the users in other collections: their keys, objectIds, emails and phones. */
function identifiers(users: readonly string[], profiles: readonly StoredProfileView[]): Set<string> {
  const values = new Set(users);
  for (const profile of profiles) {
    values.add(profile.objectId);
    for (const key of ['Email', 'Phone'])
      if (typeof profile.profileData?.[key] === 'string') values.add(profile.profileData[key]);
  }
  return values;
}

/** Everything the page shows of the CleverTap side after a step. */
export async function cleverTapSide(
  sandboxUrl: string | undefined,
  accountId: string,
  since: number,
  input: Record<string, unknown>,
): Promise<CleverTapSide> {
  const empty = { requests: [], users: [], profiles: [], events: [], extras: [], notOffered: [] };
  if (sandboxUrl === undefined)
    return {
      ...empty,
      running: false,
      problem: 'The CleverTap test server is stopped: there is nothing to show.',
    };
  const logs = await readLogs(sandboxUrl);
  if ('problem' in logs) return { ...empty, running: false, problem: logs.problem };
  const requests = requestsSince(logs, since);
  const users = usersOf(requests, input);
  const store = await getJson(`${sandboxUrl}/__sandbox/store`);
  if (!store.ok) return { ...empty, running: false, problem: store.problem, requests };
  const account =
    ((store.body as { accounts?: Record<string, AccountStore> }).accounts ?? {})[accountId] ?? {};
  const records = userRecords(account, users);
  const known = identifiers(users, records.profiles);
  const extras: ExtraView[] = Object.entries(account)
    .filter(([name]) => name !== 'profiles' && name !== 'events')
    .map(([name, data]) => ({
      title: COLLECTION_TITLES[name] ?? `Store: ${name}`,
      path: `/__sandbox/store (${name})`,
      data: narrowToUsers(data, accountId, known),
    }));
  const views = OPTIONAL_VIEWS.filter((name) => !(name in account));
  const answers = await Promise.all(
    views.map(async (name) => ({ name, answer: await getJson(`${sandboxUrl}/__sandbox/${name}`) })),
  );
  const notOffered: string[] = [];
  answers.forEach(({ name, answer }) => {
    const path = `/__sandbox/${name}`;
    if (answer.ok && answer.status === 200)
      extras.push({
        title: COLLECTION_TITLES[name] ?? name,
        path,
        data: narrowToUsers(answer.body, accountId, known),
      });
    else notOffered.push(path);
  });
  return { running: true, requests, users, ...records, extras, notOffered };
}
