/** "Find User Profile": one CleverTap user looked up by Identity, Email or Object ID, flattened for mapping. */
import { defineInputFields, type SearchPerform } from 'zapier-platform-core';
import { flattenProfile } from '../clevertap/profiles';
import type { Replay } from '../clevertap/replay';
import { lookupFields, parseProfileQuery } from '../fields/lookup';
import { parseInput } from '../fields/parse-input';
import { defineSearchAction } from '../zapier/define-action';
import { getProfile } from '../zapier/lookup';

const inputFields = defineInputFields([...lookupFields]);

/** A lookup reads nothing into CleverTap. */
const replay: Replay = 'safe';

const perform = (async (z, bundle) => {
  const query = parseInput(z, () => parseProfileQuery(bundle.inputData));
  const record = await getProfile(z, bundle, query, replay);
  return record ? [flattenProfile(record)] : [];
}) satisfies SearchPerform<typeof inputFields>;

// Custom properties come out under their own names (`Lifecycle Stage`, `Plan`): they differ per account, so they are
// not listed here; Zapier shows them from the test lookup.
export default defineSearchAction({
  key: 'find_profile',
  noun: 'User Profile',
  label: 'Find User Profile',
  description: 'Finds a user profile in CleverTap by Identity, Email or Object ID.',
  inputFields,
  perform,
  replay,
  minimalInput: { identity: 'ada@example.com' },
  sample: {
    objectId: '-2ce3cca260664f70b82b1c6bb505f462',
    objectIds: '-2ce3cca260664f70b82b1c6bb505f462',
    identity: 'ada@example.com',
    Name: 'Ada Lovelace',
    Email: 'ada@example.com',
    Phone: '+14155550123',
    events: { Charged: { count: 6, first_seen: '2016-03-14T13:33:37Z', last_seen: '2016-03-15T11:27:56Z' } },
  },
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
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
