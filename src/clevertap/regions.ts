/**
 * CleverTap's data centres. The region value is the sub-domain of the account's dashboard URL
 * (https://<region>.dashboard.clevertap.com/...); each has its own API host.
 */
export const REGIONS = {
  eu1: { place: 'Europe', host: 'api.clevertap.com' },
  in1: { place: 'India', host: 'in1.api.clevertap.com' },
  sg1: { place: 'Singapore', host: 'sg1.api.clevertap.com' },
  us1: { place: 'United States', host: 'us1.api.clevertap.com' },
  aps3: { place: 'Indonesia', host: 'aps3.api.clevertap.com' },
  mec1: { place: 'Middle East (UAE)', host: 'mec1.api.clevertap.com' },
} as const;

export type Region = keyof typeof REGIONS;

export const REGION_VALUES = Object.keys(REGIONS) as Region[];

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && Object.hasOwn(REGIONS, value);
}

/** "Europe (eu1)": how a region is named to people. */
export function regionName(region: Region): string {
  return `${REGIONS[region].place} (${region})`;
}

/** The placeholder in a base-URL override that stands for the region value. */
export const REGION_PLACEHOLDER = '{region}';

/**
 * The base URL that API paths (`/1/upload`) are appended to: the region's HTTPS host, or, when the app's developer
 * has configured an override (a local test server), that URL with `{region}` replaced by the region value.
 * Returns undefined for an override that is not an absolute http(s) URL, so callers can refuse to send.
 */
export function apiBaseUrl(region: Region, override?: string): string | undefined {
  if (!override) return `https://${REGIONS[region].host}`;
  const candidate = override.split(REGION_PLACEHOLDER).join(region).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return candidate;
}
