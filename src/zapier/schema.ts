/**
 * What the account has, for the Zap editor and the Event Name guard: GET /getSchema on the connection's region (or
 * the test server), read through Zapier's cache scoped to the connection, and worded failures. Credentials refused
 * keep the middleware's "reconnect" error (ExpiredAuthError); any other failure is a `SchemaProblem` the caller
 * words for where it happened (a dropdown, a step).
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  indexOfName,
  nearestName,
  readSchemaAnswer,
  SCHEMA_PATH,
  schemaQuery,
  type SchemaKind,
} from '../clevertap/schema';
import { baseUrlFor, regionOf } from './base-url';
import { request } from './transport';
import { expiredAuthError, sendFailureOf } from './errors';
import {
  credentialsMessage,
  guardUnknownItemsMessage,
  guardUnknownMessage,
  guardUnreadableMessage,
  type SchemaProblem,
} from './words';

/**
 * How long the account's names are kept: the editor opens a dropdown many times while a Zap is built, and a guarded
 * step may run often; a new event typed in CleverTap shows after this long at most.
 */
export const SCHEMA_CACHE_SECONDS = 5 * 60;

/** Zapier's cache scope: one cache per connection (its auth), so two accounts never share names. */
const CACHE_SCOPE = ['auth'];

/** The account's names could not be read; `problem` says why, for the caller to word. */
export class SchemaUnreadable extends Error {
  override readonly name = 'SchemaUnreadable';

  constructor(readonly problem: SchemaProblem) {
    super(`getSchema: ${problem.kind}`);
  }
}

/**
 * The cache key. The scope already separates connections in Zapier; the region and Account ID are in the key as
 * well, because the local test tools (the app tester, `zapier-platform invoke`) ignore the scope.
 */
function cacheKey(bundle: Pick<Bundle, 'authData'>, kind: SchemaKind): string {
  const account = bundle.authData?.accountId as unknown;
  return `clevertap-schema:${kind}:${regionOf(bundle) ?? ''}:${typeof account === 'string' ? account.trim() : ''}`;
}

/** core's types leave out the scope argument of z.cache.get, which core accepts (and needs, to find a scoped value). */
type CacheGet = (key: string, scope?: string[]) => Promise<unknown>;

const isNameList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((name) => typeof name === 'string');

/** What a thrown request error means here: credentials errors pass through, the rest is a SchemaProblem. */
function problemOf(error: unknown): SchemaProblem {
  const failure = sendFailureOf(error);
  const status = failure?.status;
  const lost = failure?.lost;
  if (lost)
    return lost.timedOut
      ? { kind: 'timeout', seconds: lost.timeoutMs / 1000 }
      : { kind: 'network', cause: lost.cause };
  if (status !== undefined && (status === 429 || status >= 500)) return { kind: 'unavailable', status };
  if (status !== undefined) return { kind: 'failed', status };
  throw error;
}

/** GET /getSchema?type=<kind>: the account's names, sorted, each once (events without system events). No cache. */
export async function fetchAccountNames(z: ZObject, bundle: Bundle, kind: SchemaKind): Promise<string[]> {
  let response;
  try {
    response = await request(
      z,
      { url: `${baseUrlFor(z, bundle)}${SCHEMA_PATH}`, method: 'GET', params: schemaQuery(kind) },
      'safe',
      bundle,
    );
  } catch (error) {
    if (sendFailureOf(error)?.kind === 'credentials') throw error;
    throw new SchemaUnreadable(problemOf(error));
  }
  const answer = readSchemaAnswer(kind, response.status, response.data);
  switch (answer.kind) {
    case 'names':
      return answer.names;
    case 'credentials':
      throw expiredAuthError(z, credentialsMessage(regionOf(bundle) ?? 'eu1'));
    default:
      throw new SchemaUnreadable(answer);
  }
}

/**
 * The account's names, from Zapier's cache when this connection read them in the last few minutes, else from
 * CleverTap (then kept). The cache only saves requests: a cache that fails to answer costs one request, nothing else.
 */
export async function accountNames(z: ZObject, bundle: Bundle, kind: SchemaKind): Promise<string[]> {
  const key = cacheKey(bundle, kind);
  const cached = await (z.cache.get as CacheGet)(key, CACHE_SCOPE).catch(() => undefined);
  if (isNameList(cached)) return cached;
  const names = await fetchAccountNames(z, bundle, kind);
  await z.cache.set(key, names, SCHEMA_CACHE_SECONDS, CACHE_SCOPE).catch(() => undefined);
  return names;
}

/** An event name a step is about to send; `item` is its line item in a bulk step. */
export interface EventToCheck {
  item: number;
  name: string;
}

/**
 * The guard's reading of the account's events: a failure to read them stops the step (nothing has been sent, so it
 * is safe to replay); refused credentials stay the middleware's error.
 */
async function eventsForGuard(z: ZObject, bundle: Bundle): Promise<string[]> {
  try {
    return await accountNames(z, bundle, 'events');
  } catch (error) {
    if (error instanceof SchemaUnreadable)
      throw new z.errors.Error(guardUnreadableMessage(error.problem), 'schema_unavailable', 503);
    throw error;
  }
}

/** The events among `events` the account does not have (case and spaces ignored), each with the nearest it has. */
async function unknownEvents(z: ZObject, bundle: Bundle, events: readonly EventToCheck[]) {
  const known = await eventsForGuard(z, bundle);
  return events
    .filter((event) => indexOfName(known, event.name) < 0)
    .map((event) => ({ ...event, nearest: nearestName(known, event.name) }));
}

/** Upload Event's guard: stops the step, naming the field, when the account does not have the event. */
export async function requireKnownEvent(
  z: ZObject,
  bundle: Bundle,
  label: string,
  name: string,
): Promise<void> {
  const [unknown] = await unknownEvents(z, bundle, [{ item: 1, name }]);
  if (unknown)
    throw new z.errors.Error(guardUnknownMessage(label, name, unknown.nearest), 'unknown_event', 400);
}

/** The bulk guard: every item is checked before anything is sent; the step stops naming the items. */
export async function requireKnownEventItems(
  z: ZObject,
  bundle: Bundle,
  field: { list: string; label: string },
  events: readonly EventToCheck[],
): Promise<void> {
  const unknown = await unknownEvents(z, bundle, events);
  if (unknown.length)
    throw new z.errors.Error(
      guardUnknownItemsMessage(field.list, field.label, unknown, events.length),
      'unknown_event',
      400,
    );
}
