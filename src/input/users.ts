/** The one user key a record carries: the user's Identity, or CleverTap's Object ID. */
import type { UserKey } from '../clevertap/records';
import { InputError } from './errors';
import { quoted } from '../wording';
import { textOf } from './text';

export const USER_KEY_LABELS = { identity: 'Identity', objectId: 'Object ID' } as const;

/** Exactly one of Identity and Object ID; both fields are optional in the editor, so this is where the rule lives. */
export function parseUserKey(input: { identity?: unknown; objectId?: unknown }): UserKey {
  const { identity: idLabel, objectId: objLabel } = USER_KEY_LABELS;
  const identity = textOf(idLabel, input.identity);
  const objectId = textOf(objLabel, input.objectId);
  if (identity && objectId)
    throw new InputError(
      `${idLabel} / ${objLabel}`,
      `fill in only one of them. Use ${idLabel} for your own user id (such as the contact's email or CRM id), ` +
        `or ${objLabel} for CleverTap's id of the user, not both.`,
    );
  if (identity) return { identity };
  if (objectId) {
    if (/\s/.test(objectId))
      throw new InputError(objLabel, `${quoted(objectId)} contains spaces; a CleverTap Object ID has none.`);
    return { objectId };
  }
  throw new InputError(
    `${idLabel} / ${objLabel}`,
    `fill in one of them so CleverTap knows which user this is: ${idLabel} (your own user id, such as the ` +
      `contact's email or CRM id) or ${objLabel} (CleverTap's id of the user).`,
  );
}
