/** "Update Subscription Status": an email address or phone number unsubscribed or resubscribed in CleverTap. */
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import type { Replay } from '../clevertap/replay';
import { statusOutputField } from '../fields/outputs';
import { defaultPhoneCountryField } from '../fields/profile';
import {
  parseSubscriptions,
  subscriptionEmailField,
  subscriptionPhoneField,
  subscriptionStatusField,
} from '../fields/subscription';
import { parseInput } from '../fields/parse-input';
import { updateSubscriptions } from '../zapier/acts';

const inputFields = defineInputFields([
  subscriptionStatusField.input,
  subscriptionEmailField.input,
  subscriptionPhoneField.input,
  defaultPhoneCountryField.input,
]);

/** Setting the same status again changes nothing. */
export const replay: Replay = 'safe';

const perform = (async (z, bundle) => {
  const records = parseInput(z, () => parseSubscriptions(bundle.inputData));
  await updateSubscriptions(z, bundle, records, replay);
  const of = (type: 'email' | 'phone') => records.find((r) => r.type === type)?.value;
  return {
    status: 'success',
    subscriptionStatus: records[0]?.status,
    ...(of('email') ? { email: of('email') } : {}),
    ...(of('phone') ? { phone: of('phone') } : {}),
    updated: records.length,
  };
}) satisfies CreatePerform<typeof inputFields>;

export const sample = {
  status: 'success',
  subscriptionStatus: 'Unsubscribe',
  email: 'ada@example.com',
  phone: '+14155550123',
  updated: 2,
};

export default defineCreate({
  key: 'update_subscription_status',
  noun: 'Subscription',
  display: {
    label: 'Update Subscription Status',
    description:
      "Updates an email address's or phone number's subscription status in CleverTap: Unsubscribe stops every " +
      'message to it, on every profile that has it; Resubscribe lifts that.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: [
      statusOutputField,
      { key: 'subscriptionStatus', label: 'Subscription Status', type: 'string' },
      { key: 'email', label: 'Email', type: 'string' },
      { key: 'phone', label: 'Phone', type: 'string' },
      { key: 'updated', label: 'Addresses Updated', type: 'integer' },
    ],
  },
});

export { perform };

/**
 * The least input, as a user types it, with which this action sends one valid request: the reliability harness runs
 * every failure scenario with it (test/actions.ts).
 */
export const minimalInput = {
  status: 'Unsubscribe',
  email: 'ada@example.com',
} satisfies Parameters<typeof perform>[1]['inputData'];
