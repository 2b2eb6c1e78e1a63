/**
 * The CleverTap connection: Account ID, Passcode and Region, checked by a read-only call to the chosen region. When
 * that region refuses the credentials, the other regions are asked the same read-only question to tell a wrong
 * region from a wrong passcode.
 */
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { REGION_VALUES, REGIONS, Region, regionName } from './clevertap/regions';
import { ProbeAnswer, ProbeTarget, probeTargets, probeTimeout, readProbe } from './clevertap/region-probe';
import { probeMessage } from './zapier/words';
import { BASE_URL_VARIABLE, baseUrlFor, regionOf, request } from './zapier/http';

const CREDENTIALS_DOC =
  'https://developer.clevertap.com/docs/api-quickstart-guide#get-clevertap-account-credentials-to-authenticate-api-requests';
const REGIONS_DOC = 'https://developer.clevertap.com/docs/common-api-components';

/** An identity no real user has: looking it up reads nothing and writes nothing. */
export const CONNECTION_CHECK_IDENTITY = 'zapier-connection-check-no-such-user';

export type ConnectionInfo = {
  accountId: string;
  region: Region;
  regionName: string;
};

/** The read-only lookup of a user nobody has, at one base URL. */
const lookupOptions = (baseUrl: string) => ({
  url: `${baseUrl}/1/profile.json`,
  method: 'GET' as const,
  params: { identity: CONNECTION_CHECK_IDENTITY },
});

/** The refusal of the connection's own region (401/403): the middleware throws it as an ExpiredAuthError. */
const isRefusal = (error: unknown) => (error as Error)?.name === 'ExpiredAuthError';

/** Asks one other region the same lookup; any answer but a refusal or an acceptance is "unknown", never an error. */
async function ask(z: ZObject, target: ProbeTarget, timeout: number): Promise<ProbeAnswer> {
  try {
    await z.request({ ...lookupOptions(target.baseUrl), timeout });
    return { region: target.region, outcome: 'accepted' };
  } catch (error) {
    return { region: target.region, outcome: isRefusal(error) ? 'refused' : 'unknown' };
  }
}

/**
 * The connection test's refusal, with its message exactly as written. Core appends "What happened:", its request log
 * and the message again to errors it does not mark as its own (AppError, ThrottledError are marked), and Zapier
 * shows only the first 250 characters: marked, the message is all the user gets, and all of it is shown.
 */
function refusalOf(z: ZObject, message: string): Error {
  return Object.assign(new z.errors.ExpiredAuthError(message), { doNotContextify: true });
}

/**
 * After the connection's region refused the credentials: the same lookup at the other five regions, in parallel,
 * each with a short timeout inside Zapier's 30 seconds. What they said replaces the refusal's message, leading with
 * where the credentials belong or what was ruled out. The refusal's own message stands when there is no time left,
 * the regions cannot be told apart, or the probe learnt nothing.
 */
async function explainRefusal(z: ZObject, region: Region, refusal: Error, elapsedMs: number): Promise<never> {
  const timeout = probeTimeout(elapsedMs);
  const targets = probeTargets(region, process.env[BASE_URL_VARIABLE]);
  if (timeout === undefined || !targets.length) throw refusalOf(z, refusal.message);
  const answers = await Promise.all(targets.map((target) => ask(z, target, timeout)));
  throw refusalOf(z, probeMessage(region, readProbe(answers)) ?? refusal.message);
}

/**
 * A read-only profile lookup at the chosen region: CleverTap answers 200 (whatever the body) for good credentials and
 * 401 for a wrong Account ID, a wrong Passcode, or an account that lives in another region.
 */
async function test(z: ZObject, bundle: Bundle): Promise<ConnectionInfo> {
  const baseUrl = baseUrlFor(z, bundle);
  const region = regionOf(bundle) as Region;
  const started = Date.now();
  try {
    await request(z, lookupOptions(baseUrl), true);
  } catch (error) {
    if (isRefusal(error)) await explainRefusal(z, region, error as Error, Date.now() - started);
    throw error;
  }
  return { accountId: String(bundle.authData.accountId).trim(), region, regionName: regionName(region) };
}

export default {
  type: 'custom',
  fields: [
    {
      key: 'accountId',
      label: 'Account ID',
      required: true,
      type: 'string',
      helpText:
        'Your CleverTap Account ID (the dashboard calls it Project ID), like `W9R-486-4W5Z`. Find it in the ' +
        `CleverTap dashboard under **Settings > Project**. [How to find your credentials](${CREDENTIALS_DOC})`,
    },
    {
      key: 'passcode',
      label: 'Passcode',
      required: true,
      type: 'password',
      helpText:
        'A passcode of your CleverTap account, shown beside the Account ID under **Settings > Project** ' +
        `(an account can have several). [How to find your credentials](${CREDENTIALS_DOC})`,
    },
    {
      key: 'region',
      label: 'Region',
      required: true,
      type: 'string',
      choices: REGION_VALUES.map((value) => ({
        value,
        sample: value,
        label: `${REGIONS[value].place} (${value})`,
      })),
      helpText:
        "Where your CleverTap account's data lives: the first part of your dashboard's web address, e.g. `in1` " +
        `for https://in1.dashboard.clevertap.com (Europe is \`eu1\`). [CleverTap regions](${REGIONS_DOC})`,
    },
  ],
  test,
  // Filled from what `test` returns: "W9R-486-4W5Z (Europe (eu1))". Never the passcode.
  connectionLabel: '{{bundle.inputData.accountId}} ({{bundle.inputData.regionName}})',
} satisfies Authentication;
