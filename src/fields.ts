/**
 * Input fields that several actions share: who the record is about, and when it happened. Labels and help texts are
 * the user's words; keys are CleverTap's names, so the perform reads like the API contract.
 */
import { defineInputField } from 'zapier-platform-core';
import { EVENT_LABELS } from './input/event';
import { PROFILE_LABELS } from './input/profile';
import { USER_KEY_LABELS } from './input/users';
import { CONVERT_VALUE_TYPES_LABEL, KEEP_AS_TEXT_LABEL } from './input/values';

/** The label of every action's date field. */
export const CREATION_DATE_LABEL = 'Creation Date';

export const identityField = defineInputField({
  key: 'identity',
  label: USER_KEY_LABELS.identity,
  type: 'string',
  required: false,
  helpText:
    "Your own unique id for the user, the same one your apps send to CleverTap: for a HubSpot contact, map the contact's " +
    'email or its Record ID. Fill in this or **Object ID**, not both.',
});

export const objectIdField = defineInputField({
  key: 'objectId',
  label: USER_KEY_LABELS.objectId,
  type: 'string',
  required: false,
  helpText:
    "CleverTap's own id of the user (like `-2ce3cca260664f70b82b1c6bb505f462`), for users who have no Identity. " +
    'Fill in this or **Identity**, not both.',
});

/** The formats a date field reads; Zapier's own date parsing is not used (a `string` field), so these are the rules. */
const DATE_FORMATS =
  'A date and time with its offset (`2024-05-01T14:30:00Z`, `2024-05-01T16:30:00+02:00`; without an offset it is UTC), ' +
  "a date (`2024-05-01`), or Unix seconds or milliseconds (HubSpot's dates). Anything else stops the step.";

/**
 * When the record happened, `lead` saying what "when" means for the action. A text field, not `datetime`: Zapier
 * turns a datetime it cannot read into the current time and reads a time without an offset in the Zap's time zone,
 * both silently; the app reads the text itself and refuses what it cannot read.
 */
export const creationDateField = (lead: string) =>
  defineInputField({
    key: 'ts',
    label: CREATION_DATE_LABEL,
    type: 'string',
    required: false,
    helpText: `${lead} ${DATE_FORMATS} Leave empty for now.`,
  });

/**
 * A yes/no field as a dropdown of explicit values. Not `boolean`: Zapier turns an empty or unknown boolean into false
 * or true before the app sees it, so an unmapped subscription would unsubscribe the user. The text arrives as given.
 */
const yesNoField = <K extends string>(key: K, label: string, yes: string, no: string, helpText: string) =>
  defineInputField({
    key,
    label,
    type: 'string',
    required: false,
    choices: [
      { value: 'yes', sample: 'yes', label: `Yes: ${yes}` },
      { value: 'no', sample: 'no', label: `No: ${no}` },
    ],
    helpText,
  });

/** Yes unless set to no: key/value rows are typed (numbers, true/false, dates) before they are sent. */
export const convertValueTypesField = {
  ...yesNoField(
    'convertValueTypes',
    CONVERT_VALUE_TYPES_LABEL,
    'numbers, true/false and dates get their type',
    'every value is sent as text',
    'Yes (the default): a row value like `42` or `-3.5` is sent as a number, `true`/`false` as true/false and ' +
      '`2024-05-01` as a date; `02139`, `+1415...` and text in double quotes (`"42"`) stay text. No: all text.',
  ),
  default: 'yes',
};

/** Properties whose values stay text whatever they look like: one property, one type, for every user. */
export const keepAsTextField = defineInputField({
  key: 'keepAsText',
  label: KEEP_AS_TEXT_LABEL,
  type: 'string',
  list: true,
  required: false,
  helpText:
    "Names of properties always sent as text, such as `Zip Code` or `Deal ID`. CleverTap takes a property's type " +
    'from its values: without this, `94107` would be a number but `02139` text, and the property would hold both.',
});

const EMPTY_ROWS = 'Rows with an empty value are skipped, so an unmapped field never blanks a property.';

// The profile's standard fields: CleverTap's own keys, read and checked before anything is sent.
export const profileStandardFields = [
  defineInputField({
    key: 'name',
    label: PROFILE_LABELS.name,
    type: 'string',
    required: false,
    helpText: "The user's full name, e.g. `Ada Lovelace`.",
  }),
  defineInputField({
    key: 'email',
    label: PROFILE_LABELS.email,
    type: 'string',
    required: false,
    helpText:
      'The email address CleverTap sends email campaigns to, e.g. `ada@example.com`; it is checked before sending.',
  }),
  defineInputField({
    key: 'phone',
    label: PROFILE_LABELS.phone,
    type: 'string',
    required: false,
    helpText:
      'With or without the country code, e.g. `+44 20 7946 0958` or `(415) 555-0123`; sent as `+<country><number>`. ' +
      'Numbers without a country code use **Default Phone Country**; an extension is dropped.',
  }),
  defineInputField({
    key: 'defaultPhoneCountry',
    label: PROFILE_LABELS.defaultPhoneCountry,
    type: 'string',
    required: false,
    helpText:
      'The two-letter country code (like `US`, `GB` or `IN`) for phone numbers written without one, as HubSpot often ' +
      'stores them.',
  }),
  defineInputField({
    key: 'gender',
    label: PROFILE_LABELS.gender,
    type: 'string',
    required: false,
    choices: [
      { value: 'M', sample: 'M', label: 'Male (M)' },
      { value: 'F', sample: 'F', label: 'Female (F)' },
    ],
    helpText:
      'CleverTap accepts only M or F; mapped values like `Male`, `female`, `m` or `F` are converted, and any other ' +
      'value stops the step, so leave this empty when the value may be something else.',
  }),
  defineInputField({
    key: 'dob',
    label: PROFILE_LABELS.dob,
    // Text, not datetime: Zapier would read a bare date in the Zap's time zone and could move the birthday a day.
    type: 'string',
    required: false,
    helpText:
      'A date such as `1990-05-17`; accepts the same formats as **Creation Date**, including Unix timestamps.',
  }),
  defineInputField({
    key: 'photo',
    label: PROFILE_LABELS.photo,
    type: 'string',
    required: false,
    helpText: "A web address of the user's picture, e.g. `https://example.com/ada.png`.",
  }),
  ...(
    [
      ['msgEmail', 'emails'],
      ['msgPush', 'push notifications'],
      ['msgSms', 'text messages (SMS)'],
      ['msgWhatsapp', 'WhatsApp messages'],
    ] as const
  ).map(([key, what]) =>
    yesNoField(
      key,
      PROFILE_LABELS[key],
      `CleverTap may send ${what}`,
      `no ${what}`,
      `Yes lets CleverTap send this user ${what}, No stops them; empty leaves the setting as it is. A mapped value ` +
        'must be yes/no or true/false: anything else stops the step.',
    ),
  ),
] as const;

export const profilePropertiesField = defineInputField({
  key: 'properties',
  label: PROFILE_LABELS.properties,
  dict: true,
  required: false,
  helpText:
    'Any other profile properties, one per row: the property name on the left and its value on the right, e.g. ' +
    `\`Plan\` and \`Gold\`. ${EMPTY_ROWS} A row overrides the same name in **Profile Properties (JSON)**, and ` +
    'the fields above (Name, Email, Phone, ...) override both.',
});

export const profileDataField = defineInputField({
  key: 'profileData',
  label: PROFILE_LABELS.profileData,
  type: 'text',
  required: false,
  helpText:
    'For lists, update operators or exact types: a JSON object, e.g. `{"Plan": "Gold", "Score": 42, "Tags": ' +
    '["vip"], "Visits": {"$incr": 1}}`, sent as written (trailing commas and curly quotes are forgiven). Rows in ' +
    '**Profile Properties** and the fields above win over the same name here.',
});

export const eventPropertiesField = defineInputField({
  key: 'eventProperties',
  label: EVENT_LABELS.eventProperties,
  dict: true,
  required: false,
  helpText:
    'Details of the event, one per row: the property name on the left and its value on the right, e.g. `Amount` ' +
    `and \`1200\`. ${EMPTY_ROWS} A row overrides the same name in **Event Properties (JSON)**.`,
});

export const evtDataField = defineInputField({
  key: 'evtData',
  label: EVENT_LABELS.evtData,
  type: 'text',
  required: false,
  helpText:
    'The same as a JSON object, for exact types, e.g. `{"Deal Name": "Acme renewal", "Amount": 1200}`, sent as ' +
    'written (numbers without quotes are numbers; trailing commas and curly quotes are forgiven). Rows in ' +
    '**Event Properties** win over the same name here.',
});

/** What every single-record upload step outputs, for later steps to map. */
export const recordOutputFields = [
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'processed', label: 'Records Processed', type: 'integer' },
  { key: 'type', label: 'Record Type', type: 'string' },
  { key: 'identity', label: 'Identity', type: 'string' },
  { key: 'objectId', label: 'Object ID', type: 'string' },
  { key: 'ts', label: 'Creation Date', type: 'datetime' },
] as const;

export const eventOutputFields = [
  ...recordOutputFields,
  { key: 'evtName', label: 'Event Name', type: 'string' },
] as const;

/** One field of a list, by its key (never by its position, which a reordering would silently change). */
export function pickField<F extends readonly { key: string }[], K extends F[number]['key']>(
  fields: F,
  key: K,
): Extract<F[number], { key: K }> {
  const field = fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field "${key}"`);
  return field as Extract<F[number], { key: K }>;
}
