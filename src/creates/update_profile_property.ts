/** "Update Profile Property": one profile property changed in place: a counter, a list, or deleted. */
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { LIMITS } from '../clevertap/rules';
import { PROFILE_OPERATIONS, PROFILE_OPERATION_VALUES, propertyUpdateRecord } from '../clevertap/operations';
import { identityField, objectIdField } from '../fields';
import { OPERATION_LABELS, parsePropertyOperation } from '../input/operations';
import { parseUserKey } from '../input/users';
import { parseInput } from '../zapier/errors';
import { uploadOne } from '../zapier/send';

const inputFields = defineInputFields([
  {
    key: 'property',
    label: OPERATION_LABELS.property,
    type: 'string',
    required: true,
    helpText:
      'The name of the profile property to change, as CleverTap shows it, e.g. `Loyalty Points` or `Interests`. ' +
      'May not contain `. : ; $ % # \' " < > ! | & \\`.',
  },
  {
    key: 'operation',
    label: OPERATION_LABELS.operation,
    type: 'string',
    required: true,
    choices: PROFILE_OPERATION_VALUES.map((value) => ({
      value,
      sample: value,
      label: PROFILE_OPERATIONS[value].label,
    })),
    helpText:
      '**Increment** or **Decrement** a number by **Amount**; **Add to List** or **Remove from List** the ' +
      "**Values** of a list property (not CleverTap's single-value properties such as Name, Email or Phone); " +
      "**Delete Property** removes the property's value from the profile.",
  },
  identityField,
  objectIdField,
  {
    key: 'amount',
    label: OPERATION_LABELS.amount,
    // Text, not `number`: Zapier would turn `2,5` into 2 before the app saw it.
    type: 'string',
    required: false,
    helpText:
      'For Increment and Decrement (required there): the number to add or subtract, e.g. `1` or `25.5`, with a dot ' +
      'for decimals (`2,5` stops the step rather than be guessed).',
  },
  {
    key: 'values',
    label: OPERATION_LABELS.values,
    type: 'string',
    list: true,
    required: false,
    helpText:
      `For Add to List and Remove from List (required there): the text values, one per entry, at most ` +
      `${LIMITS.multiValueItems} and each only once, e.g. \`Newsletter\`.`,
  },
]);

const perform = (async (z, bundle) => {
  const { user, property, operation } = parseInput(z, () => ({
    user: parseUserKey(bundle.inputData),
    ...parsePropertyOperation(bundle.inputData),
  }));
  const record = propertyUpdateRecord(user, property, operation);
  const { replaySafe } = PROFILE_OPERATIONS[operation.operation];
  return { property, operation: operation.operation, ...(await uploadOne(z, bundle, record, replaySafe)) };
}) satisfies CreatePerform<typeof inputFields>;

export const sample = {
  status: 'success',
  processed: 1,
  property: 'Loyalty Points',
  operation: 'increment',
  type: 'profile',
  identity: 'ada@example.com',
  profileData: { 'Loyalty Points': { $incr: 10 } },
};

export default defineCreate({
  key: 'update_profile_property',
  noun: 'Profile Property',
  display: {
    label: 'Update Profile Property',
    description:
      "Updates one property of a user's profile in CleverTap: increments or decrements a number, adds to or removes " +
      'from a list, or deletes the property.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: [
      { key: 'status', label: 'Status', type: 'string' },
      { key: 'processed', label: 'Records Processed', type: 'integer' },
      { key: 'property', label: 'Property Name', type: 'string' },
      { key: 'operation', label: 'Operation', type: 'string' },
      { key: 'type', label: 'Record Type', type: 'string' },
      { key: 'identity', label: 'Identity', type: 'string' },
      { key: 'objectId', label: 'Object ID', type: 'string' },
    ],
  },
});

export { perform };
