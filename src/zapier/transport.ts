/**
 * The transport every CleverTap call goes through: a timeout inside Zapier's step limit, the JSON text of a body,
 * what a lost connection means for the data, and a refusal of the credentials explained by the other regions.
 * Headers are added and HTTP failures are turned into Zapier errors by the middleware; the calls themselves (upload,
 * lookup, acts, schema) live in their own modules.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Replay } from '../clevertap/replay';
import { baseUrlFor, regionOf } from './base-url';
import { appError } from './errors';
import { REQUEST_TIMEOUT_MS } from './limits';
import { explainRefusal, isRefusal, stepStartedAt } from './region-check';
import { invalidTimeoutMessage, lostConnectionMessage } from './words';

/**
 * The JSON text of a request body. Core 19.1 refuses a body containing `{{bundle.` or `{{process.` text with a plain
 * Error that quotes the whole body; to CleverTap such text is data (a CRM note may hold a template), so `{{` inside
 * JSON strings is written `{\u007b`, which JSON decodes to the same `{{` (a JSON text has `{{` only inside strings).
 * (Query values cannot be protected this way: core strips every `{{...}}` from them; see fields/lookup.ts.)
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/\{\{/g, '{\\u007b');
}

/** What node-fetch's errors carry about a failure. */
function fetchFailure(error: unknown): { type?: string; code?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const { type, code } = error as Record<string, unknown>;
  return {
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof code === 'string' ? { code } : {}),
  };
}

/** Environment variable with which the app's developer SHORTENS the request timeout (tests against a test server). */
export const TIMEOUT_VARIABLE = 'CLEVERTAP_REQUEST_TIMEOUT_MS';

/**
 * The request timeout in milliseconds, read at each call: REQUEST_TIMEOUT_MS, or the whole number from 1 to
 * REQUEST_TIMEOUT_MS set in CLEVERTAP_REQUEST_TIMEOUT_MS (unset or empty: the default). Any other value is refused
 * before anything is sent, as a wrong CLEVERTAP_API_BASE_URL is: a longer timeout would let Zapier cut the step off.
 */
export function requestTimeoutMs(z: ZObject): number {
  const text = process.env[TIMEOUT_VARIABLE]?.trim();
  if (!text) return REQUEST_TIMEOUT_MS;
  const ms = /^\d+$/.test(text) ? Number(text) : NaN;
  if (ms >= 1 && ms <= REQUEST_TIMEOUT_MS) return ms;
  throw new z.errors.Error(
    invalidTimeoutMessage(TIMEOUT_VARIABLE, REQUEST_TIMEOUT_MS),
    'invalid_timeout',
    500,
  );
}

/** A network failure (timeout, reset): the request's records may or may not have been saved. */
function lostConnection(z: ZObject, error: unknown, replay: Replay, timeoutMs: number): Error {
  const failure = fetchFailure(error);
  const lost = {
    timedOut: failure.type === 'request-timeout',
    cause: failure.code ?? failure.type ?? 'network error',
    timeoutMs,
  };
  const message = lostConnectionMessage(lost.timedOut, lost.cause, replay, timeoutMs);
  return appError(z, message, 'network_error', 503, { outcome: 'unknown', kind: 'app', lost });
}

/** Errors raised by our middleware or by core already speak to the user; anything else is a network failure. */
function isNetworkFailure(error: unknown): boolean {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return name === 'FetchError' || name === 'AbortError';
}

/**
 * One request to CleverTap. With the connection (`bundle`), a refusal of the credentials asks the other regions
 * whether they belong there (see region-check.ts) before the step stops.
 */
export async function request(
  z: ZObject,
  options: Parameters<ZObject['request']>[0] & object,
  replay: Replay,
  bundle?: Pick<Bundle, 'authData'>,
) {
  const startedAt = stepStartedAt(z);
  const timeout = options.timeout ?? requestTimeoutMs(z);
  try {
    return await z.request({ ...options, timeout });
  } catch (error) {
    if (isNetworkFailure(error)) throw lostConnection(z, error, replay, timeout);
    if (bundle && isRefusal(error)) await explainRefusal(z, regionOf(bundle), error as Error, startedAt);
    throw error;
  }
}

/**
 * A POST of a JSON body to one of CleverTap's API paths, serialised here with one explicit Content-Type (given an
 * object, core 19.1 sends the header twice). Request-level failures are thrown by the middleware.
 */
export async function postJson(
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  path: string,
  body: unknown,
  replay: Replay,
) {
  return request(
    z,
    {
      url: `${baseUrlFor(z, bundle)}${path}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: jsonText(body),
    },
    replay,
    bundle,
  );
}
