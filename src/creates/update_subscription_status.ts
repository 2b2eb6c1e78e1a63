/** "Update Subscription Status": an email address or phone number unsubscribed or resubscribed in CleverTap. */
import { defineInputFields, type CreatePerform } from 'zapier-platform-core';
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
import { defineAction } from '../zapier/define-action';
import { updateSubscriptions } from '../zapier/acts';

const inputFields = defineInputFields([
  subscriptionStatusField.input,
  subscriptionEmailField.input,
  subscriptionPhoneField.input,
  defaultPhoneCountryField.input,
]);

/** Setting the same status again changes nothing. */
const replay: Replay = 'safe';

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

export default defineAction({
  key: 'update_subscription_status',
  noun: 'Subscription',
  label: 'Update Subscription Status',
  description:
    "Updates an email address's or phone number's subscription status in CleverTap: Unsubscribe stops every " +
    'message to it, on every profile that has it; Resubscribe lifts that.',
  inputFields,
  perform,
  replay,
  minimalInput: { status: 'Unsubscribe', email: 'ada@example.com' },
  sample: {
    status: 'success',
    subscriptionStatus: 'Unsubscribe',
    email: 'ada@example.com',
    phone: '+14155550123',
    updated: 2,
  },
  outputFields: [
    statusOutputField,
    { key: 'subscriptionStatus', label: 'Subscription Status', type: 'string' },
    { key: 'email', label: 'Email', type: 'string' },
    { key: 'phone', label: 'Phone', type: 'string' },
    { key: 'updated', label: 'Addresses Updated', type: 'integer' },
  ],
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
