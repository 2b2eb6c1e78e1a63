/** Who a record is about: the user's Identity, or CleverTap's Object ID; exactly one of them. */
import type { UserKey } from '../clevertap/records';
import { InputError } from '../input/errors';
import { textOf } from '../input/text';
import { quoted } from '../wording';
import { defineField } from './define';

export const identityField = defineField(
  {
    key: 'identity',
    label: 'Identity',
    type: 'string',
    required: false,
    helpText:
      "Your own unique id for the user, the same one your apps send to CleverTap: for a HubSpot contact, map the contact's " +
      'email or its Record ID. Fill in this or **Object ID**, not both.',
  },
  textOf,
);

export const objectIdField = defineField(
  {
    key: 'objectId',
    label: 'Object ID',
    type: 'string',
    required: false,
    helpText:
      "CleverTap's own id of the user (like `-2ce3cca260664f70b82b1c6bb505f462`), for users who have no Identity. " +
      'Fill in this or **Identity**, not both.',
  },
  (label, value) => {
    const objectId = textOf(label, value);
    if (/\s/.test(objectId))
      throw new InputError(label, `${quoted(objectId)} contains spaces; a CleverTap Object ID has none.`);
    return objectId;
  },
);

/** Exactly one of Identity and Object ID; both fields are optional in the editor, so this is where the rule lives. */
export function parseUserKey(input: { identity?: unknown; objectId?: unknown }): UserKey {
  const idLabel = identityField.input.label;
  const objLabel = objectIdField.input.label;
  const identity = identityField.read(input.identity);
  const objectId = textOf(objLabel, input.objectId);
  if (identity && objectId)
    throw new InputError(
      `${idLabel} / ${objLabel}`,
      `fill in only one of them. Use ${idLabel} for your own user id (such as the contact's email or CRM id), ` +
        `or ${objLabel} for CleverTap's id of the user, not both.`,
    );
  if (identity) return { identity };
  if (objectId) return { objectId: objectIdField.read(objectId) };
  throw new InputError(
    `${idLabel} / ${objLabel}`,
    `fill in one of them so CleverTap knows which user this is: ${idLabel} (your own user id, such as the ` +
      `contact's email or CRM id) or ${objLabel} (CleverTap's id of the user).`,
  );
}
