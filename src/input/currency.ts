/**
 * Currency codes as ISO 4217 writes them (`USD`, `EUR`, `INR`). The list is the one Node's ICU data carries
 * (`Intl.supportedValuesOf('currency')`: CLDR's currencies in use, 162 codes on Node 20 and 22 alike, including the
 * newest such as `ZWG`, `SLE` and `XCG`); ISO's fund, metal and test codes (`XAU`, `XTS`, `XXX`, `USN`) are not
 * prices and are left out by it. Read on the first currency, not at start-up.
 */
import { InputError } from './errors';
import { quoted } from '../wording';
import { textOf } from './text';

let codes: ReadonlySet<string> | undefined;

function currencyCodes(): ReadonlySet<string> {
  codes ??= new Set(Intl.supportedValuesOf('currency'));
  return codes;
}

/** The ISO 4217 code in a field, upper-cased (`usd` -> `USD`), or undefined when empty; anything else is refused. */
export function parseCurrency(field: string, value: unknown): string | undefined {
  const text = textOf(field, value);
  if (!text) return undefined;
  const code = text.toUpperCase();
  if (/^[A-Z]{3}$/.test(code) && currencyCodes().has(code)) return code;
  throw new InputError(
    field,
    `${quoted(text)} is not an ISO 4217 currency code. Use the three-letter code, like USD, EUR or INR ` +
      "(HubSpot's Deal Currency Code gives it).",
  );
}
