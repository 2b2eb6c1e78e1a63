/**
 * HTTP middleware: credentials go on requests to CleverTap only, and CleverTap's request-level failures become
 * Zapier errors in plain words. Runs for every z.request the app makes.
 */
import type { AfterResponseMiddleware, BeforeRequestMiddleware } from 'zapier-platform-core';
import { REGIONS, Region } from './clevertap/regions';
import { readRequestFailure } from './clevertap/answers';
import { BASE_URL_VARIABLE, regionOf } from './api';

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

export const addCleverTapHeaders: BeforeRequestMiddleware = (request, _z, bundle) => {
  if (!isCleverTapUrl(request.url)) return request;
  return {
    ...request,
    // A redirect would carry the passcode header to wherever it points; CleverTap's API does not redirect.
    redirect: 'manual',
    headers: {
      ...request.headers,
      'X-CleverTap-Account-Id': String(bundle.authData.accountId ?? '').trim(),
      'X-CleverTap-Passcode': String(bundle.authData.passcode ?? '').trim(),
    },
  };
};

const DEFAULT_RETRY_SECONDS = 60;

/** Retry-After in seconds when CleverTap sends a usable one (it documents none), else a minute. */
function retryAfter(response: Parameters<AfterResponseMiddleware>[0]): number {
  const seconds = Number(response.getHeader('retry-after'));
  return Number.isInteger(seconds) && seconds > 0 && seconds <= 3600 ? seconds : DEFAULT_RETRY_SECONDS;
}

const ERROR_CODES = { credentials: 'auth_failed', rejected: 'rejected', unavailable: 'unavailable' } as const;

export const handleCleverTapErrors: AfterResponseMiddleware = (response, z, bundle) => {
  if (!isCleverTapUrl(response.request.url)) return response;
  const { status } = response;
  if (status >= 300 && status < 400)
    throw new z.errors.Error(
      `CleverTap answered with a redirect (HTTP ${status}), which its API never does; nothing was sent on.`,
      'unexpected_answer',
      status,
    );
  if (status < 400) return response;
  const region: Region = regionOf(bundle) ?? 'eu1';
  const failure = readRequestFailure(status, response.data, region);
  switch (failure.kind) {
    case 'throttled':
      throw new z.errors.ThrottledError(failure.message, retryAfter(response));
    case 'credentials':
      throw new z.errors.ExpiredAuthError(failure.message);
    default:
      throw new z.errors.Error(failure.message, ERROR_CODES[failure.kind], status);
  }
};
