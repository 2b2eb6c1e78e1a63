/**
 * The CleverTap API as the actions use it: where to send (region or the developer's test server), and the two calls.
 * Headers are added and HTTP failures are turned into Zapier errors by the middleware; this file adds what only a call
 * can know: a timeout inside Zapier's step limit, and what a lost connection means for the data.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { readRequestFailure, readUploadAnswer, UploadResult } from '../clevertap/answers';
import { appError } from './errors';
import { baseUrlFor, regionOf } from './base-url';
import { REQUEST_TIMEOUT_MS } from './limits';
import { explainRefusal, isRefusal, stepStartedAt } from './region-check';
import { lostConnectionMessage, type Replay, requestFailureMessage } from './words';
import { uploadBody, UploadRecord } from '../clevertap/records';
import { ProfileQuery, readProfileAnswer } from '../clevertap/profiles';

/**
 * The JSON text of a request body. Core 19.1 refuses a body containing `{{bundle.` or `{{process.` text with a plain
 * Error that quotes the whole body; to CleverTap such text is data (a CRM note may hold a template), so `{{` inside
 * JSON strings is written `{\u007b`, which JSON decodes to the same `{{` (a JSON text has `{{` only inside strings).
 * (Query values cannot be protected this way: core strips every `{{...}}` from them; see input/lookup.ts.)
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value).replace(/\{\{/g, '{\\u007b');
}

interface FetchFailure {
  type?: string;
  code?: string;
}

/** A network failure (timeout, reset): the request's records may or may not have been saved. */
function lostConnection(z: ZObject, error: unknown, replay: Replay): Error {
  const failure = error as FetchFailure;
  const message = lostConnectionMessage(
    failure.type === 'request-timeout',
    failure.code ?? failure.type ?? 'network error',
    replay,
  );
  return appError(z, message, 'network_error', 503, { outcome: 'unknown', kind: 'app' });
}

/** Errors raised by our middleware or by core already speak to the user; anything else is a network failure. */
function isNetworkFailure(error: unknown): boolean {
  return (error as Error)?.name === 'FetchError' || (error as Error)?.name === 'AbortError';
}

/**
 * One request to CleverTap. With the connection (`bundle`), a refusal of the credentials asks the other regions
 * whether they belong there (see region-check.ts) before the step stops.
 */
export async function request(
  z: ZObject,
  options: Parameters<ZObject['request']>[0] & object,
  replay: Replay | boolean,
  bundle?: Pick<Bundle, 'authData'>,
) {
  const startedAt = stepStartedAt(z);
  try {
    return await z.request({ timeout: REQUEST_TIMEOUT_MS, ...options });
  } catch (error) {
    const risk = replay === true ? 'safe' : replay === false ? 'stores_twice' : replay;
    if (isNetworkFailure(error)) throw lostConnection(z, error, risk);
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
  replay: Replay | boolean,
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

/**
 * POST /1/upload. Returns what CleverTap did with the records; request-level failures have been thrown as Zapier
 * errors by the middleware. `replaySafe`: profile uploads can be sent again harmlessly, event uploads cannot.
 */
export async function upload(
  z: ZObject,
  bundle: Bundle,
  records: UploadRecord[],
  replaySafe: boolean,
): Promise<UploadResult> {
  const response = await postJson(z, bundle, '/1/upload', uploadBody(records), replaySafe);
  const result = readUploadAnswer(response.data, records.length);
  if (!result)
    throw appError(
      z,
      `CleverTap answered the upload with something other than an upload result (HTTP ${response.status}), ` +
        'so it is not known whether the data was saved. Check CleverTap before replaying this step.',
      'unexpected_answer',
      502,
      { outcome: 'unknown', kind: 'app' },
    );
  return result;
}

/**
 * GET /1/profile.json: the profile of one user, or undefined when CleverTap has no such user. The query value is
 * URL-encoded by the request (`+` in emails and phones becomes %2B); no body, so no Content-Type. A 200 `fail`
 * answer is "not found" only when it says so; one about credentials, or any other, is thrown rather than reported
 * as "no such user". Lookups read nothing into CleverTap, so they are always safe to replay.
 */
export async function getProfile(
  z: ZObject,
  bundle: Bundle,
  query: ProfileQuery,
): Promise<Record<string, unknown> | undefined> {
  const response = await request(
    z,
    {
      url: `${baseUrlFor(z, bundle)}/1/profile.json`,
      method: 'GET',
      params: { ...query },
      // Only a 404 comes back unthrown (the middleware throws the rest): it is "no such user" when its body says so.
      skipThrowForStatus: true,
    },
    true,
    bundle,
  );
  const answer = readProfileAnswer(response.data);
  if (response.status === 404 && answer?.kind !== 'not_found')
    throw new z.errors.Error(
      requestFailureMessage(readRequestFailure(404, response.data), regionOf(bundle) ?? 'eu1'),
      'rejected',
      404,
    );
  const said = (error: string) => (error ? `: ${error}` : '');
  switch (answer?.kind) {
    case 'found':
      return answer.record;
    case 'not_found':
      return undefined;
    case 'credentials':
      throw new z.errors.Error(
        `CleverTap refused the lookup${said(answer.error)}. Check that the connection's Account ID, Passcode and ` +
          'Region are right and that this passcode may read profiles, then reconnect your CleverTap account.',
        'auth_failed',
        401,
      );
    case 'failed':
      throw new z.errors.Error(
        `CleverTap could not look up the profile${said(answer.error)}. Check the value you searched by and try again.`,
        'lookup_failed',
        502,
      );
    default:
      throw new z.errors.Error(
        `CleverTap answered the lookup with something other than a profile answer (HTTP ${response.status}).`,
        'unexpected_answer',
        502,
      );
  }
}
