/**
 * The inputs the bench sends, as Zapier hands them to a perform: text values, key/value rows as an object of strings.
 * Modelled on the HubSpot trigger samples in test/fixtures (a new contact, a new deal).
 */

/** The sandbox's default account. */
export const AUTH = { accountId: 'TEST-ACCOUNT', passcode: 'test-passcode', region: 'eu1' };

/** CleverTap's limits that the largest input reaches: properties per record and characters per value. */
export const MAX_PROPERTIES = 256;
export const MAX_VALUE_CHARS = 512;

export type InputData = Record<string, unknown>;

/** A small profile: who, and one property. */
export const SMALL_PROFILE: InputData = { identity: 'ada@example.com', name: 'Ada Lovelace' };

/** A HubSpot contact mapped the usual way: standard fields, Create Date as the time, a few rows. */
export const HUBSPOT_CONTACT: InputData = {
  identity: 'ada@example.com',
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '+14155550123',
  ts: '1714573800000',
  properties: {
    'Lifecycle Stage': 'lead',
    'HubSpot Contact ID': '51',
    'Created At': '2024-05-01T14:30:00.000Z',
    'Last Modified': '1714577400000',
  },
};

/** A HubSpot deal won, as an event of the contact. */
export const HUBSPOT_DEAL_EVENT: InputData = {
  evtName: 'Deal Won',
  identity: 'ada@example.com',
  ts: '1714573800000',
  eventProperties: {
    'Deal Name': 'Acme renewal',
    Amount: '1200.50',
    Stage: 'closedwon',
    Pipeline: 'default',
    'Close Date': '2024-06-01T00:00:00.000Z',
    'HubSpot Deal ID': '9001',
  },
};

/** A value of exactly `length` characters, different per property so nothing is shared between them. */
function longValue(index: number, length: number): string {
  const seed = `Property value ${index} `;
  return seed.repeat(Math.ceil(length / seed.length)).slice(0, length);
}

/** `count` properties of `length` characters each, named `Property 001` ... */
export function manyProperties(count: number, length = MAX_VALUE_CHARS): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `Property ${String(i + 1).padStart(3, '0')}`,
      longValue(i, length),
    ]),
  );
}

/** A profile with `count` key/value rows of `length` characters (the Profile Properties field). */
export function profileWithRows(count: number, length = MAX_VALUE_CHARS): InputData {
  return { identity: 'ada@example.com', properties: manyProperties(count, length) };
}

/** The same properties written as JSON text in Profile Properties (JSON). */
export function profileWithJson(count: number, length = MAX_VALUE_CHARS): InputData {
  return { identity: 'ada@example.com', profileData: JSON.stringify(manyProperties(count, length), null, 1) };
}
