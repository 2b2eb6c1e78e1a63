/** "Upload User Profiles in Bulk": many CleverTap profiles, one per line item, in as few requests as CleverTap allows. */
import { defineCreate, defineInputField, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { profileRecord } from '../clevertap/records';
import { onRefusedField, recordsPerRequestField } from '../fields/bulk';
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
import { readFields } from '../input/items';
import { BULK_OUTPUT_FIELDS, bulkPerform } from '../zapier/bulk';

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

const perform = bulkPerform({
  list: profiles,
  nouns: { one: 'profile', many: 'profiles' },
  itemReader: (inputData) => {
    // Read once for the whole list, so a wrong country (or a name in two type lists) is one problem, not one per item.
    const country = defaultPhoneCountryField.read(inputData.defaultPhoneCountry);
    const typing = parseValueTyping(inputData);
    // One line item as a profile record; every field's problem is reported, not just the first.
    return (values) => {
      const item = valuesOf(children, values);
      const { user, ts, profileData } = readFields({
        user: () => parseUserKey(item),
        ts: () => creationDate.read(item.ts),
        profileData: () => parseProfileData({ ...item, defaultPhoneCountry: country }, typing),
      });
      return profileRecord(user, profileData, ts);
    };
  },
}) satisfies CreatePerform<typeof inputFields>;

export const sample = {
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
};

export default defineCreate({
  key: 'upsert_profiles_bulk',
  noun: 'User Profile',
  display: {
    label: 'Upload User Profiles in Bulk',
    description:
      'Creates or updates many user profiles in CleverTap in one step, one per line item, sent up to 1000 at a ' +
      'time: for lists of contacts.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: [...BULK_OUTPUT_FIELDS],
  },
});

export { perform };
