/** "Upload User Profiles in Bulk": many CleverTap profiles, one per line item, in as few requests as CleverTap allows. */
import { defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { profileRecord } from '../clevertap/records';
import type { Replay } from '../clevertap/replay';
import { onRefusedField, readBulkInput, recordsPerRequestField } from '../fields/bulk';
import { creationDateField } from '../fields/dates';
import {
  defaultPhoneCountryField,
  parseProfileData,
  profileDataField,
  standardField,
} from '../fields/profile';
import { parseValueTyping, profileDeclaredTypeFields } from '../fields/values';
import { valuesOf, withHelpText } from '../fields/define';
import { identityField, objectIdField, parseUserKey } from '../fields/users';
import { bulkOutputFields } from '../fields/outputs';
import { parseInput } from '../fields/parse-input';
import { defineAction } from '../zapier/define-action';
import { readFields } from '../input/items';
import { sendBulk } from '../zapier/bulk';

const creationDate = creationDateField('When each profile was created or updated.');

// The standard fields this action offers per item (the most used), and the one country for all their phones.
const children = [
  // A line-item group has no help text of its own (Zapier ignores it), so its first field explains the list.
  withHelpText(
    identityField,
    'One user profile per line item: map the line-item fields of an earlier step (a list of contacts, or the ' +
      'output of a Looping step) into these fields; each item creates a profile or updates the one with the ' +
      'same Identity or Object ID, the whole list is sent in as few requests as CleverTap allows, and items ' +
      `left entirely empty are skipped. ${identityField.input.helpText}`,
  ).input,
  withHelpText(objectIdField, `For users without an Identity. ${objectIdField.input.helpText}`).input,
  creationDate.input,
  standardField('name').input,
  standardField('email').input,
  withHelpText(
    standardField('phone'),
    'With or without the country code, e.g. `+44 20 7946 0958` or `(415) 555-0123`; sent as ' +
      '`+<country><number>`. Numbers without a country code use **Default Phone Country** below.',
  ).input,
  withHelpText(
    profileDataField,
    'Any other properties of each profile as a JSON object, e.g. `{"Plan": "Gold", "Score": 42, "Tags": ' +
      '["vip"]}`, sent as written (trailing commas and curly quotes are forgiven). Name, Email and Phone above ' +
      'win over the same names here.',
  ).input,
] as const;

const profiles = defineInputField({
  key: 'profiles',
  label: 'Profiles',
  required: true,
  children: [...children],
});

const inputFields = defineInputFields([
  profiles,
  withHelpText(defaultPhoneCountryField, `For every item's Phone. ${defaultPhoneCountryField.input.helpText}`)
    .input,
  ...profileDeclaredTypeFields,
  recordsPerRequestField.input,
  onRefusedField.input,
]);

/** Profiles sent again are only updated again, unless an item changes a counter (see zapier/bulk.ts). */
const replay: Replay = 'safe';

/** The shared fields, then every line item, then the send. */
const perform = (async (z, bundle) => {
  const startedAt = Date.now();
  const input = parseInput(z, () => readBulkInput(bundle.inputData, profiles, readProfiles));
  return sendBulk(z, bundle, input, { field: profiles.label, nouns: NOUNS, replay, startedAt });
}) satisfies CreatePerform<typeof inputFields>;

const NOUNS = { one: 'profile', many: 'profiles' };

/** The reader of one line item, with the shared Default Phone Country and declared types. */
function readProfiles(inputData: Record<string, unknown>) {
  // Read once for the whole list, so a wrong country (or a name in two type lists) is one problem, not one per item.
  const country = defaultPhoneCountryField.read(inputData.defaultPhoneCountry);
  const typing = parseValueTyping(inputData);
  // One line item as a profile record; every field's problem is reported, not just the first.
  return (values: Record<string, unknown>) => {
    const item = valuesOf(children, values);
    const { user, ts, profileData } = readFields({
      user: () => parseUserKey(item),
      ts: () => creationDate.read(item.ts),
      profileData: () => parseProfileData({ ...item, defaultPhoneCountry: country }, typing),
    });
    return profileRecord(user, profileData, ts);
  };
}

export default defineAction({
  key: 'upsert_profiles_bulk',
  noun: 'User Profile',
  label: 'Upload User Profiles in Bulk',
  description:
    'Creates or updates many user profiles in CleverTap in one step, one per line item, sent up to 1000 at a ' +
    'time: for lists of contacts.',
  inputFields,
  perform,
  replay,
  minimalInput: {
    profiles: [{ identity: 'ada@example.com', name: 'Ada Lovelace' }],
  },
  sample: {
    status: 'success',
    items: 2,
    saved: 2,
    refused: 0,
    processed: 2,
    requests: 1,
    skipped: 0,
    savedItems: '1, 2',
    refusedItems: '',
    skippedItems: '',
    results: [
      { item: 1, outcome: 'saved' },
      { item: 2, outcome: 'saved' },
    ],
  },
  outputFields: bulkOutputFields,
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
