/**
 * HubSpot trigger samples mapped into an action's fields as docs/users.md's "HubSpot mappings" tables say, one click away
 * on the page. The samples are the project's fixtures (test/fixtures/hubspot-*.json), read when the preview starts;
 * the values are in the form's shape: text, key/value rows, line items.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A HubSpot record as the New Contact / New Deal triggers output it. */
export interface HubSpotRecord {
  id: string;
  properties: Record<string, string | undefined>;
  associations?: { contacts?: string[] };
}

export interface HubSpotSamples {
  contact: HubSpotRecord;
  deal: HubSpotRecord;
}

export type FormValues = Record<string, string | Array<[string, string]> | Array<Record<string, string>>>;

export interface SampleFill {
  id: string;
  /** The button's text. */
  label: string;
  /** The fixture it comes from. */
  source: string;
  values: FormValues;
  /** What is mapped from where, and what had to be typed because the sample lacks it. */
  notes: string[];
}

export const SAMPLE_FILES = { contact: 'hubspot-new-contact.json', deal: 'hubspot-new-deal.json' } as const;

export function readHubSpotSamples(fixturesDir: string): HubSpotSamples {
  const read = (name: string) => JSON.parse(readFileSync(join(fixturesDir, name), 'utf8')) as HubSpotRecord;
  return { contact: read(SAMPLE_FILES.contact), deal: read(SAMPLE_FILES.deal) };
}

const FROM_CONTACT = {
  id: 'hubspot-new-contact',
  label: 'Fill from HubSpot "New Contact"',
  source: SAMPLE_FILES.contact,
} as const;
const FROM_DEAL = {
  id: 'hubspot-new-deal',
  label: 'Fill from HubSpot "New Deal"',
  source: SAMPLE_FILES.deal,
} as const;

/** Property rows [name, value], leaving out the HubSpot properties the sample does not have. */
function rows(pairs: Array<[string, string | undefined]>): Array<[string, string]> {
  return pairs.filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '');
}

/**
 * The deal's user: docs/users.md maps "the associated contact's Record ID or email". When the associated contact is the
 * contact sample, its email, so the deal lands on the same CleverTap user as the contact (in a Zap this takes a
 * HubSpot contact lookup step); otherwise the contact's Record ID.
 */
function dealUser({ contact, deal }: HubSpotSamples): { identity: string; note: string } {
  const contactId = deal.associations?.contacts?.[0] ?? '';
  if (contactId === contact.id && contact.properties.email)
    return {
      identity: contact.properties.email,
      note: `Identity: the associated contact's email (contact ${contactId} is the New Contact sample; in a Zap, a HubSpot contact lookup step gives it).`,
    };
  return { identity: contactId, note: `Identity: the associated contact's Record ID (${contactId}).` };
}

function contactToProfile({ contact }: HubSpotSamples): SampleFill {
  const p = contact.properties;
  return {
    ...FROM_CONTACT,
    values: {
      identity: p.email ?? contact.id,
      ts: p.createdate ?? '',
      name: [p.firstname, p.lastname].filter(Boolean).join(' '),
      email: p.email ?? '',
      phone: p.phone ?? '',
      defaultPhoneCountry: 'US',
      properties: rows([
        ['Lifecycle Stage', p.lifecyclestage],
        ['HubSpot Contact ID', contact.id],
        ['Postal Code', p.zip],
        ['Became a Lead', p.hs_lifecyclestage_lead_date],
      ]),
    },
    notes: [
      'Identity: Email. Creation Date: Create Date (epoch milliseconds). Name: First Name, a space, Last Name.',
      'Default Phone Country: typed (US). Profile Properties rows: Lifecycle Stage, HubSpot Contact ID (Record ID).',
    ],
  };
}

function contactToLookup({ contact }: HubSpotSamples): SampleFill {
  return {
    ...FROM_CONTACT,
    values: { identity: contact.properties.email ?? contact.id },
    notes: ['Identity: Email, as Create/Update User Profile stores it.'],
  };
}

function dealToEvent(samples: HubSpotSamples): SampleFill {
  const { deal } = samples;
  const d = deal.properties;
  const user = dealUser(samples);
  return {
    ...FROM_DEAL,
    values: {
      evtName: 'Deal Created',
      identity: user.identity,
      ts: d.createdate ?? '',
      eventProperties: rows([
        ['Deal ID', deal.id],
        ['Deal Name', d.dealname],
        ['Amount', d.amount],
        ['Stage', d.dealstage],
        ['Pipeline', d.pipeline],
        ['Close Date', d.closedate],
      ]),
    },
    notes: [
      "Event Name: Deal Created, picked from the account's events. Creation Date: Create Date.",
      user.note,
      'Event Properties rows: Deal ID, Deal Name, Amount, Stage, Pipeline, Close Date.',
    ],
  };
}

function dealToPurchase(samples: HubSpotSamples): SampleFill {
  const { deal } = samples;
  const d = deal.properties;
  const user = dealUser(samples);
  return {
    ...FROM_DEAL,
    values: {
      identity: user.identity,
      amount: d.amount ?? '',
      currency: d.deal_currency_code ?? 'USD',
      paymentMode: 'Invoice',
      chargedId: d.hs_object_id ?? deal.id,
      items: [{ productName: 'Annual Plan', category: 'Subscriptions', quantity: '1', price: '1150.50' }],
      properties: rows([
        ['Deal Name', d.dealname],
        ['Pipeline', d.pipeline],
        ['Deal Stage', d.dealstage],
      ]),
      ts: d.closedate ?? d.createdate ?? '',
    },
    notes: [
      user.note,
      'Amount, Charged ID (Record ID), Creation Date (Close Date) and the rows Deal Name, Pipeline, Deal Stage from the deal.',
      "Currency (USD) and Payment Mode (Invoice) typed; the item is docs/users.md's example, typed: the sample has no line items.",
    ],
  };
}

/** Action key -> the samples that docs/users.md maps into it. */
const MAPPINGS: Record<string, Array<(samples: HubSpotSamples) => SampleFill>> = {
  upsert_profile: [contactToProfile],
  find_profile: [contactToLookup],
  upload_event: [dealToEvent],
  record_purchase: [dealToPurchase],
};

/** The sample fills for one action (none when docs/users.md maps no HubSpot sample into it). */
export function sampleFills(actionKey: string, samples: HubSpotSamples): SampleFill[] {
  const fills = Object.prototype.hasOwnProperty.call(MAPPINGS, actionKey) ? MAPPINGS[actionKey] : undefined;
  return (fills ?? []).map((fill) => fill(samples));
}
