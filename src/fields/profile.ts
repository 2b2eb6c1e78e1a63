/**
 * The profile's fields: each standard field declared once with the CleverTap key it fills and how its value is read,
 * and the profile's properties from the three places a user can give them, merged by one rule: the dedicated
 * standard fields (Name, Email, Phone, ...) win over the key/value rows, which win over the JSON text.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { dateValue, isWebAddress } from '../clevertap/rules';
import type { ProfileValue } from '../clevertap/records';
import { parseEpochSeconds } from '../input/dates';
import { InputError } from '../input/errors';
import { parseEmail, parseGender, parsePhone, parsePhoneCountry } from '../input/people';
import { checkProperties } from '../input/properties';
import { textOf } from '../input/text';
import { parseKeyValues, parseYesNo, type ValueTyping } from '../input/values';
import { quoted } from '../wording';
import { defineField, type InputField, type InputOfFields, pickDeclared } from './define';
import { readJsonProperties } from './event';
import { parseValueTyping, type TypingInput, yesNoField } from './values';

/** The Default Phone Country, read only when a phone needs it. */
type PhoneCountry = () => CountryCode | undefined;

/** Reads a standard field's value; `label` names where it came from (the field, or a key/value row). */
type Read = (label: string, value: unknown, phoneCountry: PhoneCountry) => ProfileValue | undefined;

/**
 * A standard profile field: its declaration (read under its own label), the CleverTap key it fills, and its reader
 * for the same key written as a key/value row (read under the row's label).
 */
const standard = <const F extends InputField & { key: string; label: string }>(
  input: F,
  profileKey: string,
  read: Read,
) => ({ ...defineField(input, read), profileKey, readRow: read });

/** The Default Phone Country (and the phone library) is read only when there is a phone. */
const readPhone: Read = (label, value, country) =>
  textOf(label, value) ? parsePhone(label, value, country()) : undefined;

const readPhoto: Read = (label, value) => {
  const url = textOf(label, value);
  if (!url) return undefined;
  if (isWebAddress(url)) return url;
  throw new InputError(
    label,
    `${quoted(url)} is not a web address; use one like https://example.com/ada.png.`,
  );
};

const readDate: Read = (label, value) => {
  const seconds = parseEpochSeconds(label, value, true);
  return seconds === undefined ? undefined : dateValue(seconds);
};

const subscription = <const K extends string>(key: K, label: string, profileKey: string, what: string) => {
  const field = yesNoField(
    key,
    label,
    `CleverTap may send ${what}`,
    `no ${what}`,
    `Yes lets CleverTap send this user ${what}, No stops them; empty leaves the setting as it is. A mapped value ` +
      'must be yes/no or true/false: anything else stops the step.',
  );
  return standard(field.input, profileKey, (label, value) => parseYesNo(label, value));
};

export const defaultPhoneCountryField = defineField(
  {
    key: 'defaultPhoneCountry',
    label: 'Default Phone Country',
    type: 'string',
    required: false,
    helpText:
      'The two-letter country code (like `US`, `GB` or `IN`) for phone numbers written without one, as HubSpot often ' +
      'stores them.',
  },
  parsePhoneCountry,
);

/** The profile's standard fields, in the editor's order: CleverTap's own keys, read and checked before sending. */
export const PROFILE_STANDARD_FIELDS = [
  standard(
    {
      key: 'name',
      label: 'Name',
      type: 'string',
      required: false,
      helpText: "The user's full name, e.g. `Ada Lovelace`.",
    },
    'Name',
    (label, value) => textOf(label, value) || undefined,
  ),
  standard(
    {
      key: 'email',
      label: 'Email',
      type: 'string',
      required: false,
      helpText:
        'The email address CleverTap sends email campaigns to, e.g. `ada@example.com`; it is checked before sending.',
    },
    'Email',
    (label, value) => parseEmail(label, value),
  ),
  standard(
    {
      key: 'phone',
      label: 'Phone',
      type: 'string',
      required: false,
      helpText:
        'With or without the country code, e.g. `+44 20 7946 0958` or `(415) 555-0123`; sent as `+<country><number>`. ' +
        'Numbers without a country code use **Default Phone Country**; an extension is dropped.',
    },
    'Phone',
    readPhone,
  ),
  standard(
    {
      key: 'gender',
      label: 'Gender',
      type: 'string',
      required: false,
      choices: [
        { value: 'M', sample: 'M', label: 'Male (M)' },
        { value: 'F', sample: 'F', label: 'Female (F)' },
      ],
      helpText:
        'CleverTap accepts only M or F; mapped values like `Male`, `female`, `m` or `F` are converted, and any other ' +
        'value stops the step, so leave this empty when the value may be something else.',
    },
    'Gender',
    (label, value) => parseGender(label, value),
  ),
  standard(
    {
      key: 'dob',
      label: 'Date of Birth',
      // Text, not datetime: Zapier would read a bare date in the Zap's time zone and could move the birthday a day.
      type: 'string',
      required: false,
      helpText:
        'A date such as `1990-05-17`; accepts the same formats as **Creation Date**, including Unix timestamps.',
    },
    'DOB',
    readDate,
  ),
  standard(
    {
      key: 'photo',
      label: 'Photo URL',
      type: 'string',
      required: false,
      helpText: "A web address of the user's picture, e.g. `https://example.com/ada.png`.",
    },
    'Photo',
    readPhoto,
  ),
  subscription('msgEmail', 'Email Subscription', 'MSG-email', 'emails'),
  subscription('msgPush', 'Push Subscription', 'MSG-push', 'push notifications'),
  subscription('msgSms', 'SMS Subscription', 'MSG-sms', 'text messages (SMS)'),
  subscription('msgWhatsapp', 'WhatsApp Subscription', 'MSG-whatsapp', 'WhatsApp messages'),
] as const;

/** One standard field by its key. */
export const standardField = <K extends (typeof PROFILE_STANDARD_FIELDS)[number]['input']['key']>(key: K) =>
  pickDeclared(PROFILE_STANDARD_FIELDS, key);

const EMPTY_ROWS = 'Rows with an empty value are skipped, so an unmapped field never blanks a property.';

export const profilePropertiesField = defineField(
  {
    key: 'properties',
    label: 'Profile Properties',
    dict: true,
    required: false,
    helpText:
      'Any other profile properties, one per row: the property name on the left and its value on the right, e.g. ' +
      `\`Plan\` and \`Gold\`. ${EMPTY_ROWS} A row overrides the same name in **Profile Properties (JSON)**, and ` +
      'the fields above (Name, Email, Phone, ...) override both.',
  },
  // The standard keys written as rows (`readsItself`) are read by their fields' readers, under the row's label.
  (label, value: unknown, typing: ValueTyping, readsItself: (key: string) => boolean) =>
    parseKeyValues(label, value, typing, readsItself),
);

export const profileDataField = defineField(
  {
    key: 'profileData',
    label: 'Profile Properties (JSON)',
    type: 'text',
    required: false,
    helpText:
      'For lists, update operators or exact types: a JSON object, e.g. `{"Plan": "Gold", "Score": 42, "Tags": ' +
      '["vip"], "Visits": {"$incr": 1}}`, sent as written (trailing commas and curly quotes are forgiven). Rows in ' +
      '**Profile Properties** and the fields above win over the same name here.',
  },
  readJsonProperties,
);

/** What the profile's fields hold, as Zapier hands it over. */
export type ProfileInput = InputOfFields<
  [
    ...(typeof PROFILE_STANDARD_FIELDS)[number][],
    typeof defaultPhoneCountryField,
    typeof profilePropertiesField,
    typeof profileDataField,
  ]
> &
  TypingInput;

/** The same readers for a standard key written as a key/value row (`Phone` -> `(415) 555-0123`). */
const READ_BY_PROFILE_KEY = new Map<string, Read>(
  PROFILE_STANDARD_FIELDS.map((f) => [f.profileKey, f.readRow]),
);

const defined = (entries: [string, ProfileValue | undefined][]) =>
  Object.fromEntries(entries.filter((entry): entry is [string, ProfileValue] => entry[1] !== undefined));

/**
 * profileData from the standard fields, the key/value rows and the JSON text, checked against CleverTap's rules.
 * Standard keys written as rows (Phone, Gender, DOB, ...) are read like their dedicated fields; the JSON is sent as
 * written. Throws an `InputError` naming the field at fault. `typing` is read from `input` unless given (a bulk step
 * reads it once for every item).
 */
export function parseProfileData(
  input: ProfileInput,
  typing: ValueTyping = parseValueTyping(input),
): Record<string, ProfileValue> {
  const rowsLabel = profilePropertiesField.input.label;
  const jsonLabel = profileDataField.input.label;
  let country: { value?: CountryCode } | undefined;
  const phoneCountry = () =>
    (country ??= { value: defaultPhoneCountryField.read(input.defaultPhoneCountry) }).value;

  const json = checkProperties(jsonLabel, profileDataField.read(input.profileData, typing), 'profile');

  const rowValues = profilePropertiesField.read(input.properties, typing, (key) =>
    READ_BY_PROFILE_KEY.has(key),
  );
  const rows = checkProperties(
    rowsLabel,
    defined(
      Object.entries(rowValues).map(([key, value]) => {
        const read = READ_BY_PROFILE_KEY.get(key);
        return [key, read ? read(`${rowsLabel} > ${key}`, value, phoneCountry) : value];
      }),
    ),
    'profile',
  );

  const fields = defined(
    PROFILE_STANDARD_FIELDS.map(({ input: field, profileKey, read }) => [
      profileKey,
      read(input[field.key], phoneCountry),
    ]),
  );

  return checkProperties(`${rowsLabel} / ${jsonLabel}`, { ...json, ...rows, ...fields }, 'profile');
}
