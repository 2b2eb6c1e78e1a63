/** "Find User Profile": one CleverTap user looked up by Identity, Email or Object ID, flattened for mapping. */
import { defineInputFields, defineSearch, type SearchPerform } from 'zapier-platform-core';
import { flattenProfile } from '../clevertap/profiles';
import type { Replay } from '../clevertap/replay';
import { lookupFields, parseProfileQuery } from '../fields/lookup';
import { parseInput } from '../fields/parse-input';
import { getProfile } from '../zapier/lookup';

const inputFields = defineInputFields([...lookupFields]);

/** A lookup reads nothing into CleverTap. */
export const replay: Replay = 'safe';

const perform = (async (z, bundle) => {
  const query = parseInput(z, () => parseProfileQuery(bundle.inputData));
  const record = await getProfile(z, bundle, query, replay);
  return record ? [flattenProfile(record)] : [];
}) satisfies SearchPerform<typeof inputFields>;

export const sample = {
  objectId: '-2ce3cca260664f70b82b1c6bb505f462',
  objectIds: '-2ce3cca260664f70b82b1c6bb505f462',
  identity: 'ada@example.com',
  Name: 'Ada Lovelace',
  Email: 'ada@example.com',
  Phone: '+14155550123',
  events: { Charged: { count: 6, first_seen: '2016-03-14T13:33:37Z', last_seen: '2016-03-15T11:27:56Z' } },
};

// Custom properties come out under their own names (`Lifecycle Stage`, `Plan`): they differ per account, so they are
// not listed here; Zapier shows them from the test lookup.
const findProfile = defineSearch({
  key: 'find_profile',
  noun: 'User Profile',
  display: {
    label: 'Find User Profile',
    description: 'Finds a user profile in CleverTap by Identity, Email or Object ID.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: [
      { key: 'objectId', label: 'Object ID', type: 'string' },
      { key: 'objectIds', label: 'All Object IDs (Comma-Separated)', type: 'string' },
      { key: 'identity', label: 'Identity', type: 'string' },
      { key: 'Name', label: 'Name', type: 'string' },
      { key: 'Email', label: 'Email', type: 'string' },
      { key: 'Phone', label: 'Phone', type: 'string' },
      // Every event the user has done is summarised under its name; Charged is the one every account has.
      { key: 'events__Charged__count', label: 'Purchases (Charged) Count', type: 'integer' },
      { key: 'events__Charged__first_seen', label: 'First Purchase (Charged)', type: 'datetime' },
      { key: 'events__Charged__last_seen', label: 'Last Purchase (Charged)', type: 'datetime' },
    ],
  },
});

export default findProfile;

export { perform };

/**
 * The least input, as a user types it, with which this action sends one valid request: the reliability harness runs
 * every failure scenario with it (test/actions.ts).
 */
export const minimalInput = {
  identity: 'ada@example.com',
} satisfies Parameters<typeof perform>[1]['inputData'];
