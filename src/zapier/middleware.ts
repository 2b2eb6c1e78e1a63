/**
 * HTTP middleware: credentials go on requests to CleverTap only, and CleverTap's request-level failures become
 * Zapier errors in plain words. Runs for every z.request the app makes.
 */
import type { AfterResponseMiddleware, BeforeRequestMiddleware, ZObject } from 'zapier-platform-core';
import { REGIONS, Region } from '../clevertap/regions';
import { readRequestFailure } from '../clevertap/answers';
import { appError, expiredAuthError, withSendFailure } from './errors';
import { CREDENTIAL_WORDS, requestFailureMessage } from './words';
import { BASE_URL_VARIABLE, regionOf } from './base-url';

const CLEVERTAP_HOSTS = new Set<string>([
  ...Object.values(REGIONS).map((r) => r.host),
  'eu1.api.clevertap.com',
]);

/** Only HTTPS to CleverTap's own hosts, or the server the app's developer configured, may receive the passcode. */
export function isCleverTapUrl(url: string | undefined): boolean {
  if (!url) return false;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === 'https:' && CLEVERTAP_HOSTS.has(target.hostname)) return true;
  const override = process.env[BASE_URL_VARIABLE];
  if (!override) return false;
  try {
    const configured = new URL(override.split('{region}').join('x'));
    return target.protocol === configured.protocol && target.host === configured.host;
  } catch {
    return false;
  }
}

/** What an HTTP header can carry of a credential: printable ASCII. */
const HEADER_SAFE = /^[\x20-\x7e]*$/;

/**
 * A credential as it goes in its header, or a Zapier error naming the field (never quoting the value):
 * - a character a header cannot carry (a zero-width space or a line break pasted along) made node-fetch throw a
 *   TypeError quoting the passcode itself;
 * - a passcode with spaces around it: core trims header values, and its log scrubber censors the passcode as stored,
 *   so the trimmed passcode was printed uncensored in the HTTP logs Zapier keeps. The Account ID is not secret and is
 *   simply trimmed.
 */
function credential(z: ZObject, label: string, value: unknown, secret: boolean): string {
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  if (secret && text !== text.trim())
    throw new z.errors.Error(CREDENTIAL_WORDS.spaces(label), 'invalid_credentials', 400);
  if (!HEADER_SAFE.test(text.trim()))
    throw new z.errors.Error(CREDENTIAL_WORDS.unsendable(label), 'invalid_credentials', 400);
  return text.trim();
}

export const addCleverTapHeaders: BeforeRequestMiddleware = (request, z, bundle) => {
  if (!isCleverTapUrl(request.url)) return request;
  return {
    ...request,
    // A redirect would carry the passcode header to wherever it points; CleverTap's API does not redirect.
    redirect: 'manual',
    headers: {
      ...request.headers,
      'X-CleverTap-Account-Id': credential(z, 'Account ID', bundle.authData.accountId, false),
      'X-CleverTap-Passcode': credential(z, 'Passcode', bundle.authData.passcode, true),
    },
  };
};

const DEFAULT_RETRY_SECONDS = 60;

/** Retry-After in seconds when CleverTap sends a usable one (it documents none), else a minute. */
function retryAfter(response: Parameters<AfterResponseMiddleware>[0]): number {
  const seconds = Number(response.getHeader('retry-after'));
  return Number.isInteger(seconds) && seconds > 0 && seconds <= 3600 ? seconds : DEFAULT_RETRY_SECONDS;
}

const ERROR_CODES = {
  credentials: 'auth_failed',
  throttled: 'throttled',
  rejected: 'rejected',
  unavailable: 'unavailable',
} as const;

export const handleCleverTapErrors: AfterResponseMiddleware = (response, z, bundle) => {
  if (!isCleverTapUrl(response.request.url)) return response;
  const { status } = response;
  if (status >= 300 && status < 400)
    throw appError(
      z,
      `CleverTap answered with a redirect (HTTP ${status}), which its API never does; nothing was sent on.`,
      'unexpected_answer',
      status,
      { outcome: 'unknown', kind: 'app' },
    );
  if (status < 400) return response;
  // A lookup reads its own 404s: CleverTap's not-found answer may come with HTTP 404 (see getProfile).
  if (status === 404 && response.skipThrowForStatus) return response;
  const region: Region = regionOf(bundle) ?? 'eu1';
  const failure = readRequestFailure(status, response.data);
  const message = requestFailureMessage(failure, region);
  const facts = { outcome: 'refused', reason: message, code: ERROR_CODES[failure.kind], status } as const;
  switch (failure.kind) {
    case 'throttled': {
      const delay = retryAfter(response);
      throw withSendFailure(new z.errors.ThrottledError(message, delay), {
        ...facts,
        kind: 'throttled',
        delay,
      });
    }
    case 'credentials':
      throw withSendFailure(expiredAuthError(z, message), { ...facts, kind: 'credentials' });
    default:
      throw appError(z, message, ERROR_CODES[failure.kind], status, { outcome: 'refused', kind: 'app' });
  }
};
