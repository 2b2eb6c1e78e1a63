/**
 * The Update Subscription Status fields: an email address, a phone number, or both, and the status to set for them
 * on CleverTap's do-not-disturb list. Each address is checked before anything is sent.
 */
import { SUBSCRIPTION_STATUSES, type SubscriptionRecord, type SubscriptionStatus } from '../clevertap/acts';
import { InputError } from '../input/errors';
import { parseEmail, parsePhone } from '../input/people';
import { textOf } from '../input/text';
import { quoted } from '../wording';
import { defineField } from './define';
import { defaultPhoneCountryField } from './profile';

export const subscriptionEmailField = defineField(
  {
    key: 'email',
    label: 'Email',
    type: 'string',
    required: false,
    helpText:
      'The email address to unsubscribe or resubscribe, e.g. `ada@example.com`. Fill in this, **Phone**, or both.',
  },
  (label, value) => parseEmail(label, value),
);

export const subscriptionPhoneField = {
  input: {
    key: 'phone',
    label: 'Phone',
    type: 'string',
    required: false,
    helpText:
      'The phone number, with or without the country code, e.g. `+1 415 555 0123`; sent as `+<country><number>`. ' +
      'Numbers without a country code use **Default Phone Country**. Fill in this, **Email**, or both.',
  },
} as const;

export const subscriptionStatusField = defineField(
  {
    key: 'status',
    label: 'Status',
    type: 'string',
    required: true,
    choices: [
      {
        value: 'Unsubscribe',
        sample: 'Unsubscribe',
        label: 'Unsubscribe: CleverTap sends this address nothing',
      },
      {
        value: 'Resubscribe',
        sample: 'Resubscribe',
        label: 'Resubscribe: take it off the unsubscribed list',
      },
    ],
    helpText:
      "The status applies to the address on every profile that has it (CleverTap's do-not-disturb list). To stop " +
      "one profile's emails or texts only, use **Create/Update User Profile** and its Subscription fields instead.",
  },
  (label, value): SubscriptionStatus => {
    const given = textOf(label, value);
    const status = SUBSCRIPTION_STATUSES.find((s) => s.toLowerCase() === given.toLowerCase());
    if (status) return status;
    throw new InputError(
      label,
      given
        ? `${quoted(given)} is not a status CleverTap takes: choose Unsubscribe or Resubscribe.`
        : 'choose Unsubscribe or Resubscribe.',
    );
  },
);

/** The records to send: one for the email, one for the phone, at least one; both checked before sending. */
export function parseSubscriptions(input: {
  email?: unknown;
  phone?: unknown;
  defaultPhoneCountry?: unknown;
  status?: unknown;
}): SubscriptionRecord[] {
  const status = subscriptionStatusField.read(input.status);
  const email = subscriptionEmailField.read(input.email);
  const phoneLabel = subscriptionPhoneField.input.label;
  const phone = textOf(phoneLabel, input.phone)
    ? parsePhone(phoneLabel, input.phone, defaultPhoneCountryField.read(input.defaultPhoneCountry))
    : undefined;
  const records: SubscriptionRecord[] = [
    ...(email ? [{ type: 'email' as const, value: email, status }] : []),
    ...(phone ? [{ type: 'phone' as const, value: phone, status }] : []),
  ];
  if (!records.length)
    throw new InputError(
      `${subscriptionEmailField.input.label} / ${phoneLabel}`,
      'fill in the email address, the phone number, or both, whose subscription status to change.',
    );
  return records;
}
