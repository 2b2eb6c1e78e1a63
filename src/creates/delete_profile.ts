/** "Delete User Profile": a user's profile and event history deleted in CleverTap, by Identity or Object ID. */
import { defineInputFields, type CreatePerform } from 'zapier-platform-core';
import type { Replay } from '../clevertap/replay';
import { noteOutputField, statusOutputField, userKeyOutputFields } from '../fields/outputs';
import { identityField, objectIdField, parseUserKey } from '../fields/users';
import { parseInput } from '../fields/parse-input';
import { defineAction } from '../zapier/define-action';
import { deleteProfile } from '../zapier/acts';

const inputFields = defineInputFields([identityField.input, objectIdField.input]);

const IN_BACKGROUND =
  'CleverTap deletes the profile and its events in the background (about 48 hours); a later upload with the same ' +
  'Identity creates a new profile.';

/** Deleting a profile again changes nothing. */
const replay: Replay = 'safe';

const perform = (async (z, bundle) => {
  const user = parseInput(z, () => parseUserKey(bundle.inputData));
  await deleteProfile(z, bundle, user, replay);
  return { status: 'deletion_requested', ...user, note: IN_BACKGROUND };
}) satisfies CreatePerform<typeof inputFields>;

export default defineAction({
  key: 'delete_profile',
  noun: 'User Profile',
  label: 'Delete User Profile',
  description:
    "Deletes a user's profile and event history in CleverTap, by Identity or Object ID. CleverTap completes it in " +
    'the background (about 48 hours); a later upload with the same Identity creates a new profile.',
  inputFields,
  perform,
  replay,
  minimalInput: { identity: 'ada@example.com' },
  sample: { status: 'deletion_requested', identity: 'client-19827239', note: IN_BACKGROUND },
  outputFields: [statusOutputField, ...userKeyOutputFields, noteOutputField],
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
