/** "Upload Events in Bulk": many CleverTap events, one per line item, in as few requests as CleverTap allows. */
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { eventRecord, type EventRecord } from '../clevertap/records';
import {
  creationDateField,
  CREATION_DATE_LABEL,
  evtDataField,
  identityField,
  objectIdField,
} from '../fields';
import { parseEpochSeconds } from '../input/dates';
import { parseEventData } from '../input/event';
import { parseLineItems, parseRecordsPerRequest, readFields, readLineItems } from '../input/items';
import { parseEventName } from '../input/properties';
import { parseUserKey } from '../input/users';
import { parseInput } from '../zapier/errors';
import {
  BULK_OUTPUT_FIELDS,
  onRefusedField,
  parseOnRefused,
  recordsPerRequestField,
  sendBulk,
} from '../zapier/bulk';

const EVENTS_LABEL = 'Events';
const EVENT_NAME_LABEL = 'Event Name';

const inputFields = defineInputFields([
  {
    key: 'events',
    label: EVENTS_LABEL,
    required: true,
    children: [
      {
        key: 'evtName',
        label: EVENT_NAME_LABEL,
        type: 'string',
        required: true,
        // A line-item group has no help text of its own (Zapier ignores it), so its first field explains the list.
        helpText:
          'One event per line item: map the line-item fields of an earlier step (a list of deals, orders or form ' +
          'entries, or the output of a Looping step) into these fields, and the whole list is sent in as few ' +
          'requests as CleverTap allows; items left entirely empty are skipped. ' +
          'The name of each event in CleverTap, e.g. `Deal Won` (the same rules as in **Upload Event**: no ' +
          "`. : ; $ % ' \" < > ! | & \\`, and not one of CleverTap's own events).",
      },
      { ...identityField, helpText: `The user of each event. ${identityField.helpText}` },
      { ...objectIdField, helpText: `For users without an Identity. ${objectIdField.helpText}` },
      creationDateField('When each event happened.'),
      {
        ...evtDataField,
        helpText:
          'The details of each event as a JSON object, e.g. `{"Deal Name": "Acme renewal", "Amount": 1200}` ' +
          '(numbers without quotes are numbers; trailing commas and curly quotes are forgiven). Empty sends no ' +
          'properties.',
      },
    ],
  },
  recordsPerRequestField,
  onRefusedField,
]);

/** One line item as an event record; every field's problem is reported, not just the first. */
function readEvent(values: Record<string, unknown>): EventRecord {
  const { user, evtName, ts, evtData } = readFields({
    evtName: () => parseEventName(EVENT_NAME_LABEL, values.evtName),
    user: () => parseUserKey(values),
    ts: () => parseEpochSeconds(CREATION_DATE_LABEL, values.ts),
    evtData: () => parseEventData({ evtData: values.evtData }),
  });
  return eventRecord(user, evtName, evtData, ts);
}

const perform = (async (z, bundle) => {
  const startedAt = Date.now();
  const { entries, skipped, batchSize, onRefused } = parseInput(z, () => {
    const onRefused = parseOnRefused(bundle.inputData.onRefused);
    const batchSize = parseRecordsPerRequest(
      recordsPerRequestField.label,
      bundle.inputData.recordsPerRequest,
    );
    const { items, skipped } = readLineItems(EVENTS_LABEL, bundle.inputData.events);
    return { batchSize, onRefused, skipped, entries: parseLineItems(EVENTS_LABEL, items, readEvent) };
  });
  return sendBulk(z, bundle, entries, {
    field: EVENTS_LABEL,
    nouns: { one: 'event', many: 'events' },
    batchSize,
    skipped,
    startedAt,
    onRefused,
  });
}) satisfies CreatePerform<typeof inputFields>;

export const sample = {
  status: 'partial',
  items: 3,
  saved: 2,
  refused: 1,
  processed: 2,
  requests: 1,
  skipped: 0,
  savedItems: '1, 2',
  refusedItems: '3',
  skippedItems: '',
  results: [
    { item: 1, outcome: 'saved' },
    { item: 2, outcome: 'saved' },
    { item: 3, outcome: 'refused', code: 513, reason: 'the event is one CleverTap records itself' },
  ],
};

export default defineCreate({
  key: 'upload_events_bulk',
  noun: 'Event',
  display: {
    label: 'Upload Events in Bulk',
    description:
      'Creates many events in CleverTap in one step, one per line item, sent up to 1000 at a time: for lists of ' +
      'deals, orders or form entries.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: [...BULK_OUTPUT_FIELDS],
  },
});

export { perform };
