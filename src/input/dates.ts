/**
 * Dates as Zapier hands them over (ISO-8601 from the editor's date picker, epoch numbers from CRMs such as HubSpot,
 * plain dates typed by hand) turned into CleverTap's Unix epoch seconds.
 */
import type { DateTime } from 'luxon';
import { InputError } from './errors';
import { quoted } from '../wording';
import { textOf } from './text';

type DateLibrary = typeof import('luxon');

let dateLibrary: DateLibrary | undefined;

/** luxon loads on the first date read, not at start-up: steps without a date never pay for it. */
function dateTimes(): DateLibrary['DateTime'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  dateLibrary ??= require('luxon') as DateLibrary;
  return dateLibrary.DateTime;
}

/** Epoch values at or above this are milliseconds (1e11 seconds is the year 5138; 1e11 ms is 1973). */
const MILLISECONDS_FROM = 1e11;

const ACCEPTED = 'Use 2024-05-01T14:30:00Z (no offset: UTC), 2024-05-01, or Unix seconds or milliseconds.';

function fromText(text: string): DateTime | undefined {
  const DateTimes = dateTimes();
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    return DateTimes.fromMillis(Math.abs(n) >= MILLISECONDS_FROM ? n : n * 1000, { zone: 'utc' });
  }
  const options = { zone: 'utc', setZone: true };
  const iso = DateTimes.fromISO(text, options);
  if (iso.isValid) return iso;
  const sql = DateTimes.fromSQL(text, options);
  return sql.isValid ? sql : undefined;
}

/**
 * Epoch seconds for a date field, or undefined when it is empty. `allowBefore1970` is for birth dates; a record's
 * time must be after 1970 (CleverTap rejects 0 and below).
 */
export function parseEpochSeconds(
  field: string,
  value: unknown,
  allowBefore1970 = false,
): number | undefined {
  const text = textOf(field, value);
  if (!text) return undefined;
  const date = typeof value === 'number' ? fromText(String(Math.trunc(value))) : fromText(text);
  if (!date?.isValid)
    throw new InputError(field, `${quoted(text)} is not a date the app can read. ${ACCEPTED}`);
  const seconds = Math.floor(date.toMillis() / 1000);
  if (!allowBefore1970 && seconds <= 0)
    throw new InputError(field, `${quoted(text)} is not after 1 January 1970, which CleverTap requires.`);
  // CleverTap reads epoch values from 1e11 on as milliseconds (the year 5138): later or much earlier dates would be
  // stored as other dates or refused (525).
  if (!Number.isSafeInteger(seconds) || Math.abs(seconds) >= MILLISECONDS_FROM)
    throw new InputError(field, `${quoted(text)} is too far from today for CleverTap. ${ACCEPTED}`);
  return seconds;
}
