/** Which user to look up: exactly one of Identity, Email and Object ID, all optional in the editor. */
import { LookupKey, LOOKUP_KEYS, ProfileQuery } from '../clevertap/profiles';
import { BYTES_NOTE, LIMITS, isEmailAddress, utf8Bytes } from '../clevertap/rules';
import { defineInputFields } from 'zapier-platform-core';
import { InputError } from '../input/errors';
import { textOf } from '../input/text';
import { quoted } from '../wording';
import { defineField, withHelpText } from './define';
import { identityField, objectIdField } from './users';

const ONE_OF = 'Fill in only one of **Identity**, **Email** and **Object ID**.';

/** The three ways to name the user, all optional in the editor: exactly one must be filled in (`parseProfileQuery`). */
const LOOKUP_FIELDS = {
  identity: withHelpText(
    identityField,
    "Your own unique id for the user, the same one your apps send to CleverTap: for a HubSpot contact, the contact's " +
      `email or its Record ID. ${ONE_OF}`,
  ),
  email: defineField(
    {
      key: 'email',
      label: 'Email',
      type: 'string',
      required: false,
      helpText: `The email address stored on the CleverTap profile, e.g. \`ada@example.com\`. ${ONE_OF}`,
    },
    textOf,
  ),
  objectId: withHelpText(
    objectIdField,
    `CleverTap's own id of the user, like \`-2ce3cca260664f70b82b1c6bb505f462\`. ${ONE_OF}`,
  ),
} as const satisfies Record<LookupKey, unknown>;

export const lookupFields = defineInputFields([
  LOOKUP_FIELDS.identity.input,
  LOOKUP_FIELDS.email.input,
  LOOKUP_FIELDS.objectId.input,
]);

const labelOf = (key: LookupKey) => LOOKUP_FIELDS[key].input.label;

/**
 * What core 19.1 does to query values: it strips every `{{...}}` (so "a{{b}}c" would look up "ac") and refuses
 * `{{bundle.` / `{{process.` text with a crash. Such a value cannot be looked up faithfully, so it is refused.
 */
const ZAPIER_TEMPLATE = /\{\{.*?\}\}|\{\{\s*(bundle|process)\.[^}]*\}\}/;

const ALL = LOOKUP_KEYS.map(labelOf).join(' / ');

/**
 * The one user to find (or, with `inQuery` false, to send a message to); a friendly error unless exactly one of the
 * three fields is filled in. `{{...}}` text is refused only in a query, where core would strip it.
 */
export function parseProfileQuery(input: Partial<Record<LookupKey, unknown>>, inQuery = true): ProfileQuery {
  const given = LOOKUP_KEYS.map((key) => [key, textOf(labelOf(key), input[key])] as const).filter(
    ([, value]) => value,
  );
  const [first, ...others] = given;
  if (!first)
    throw new InputError(
      ALL,
      'fill in one of them so CleverTap knows which user to find: Identity (your own user id, such as the ' +
        "contact's email or CRM id), Email (the profile's email address) or Object ID (CleverTap's id of the user).",
    );
  if (others.length > 0)
    throw new InputError(
      given.map(([key]) => labelOf(key)).join(' / '),
      'fill in only one of them: CleverTap looks a user up by one key at a time.',
    );
  const [key, value] = first;
  if (inQuery && ZAPIER_TEMPLATE.test(value))
    throw new InputError(
      labelOf(key),
      `${quoted(value)} has text in double curly braces ({{...}}), which Zapier removes from a lookup, so ` +
        'CleverTap would be asked about another user. Look the user up by another field.',
    );
  if (utf8Bytes(value) > LIMITS.valueBytes)
    throw new InputError(
      labelOf(key),
      `this value is over ${LIMITS.valueBytes} bytes ${BYTES_NOTE}, more than any CleverTap user key holds; ` +
        'map the user id itself into this field.',
    );
  if (key === 'email' && !isEmailAddress(value))
    throw new InputError(labelOf('email'), `${quoted(value)} is not an email address.`);
  if (key === 'objectId' && /\s/.test(value))
    throw new InputError(
      labelOf('objectId'),
      `${quoted(value)} contains spaces; a CleverTap Object ID has none.`,
    );
  return { [key]: value } as ProfileQuery;
}
