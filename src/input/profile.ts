/**
 * A profile's properties from the three places a user can give them, merged by one rule: the dedicated standard
 * fields (Name, Email, Phone, ...) win over the key/value rows, which win over the JSON text. Reused by every action
 * that writes a profile.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { dateValue, STANDARD_PROFILE_KEYS } from '../clevertap/rules';
import type { ProfileValue } from '../clevertap/records';
import { parseEpochSeconds } from './dates';
import { InputError } from './errors';
import { textOf } from './text';
import { parseJsonObject } from './json';
import { parseEmail, parseGender, parsePhone, parsePhoneCountry } from './people';
import { checkProperties } from './properties';
import {
  CONVERT_VALUE_TYPES_LABEL,
  KEEP_AS_TEXT_LABEL,
  parseKeyValues,
  parseValueTyping,
  parseYesNo,
} from './values';
import { quoted } from '../wording';

export const PROFILE_LABELS = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  defaultPhoneCountry: 'Default Phone Country',
  gender: 'Gender',
  dob: 'Date of Birth',
  photo: 'Photo URL',
  msgEmail: 'Email Subscription',
  msgPush: 'Push Subscription',
  msgSms: 'SMS Subscription',
  msgWhatsapp: 'WhatsApp Subscription',
  properties: 'Profile Properties',
  convertValueTypes: CONVERT_VALUE_TYPES_LABEL,
  keepAsText: KEEP_AS_TEXT_LABEL,
  profileData: 'Profile Properties (JSON)',
} as const;

/** What the profile's fields hold, as Zapier hands it over. */
export type ProfileInput = Partial<Record<keyof typeof PROFILE_LABELS, unknown>>;

type Parse = (
  field: string,
  value: unknown,
  phoneCountry: () => CountryCode | undefined,
) => ProfileValue | undefined;

const text: Parse = (field, value) => textOf(field, value) || undefined;

/** The Default Phone Country (and the phone library) is read only when there is a phone. */
const phone: Parse = (field, value, country) =>
  textOf(field, value) ? parsePhone(field, value, country()) : undefined;

const photo: Parse = (field, value) => {
  const url = textOf(field, value);
  if (!url) return undefined;
  if (STANDARD_PROFILE_KEYS.Photo.check?.(url)) return url;
  throw new InputError(
    field,
    `${quoted(url)} is not a web address; use one like https://example.com/ada.png.`,
  );
};

const date: Parse = (field, value) => {
  const seconds = parseEpochSeconds(field, value, true);
  return seconds === undefined ? undefined : dateValue(seconds);
};

/** Each dedicated field: the CleverTap key it fills and how its value is read. */
const STANDARD_FIELDS = {
  name: { profileKey: 'Name', parse: text },
  email: { profileKey: 'Email', parse: (field, value) => parseEmail(field, value) },
  phone: { profileKey: 'Phone', parse: phone },
  gender: { profileKey: 'Gender', parse: (field, value) => parseGender(field, value) },
  dob: { profileKey: 'DOB', parse: date },
  photo: { profileKey: 'Photo', parse: photo },
  msgEmail: { profileKey: 'MSG-email', parse: (field, value) => parseYesNo(field, value) },
  msgPush: { profileKey: 'MSG-push', parse: (field, value) => parseYesNo(field, value) },
  msgSms: { profileKey: 'MSG-sms', parse: (field, value) => parseYesNo(field, value) },
  msgWhatsapp: { profileKey: 'MSG-whatsapp', parse: (field, value) => parseYesNo(field, value) },
} as const satisfies Partial<Record<keyof typeof PROFILE_LABELS, { profileKey: string; parse: Parse }>>;

/** The same readers for a standard key written as a key/value row (`Phone` -> `(415) 555-0123`). */
const PARSE_BY_PROFILE_KEY = new Map<string, Parse>(
  Object.values(STANDARD_FIELDS).map(({ profileKey, parse }) => [profileKey, parse]),
);

const defined = (entries: [string, ProfileValue | undefined][]) =>
  Object.fromEntries(entries.filter((entry): entry is [string, ProfileValue] => entry[1] !== undefined));

/**
 * profileData from the standard fields, the key/value rows and the JSON text, checked against CleverTap's rules.
 * Standard keys written as rows (Phone, Gender, DOB, ...) are read like their dedicated fields; the JSON is sent as
 * written. Throws an `InputError` naming the field at fault.
 */
export function parseProfileData(input: ProfileInput): Record<string, ProfileValue> {
  const labels = PROFILE_LABELS;
  let country: { value?: CountryCode } | undefined;
  const phoneCountry = () =>
    (country ??= { value: parsePhoneCountry(labels.defaultPhoneCountry, input.defaultPhoneCountry) }).value;

  const json = checkProperties<ProfileValue>(
    labels.profileData,
    parseJsonObject(labels.profileData, input.profileData),
    'profile',
  );

  const rowValues = parseKeyValues(labels.properties, input.properties, parseValueTyping(input), (key) =>
    PARSE_BY_PROFILE_KEY.has(key),
  );
  const rows = checkProperties<ProfileValue>(
    labels.properties,
    defined(
      Object.entries(rowValues).map(([key, value]) => {
        const parse = PARSE_BY_PROFILE_KEY.get(key);
        return [key, parse ? parse(`${labels.properties} > ${key}`, value, phoneCountry) : value];
      }),
    ),
    'profile',
  );

  const fields = defined(
    Object.entries(STANDARD_FIELDS).map(([key, { profileKey, parse }]) => [
      profileKey,
      parse(
        labels[key as keyof typeof STANDARD_FIELDS],
        input[key as keyof typeof STANDARD_FIELDS],
        phoneCountry,
      ),
    ]),
  );

  return checkProperties<ProfileValue>(
    `${labels.properties} / ${labels.profileData}`,
    { ...json, ...rows, ...fields },
    'profile',
  );
}
