/** "Upload User Profiles in Bulk": many CleverTap profiles, one per line item, in as few requests as CleverTap allows. */
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { profileRecord, type ProfileRecord } from '../clevertap/records';
import {
  creationDateField,
  CREATION_DATE_LABEL,
  identityField,
  objectIdField,
  pickField,
  profileDataField,
  profileStandardFields,
} from '../fields';
import { parseEpochSeconds } from '../input/dates';
import { parseLineItems, parseRecordsPerRequest, readFields, readLineItems } from '../input/items';
import { parsePhoneCountry } from '../input/people';
import { parseProfileData, PROFILE_LABELS } from '../input/profile';
import { parseUserKey } from '../input/users';
import { parseInput } from '../zapier/errors';
import {
  BULK_OUTPUT_FIELDS,
  onRefusedField,
  parseOnRefused,
  recordsPerRequestField,
  sendBulk,
} from '../zapier/bulk';

const PROFILES_LABEL = 'Profiles';

// The standard fields this action offers per item (the most used), and the one country for all their phones.
const phoneField = pickField(profileStandardFields, 'phone');
const defaultPhoneCountryField = pickField(profileStandardFields, 'defaultPhoneCountry');

const inputFields = defineInputFields([
  {
    key: 'profiles',
    label: PROFILES_LABEL,
    required: true,
    children: [
      // A line-item group has no help text of its own (Zapier ignores it), so its first field explains the list.
      {
        ...identityField,
        helpText:
          'One user profile per line item: map the line-item fields of an earlier step (a list of contacts, or the ' +
          'output of a Looping step) into these fields; each item creates a profile or updates the one with the ' +
          'same Identity or Object ID, the whole list is sent in as few requests as CleverTap allows, and items ' +
          `left entirely empty are skipped. ${identityField.helpText}`,
      },
      { ...objectIdField, helpText: `For users without an Identity. ${objectIdField.helpText}` },
      creationDateField('When each profile was created or updated.'),
      pickField(profileStandardFields, 'name'),
      pickField(profileStandardFields, 'email'),
      {
        ...phoneField,
        helpText:
          'With or without the country code, e.g. `+44 20 7946 0958` or `(415) 555-0123`; sent as ' +
          '`+<country><number>`. Numbers without a country code use **Default Phone Country** below.',
      },
      {
        ...profileDataField,
        helpText:
          'Any other properties of each profile as a JSON object, e.g. `{"Plan": "Gold", "Score": 42, "Tags": ' +
          '["vip"]}`, sent as written (trailing commas and curly quotes are forgiven). Name, Email and Phone above ' +
          'win over the same names here.',
      },
    ],
  },
  {
    ...defaultPhoneCountryField,
    helpText: `For every item's Phone. ${defaultPhoneCountryField.helpText}`,
  },
  recordsPerRequestField,
  onRefusedField,
]);

/** One line item as a profile record; every field's problem is reported, not just the first. */
function readProfile(
  values: Record<string, unknown>,
  defaultPhoneCountry: string | undefined,
): ProfileRecord {
  const { user, ts, profileData } = readFields({
    user: () => parseUserKey(values),
    ts: () => parseEpochSeconds(CREATION_DATE_LABEL, values.ts),
    profileData: () =>
      parseProfileData({
        name: values.name,
        email: values.email,
        phone: values.phone,
        profileData: values.profileData,
        defaultPhoneCountry,
      }),
  });
  return profileRecord(user, profileData, ts);
}

const perform = (async (z, bundle) => {
  const startedAt = Date.now();
  const { entries, skipped, batchSize, onRefused } = parseInput(z, () => {
    const onRefused = parseOnRefused(bundle.inputData.onRefused);
    const batchSize = parseRecordsPerRequest(
      recordsPerRequestField.label,
      bundle.inputData.recordsPerRequest,
    );
    // Read once for the whole list, so a wrong country is one problem, not one per item.
    const country = parsePhoneCountry(
      PROFILE_LABELS.defaultPhoneCountry,
      bundle.inputData.defaultPhoneCountry,
    );
    const { items, skipped } = readLineItems(PROFILES_LABEL, bundle.inputData.profiles);
    return {
      batchSize,
      onRefused,
      skipped,
      entries: parseLineItems(PROFILES_LABEL, items, (values) => readProfile(values, country)),
    };
  });
  return sendBulk(z, bundle, entries, {
    field: PROFILES_LABEL,
    nouns: { one: 'profile', many: 'profiles' },
    batchSize,
    skipped,
    startedAt,
    onRefused,
  });
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
