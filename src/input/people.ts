/**
 * A person's details as CRMs store them, turned into what CleverTap's standard profile fields accept: phone numbers as
 * `+<country><number>`, gender as M or F, and email addresses checked before anything is sent.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { isEmailAddress } from '../clevertap/rules';
import { InputError } from './errors';
import { quoted as shown } from '../wording';
import { textOf } from './text';

type PhoneLibrary = typeof import('libphonenumber-js/min');

let phoneLibrary: PhoneLibrary | undefined;

/** libphonenumber-js and its metadata (the "min" set: lengths and prefixes) load on the first phone, not at start-up. */
function phones(): PhoneLibrary {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  phoneLibrary ??= require('libphonenumber-js/min') as PhoneLibrary;
  return phoneLibrary;
}

/** Common names people use for a country that are not its ISO code. */
const COUNTRY_ALIASES = new Map([['UK', 'GB']]);

/** The two-letter country for numbers written without a country code; undefined when empty. */
export function parsePhoneCountry(field: string, value: unknown): CountryCode | undefined {
  const given = textOf(field, value).toUpperCase();
  if (!given) return undefined;
  const code = COUNTRY_ALIASES.get(given) ?? given;
  if (phones().isSupportedCountry(code)) return code;
  throw new InputError(
    field,
    `${shown(textOf(field, value))} is not a two-letter country code; use one like US, GB, DE or IN.`,
  );
}

/**
 * A phone number as CleverTap wants it (`+14155550123`), or undefined when empty. Numbers written without a country
 * code take `country`; `00` before a country code counts as `+`; an extension is dropped (CleverTap has no place for
 * it). A number that cannot exist (too short, too long) is an error, so CleverTap does not reject the record (516).
 */
export function parsePhone(field: string, value: unknown, country?: CountryCode): string | undefined {
  const given = textOf(field, value);
  if (!given) return undefined;
  const { parsePhoneNumberFromString } = phones();
  const attempts = [given];
  if (/^00[1-9]/.test(given)) attempts.push(`+${given.slice(2)}`);
  for (const attempt of attempts) {
    const phone = parsePhoneNumberFromString(attempt, country ? { defaultCountry: country } : {});
    if (phone?.isPossible()) return phone.number;
  }
  if (!country && !/^(\+|00)/.test(given))
    throw new InputError(
      field,
      `${shown(given)} has no country code. Write it with one (like +1 415 555 0123), or fill in ` +
        'Default Phone Country for numbers stored without one.',
    );
  throw new InputError(
    field,
    `${shown(given)} is not a possible phone number${country && !given.startsWith('+') ? ` in ${country}` : ''}. ` +
      'CleverTap needs the country code and the number, like +14155550123.',
  );
}

/** A Map, not an object: a value like `constructor` must not find a member of Object's prototype. */
const GENDERS = new Map<string, 'M' | 'F'>([
  ['m', 'M'],
  ['male', 'M'],
  ['man', 'M'],
  ['f', 'F'],
  ['female', 'F'],
  ['woman', 'F'],
]);

/** M or F from the usual spellings (Male, female, m, ...); undefined when empty; anything else is an error. */
export function parseGender(field: string, value: unknown): 'M' | 'F' | undefined {
  const given = textOf(field, value);
  if (!given) return undefined;
  const gender = GENDERS.get(given.toLowerCase());
  if (gender) return gender;
  throw new InputError(
    field,
    `${shown(given)} is not a gender CleverTap stores: only M or F (Male, Female and the like are converted). ` +
      'Leave this empty, or map the value to a custom property instead.',
  );
}

/** The email address, trimmed, once it has the shape CleverTap accepts; undefined when empty. */
export function parseEmail(field: string, value: unknown): string | undefined {
  const given = textOf(field, value);
  if (!given) return undefined;
  if (isEmailAddress(given)) return given;
  throw new InputError(
    field,
    `${shown(given)} is not an email address; CleverTap needs one like ada@example.com.`,
  );
}
