/** "Create/Update User Profile": one CleverTap profile record, created or merged by its user key. */
import { defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { profileRecord } from '../clevertap/records';
import type { Replay } from '../clevertap/replay';
import { creationDateField } from '../fields/dates';
import { recordOutputFields } from '../fields/outputs';
import {
  defaultPhoneCountryField,
  parseProfileData,
  profileDataField,
  profilePropertiesField,
  standardField,
} from '../fields/profile';
import { identityField, objectIdField, parseUserKey } from '../fields/users';
import { profileValueTypingFields } from '../fields/values';
import { parseInput } from '../fields/parse-input';
import { defineAction } from '../zapier/define-action';
import { uploadOne } from '../zapier/send';

const creationDate = creationDateField('When the profile was created or updated.');

const inputFields = defineInputFields([
  identityField.input,
  objectIdField.input,
  creationDate.input,
  standardField('name').input,
  standardField('email').input,
  standardField('phone').input,
  defaultPhoneCountryField.input,
  standardField('gender').input,
  standardField('dob').input,
  standardField('photo').input,
  standardField('msgEmail').input,
  standardField('msgPush').input,
  standardField('msgSms').input,
  standardField('msgWhatsapp').input,
  profilePropertiesField.input,
  ...profileValueTypingFields,
  profileDataField.input,
]);

/** Sending the profile again only updates it again. */
const replay: Replay = 'safe';

const perform = (async (z, bundle) => {
  const { user, ts, profileData } = parseInput(z, () => ({
    user: parseUserKey(bundle.inputData),
    ts: creationDate.read(bundle.inputData.ts),
    profileData: parseProfileData(bundle.inputData),
  }));
  const record = profileRecord(user, profileData, ts);
  return uploadOne(z, bundle, record, replay);
}) satisfies CreatePerform<typeof inputFields>;

export default defineAction({
  key: 'upsert_profile',
  noun: 'User Profile',
  label: 'Create/Update User Profile',
  description:
    'Creates a user profile in CleverTap, or updates the profile that has the same Identity or Object ID.',
  inputFields,
  perform,
  replay,
  minimalInput: { identity: 'ada@example.com' },
  sample: {
    status: 'success',
    processed: 1,
    type: 'profile',
    identity: 'ada@example.com',
    ts: '2024-05-01T14:30:00Z',
    profileData: { Name: 'Ada Lovelace', Email: 'ada@example.com', 'Lifecycle Stage': 'lead' },
  },
  outputFields: recordOutputFields,
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
