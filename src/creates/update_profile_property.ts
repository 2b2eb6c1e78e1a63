/** "Update Profile Property": one profile property changed in place: a counter, a list, or deleted. */
import { defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { PROFILE_OPERATIONS, type ProfileOperation, propertyUpdateRecord } from '../clevertap/operations';
import type { Replay } from '../clevertap/replay';
import {
  amountField,
  operationField,
  parsePropertyOperation,
  propertyField,
  valuesField,
} from '../fields/operation';
import { statusOutputField, userKeyOutputFields } from '../fields/outputs';
import { identityField, objectIdField, parseUserKey } from '../fields/users';
import { parseInput } from '../fields/parse-input';
import { defineAction } from '../zapier/define-action';
import { uploadOne } from '../zapier/send';

const inputFields = defineInputFields([
  propertyField.input,
  operationField.input,
  identityField.input,
  objectIdField.input,
  amountField.input,
  valuesField.input,
]);

/** By operation: a counter changed again is changed twice; a list or a deletion is the same again. */
const replay = (operation: ProfileOperation): Replay => PROFILE_OPERATIONS[operation].replay;

const perform = (async (z, bundle) => {
  const { user, property, operation } = parseInput(z, () => ({
    user: parseUserKey(bundle.inputData),
    ...parsePropertyOperation(bundle.inputData),
  }));
  const record = propertyUpdateRecord(user, property, operation);
  const sent = await uploadOne(z, bundle, record, replay(operation.operation));
  return { property, operation: operation.operation, ...sent };
}) satisfies CreatePerform<typeof inputFields>;

export default defineAction({
  key: 'update_profile_property',
  noun: 'Profile Property',
  label: 'Update Profile Property',
  description:
    "Updates one property of a user's profile in CleverTap: increments or decrements a number, adds to or removes " +
    'from a list, or deletes the property.',
  inputFields,
  perform,
  replay,
  minimalInput: { identity: 'ada@example.com', property: 'Points', operation: 'increment', amount: '1' },
  sample: {
    status: 'success',
    processed: 1,
    property: 'Loyalty Points',
    operation: 'increment',
    type: 'profile',
    identity: 'ada@example.com',
    profileData: { 'Loyalty Points': { $incr: 10 } },
  },
  outputFields: [
    statusOutputField,
    { key: 'processed', label: 'Records Processed', type: 'integer' },
    { key: 'property', label: 'Property Name', type: 'string' },
    { key: 'operation', label: 'Operation', type: 'string' },
    { key: 'type', label: 'Record Type', type: 'string' },
    ...userKeyOutputFields,
  ],
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
