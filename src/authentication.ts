/**
 * The CleverTap connection: Account ID, Passcode and Region, checked by a read-only call to the chosen region. When
 * that region refuses the credentials, the other regions are asked the same read-only question to tell a wrong
 * region from a wrong passcode (src/zapier/region-check.ts, shared with every step).
 */
import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';
import { REGION_VALUES, REGIONS, Region, regionName } from './clevertap/regions';
import { baseUrlFor, connectionRegion } from './zapier/base-url';
import { request } from './zapier/transport';
import { regionCheckRequest } from './zapier/region-check';

export { CONNECTION_CHECK_IDENTITY } from './zapier/region-check';

const CREDENTIALS_DOC =
  'https://developer.clevertap.com/docs/api-quickstart-guide#get-clevertap-account-credentials-to-authenticate-api-requests';
const REGIONS_DOC = 'https://developer.clevertap.com/docs/common-api-components';

export type ConnectionInfo = {
  accountId: string;
  region: Region;
  regionName: string;
};

/**
 * A read-only profile lookup at the chosen region: CleverTap answers 200 (whatever the body) for good credentials and
 * 401 for a wrong Account ID, a wrong Passcode, or an account that lives in another region; after a 401 the request
 * asks the other regions (src/zapier/region-check.ts), as every step does.
 */
async function test(z: ZObject, bundle: Bundle): Promise<ConnectionInfo> {
  const region = connectionRegion(z, bundle);
  const baseUrl = baseUrlFor(z, bundle);
  await request(z, regionCheckRequest(baseUrl), 'safe', bundle);
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
