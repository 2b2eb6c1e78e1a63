/**
 * Where requests go: the connection's region, or the developer's test server for every region. A connection with no
 * usable region stops the step with a user-facing error rather than send anywhere unexpected.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { apiBaseUrl, isRegion, Region } from '../clevertap/regions';
import { invalidBaseUrlMessage, invalidRegionMessage } from './words';

/** Environment variable with which the app's developer points every region at another server (a local test server). */
export const BASE_URL_VARIABLE = 'CLEVERTAP_API_BASE_URL';

export function regionOf(bundle: Pick<Bundle, 'authData'>): Region | undefined {
  const region = bundle.authData?.region;
  return isRegion(region) ? region : undefined;
}

/** The connection's region, or a user-facing error when it is not one CleverTap has. */
export function connectionRegion(z: ZObject, bundle: Pick<Bundle, 'authData'>): Region {
  const region = regionOf(bundle);
  if (!region)
    throw new z.errors.Error(
      invalidRegionMessage(String(bundle.authData?.region ?? '')),
      'invalid_region',
      400,
    );
  return region;
}

/** The base URL for the connection's region; throws a user-facing error rather than send anywhere unexpected. */
export function baseUrlFor(z: ZObject, bundle: Pick<Bundle, 'authData'>): string {
  const region = connectionRegion(z, bundle);
  const base = apiBaseUrl(region, process.env[BASE_URL_VARIABLE]);
  if (!base) throw new z.errors.Error(invalidBaseUrlMessage(BASE_URL_VARIABLE), 'invalid_base_url', 500);
  return base;
}
