/** The Trigger Campaign fields: which External Trigger campaign, for whom, and the values of its placeholders. */
import type { Recipient } from '../clevertap/acts';
import { InputError } from '../input/errors';
import { textOf } from '../input/text';
import { quoted } from '../wording';
import { defineField } from './define';
import { parseProfileQuery } from './lookup';

export const campaignIdField = defineField(
  {
    key: 'campaignId',
    label: 'Campaign ID',
    type: 'string',
    required: true,
    helpText:
      'The ID of an **External Trigger** campaign built in CleverTap (Campaigns > Create campaign > External ' +
      'Trigger), shown beside its name in the campaign list and in its report, e.g. `1695721550`. Digits only.',
  },
  (label, value) => {
    const id = textOf(label, value);
    if (!id)
      throw new InputError(label, 'fill in the ID of the External Trigger campaign, such as 1695721550.');
    if (!/^\d+$/.test(id))
      throw new InputError(
        label,
        `${quoted(id)} is not a campaign ID: CleverTap's campaign IDs are digits only, like 1695721550.`,
      );
    return id;
  },
);

export const personalizationField = defineField(
  {
    key: 'personalization',
    label: 'Personalization',
    dict: true,
    required: false,
    helpText:
      "The values of the campaign's `{{ExternalTrigger.<name>}}` placeholders, one per row: the name on the left " +
      '(e.g. `Deal Name`), the value on the right. Every value is sent as text, exactly as given.',
  },
  (label, value): Record<string, string> => {
    if (value === undefined || value === null || value === '') return {};
    if (typeof value !== 'object' || Array.isArray(value))
      throw new InputError(label, 'fill this in as rows of a placeholder name and a value.');
    // Collected as entries: assigning to an object would drop a row named like one of its members (`__proto__`).
    const out: [string, string][] = [];
    for (const [rawKey, raw] of Object.entries(value)) {
      if (raw === undefined || raw === null) continue;
      const key = rawKey.trim();
      const text = textOf(`${label} > ${key || '(no name)'}`, raw);
      if (!key) {
        if (!text) continue;
        throw new InputError(label, `the value ${quoted(text)} has no placeholder name beside it.`);
      }
      // As given: CleverTap personalizes with text only; the user's own spacing is kept.
      out.push([key, typeof raw === 'string' ? raw : text]);
    }
    return Object.fromEntries(out);
  },
);

/** The one user the message is for: Identity, Email or Object ID, exactly one. */
export function parseRecipient(input: {
  identity?: unknown;
  email?: unknown;
  objectId?: unknown;
}): Recipient {
  return parseProfileQuery(input, false);
}
