/** "Upload Events in Bulk": many CleverTap events, one per line item, in as few requests as CleverTap allows. */
import {
  type Bundle,
  type CreatePerform,
  defineInputField,
  defineInputFields,
  type ZObject,
} from 'zapier-platform-core';
import type { NumberedRecord } from '../clevertap/batches';
import { eventRecord, type EventRecord } from '../clevertap/records';
import type { Replay } from '../clevertap/replay';
import { onRefusedField, readBulkInput, recordsPerRequestField } from '../fields/bulk';
import { creationDateField } from '../fields/dates';
import { evtDataField, evtNameField, IF_NEW_EVENT, ifNewEventField, parseEventData } from '../fields/event';
import { valuesOf, withHelpText } from '../fields/define';
import { identityField, objectIdField, parseUserKey } from '../fields/users';
import { bulkOutputFields } from '../fields/outputs';
import { declaredTypeFields, parseValueTyping } from '../fields/values';
import { readFields } from '../input/items';
import { sendBulk } from '../zapier/bulk';
import { parseInput } from '../fields/parse-input';
import { defineAction } from '../zapier/define-action';
import { requireKnownEventItems } from '../zapier/schema';

const evtName = withHelpText(
  evtNameField,
  // A line-item group has no help text of its own (Zapier ignores it), so its first field explains the list.
  'One event per line item: map the line-item fields of an earlier step (a list of deals, orders or form ' +
    'entries, or the output of a Looping step) into these fields, and the whole list is sent in as few ' +
    'requests as CleverTap allows; items left entirely empty are skipped. ' +
    'The name of each event in CleverTap, e.g. `Deal Won` (the same rules as in **Upload Event**: no ' +
    "`. : ; $ % ' \" < > ! | & \\`, and not one of CleverTap's own events).",
);
const creationDate = creationDateField('When each event happened.');

const children = [
  evtName.input,
  withHelpText(identityField, `The user of each event. ${identityField.input.helpText}`).input,
  withHelpText(objectIdField, `For users without an Identity. ${objectIdField.input.helpText}`).input,
  creationDate.input,
  withHelpText(
    evtDataField,
    'The details of each event as a JSON object, e.g. `{"Deal Name": "Acme renewal", "Amount": 1200}` ' +
      '(numbers without quotes are numbers; trailing commas and curly quotes are forgiven). Empty sends no ' +
      'properties.',
  ).input,
] as const;

const events = defineInputField({ key: 'events', label: 'Events', required: true, children: [...children] });

const inputFields = defineInputFields([
  events,
  ifNewEventField.input,
  ...declaredTypeFields,
  recordsPerRequestField.input,
  onRefusedField.input,
]);

/** Events sent again are stored twice. */
const replay: Replay = 'stores_twice';

/** The shared fields, then every line item, then the Event Name guard, then the send. */
const perform = (async (z, bundle) => {
  const startedAt = Date.now();
  const input = parseInput(z, () => readBulkInput(bundle.inputData, events, eventReader));
  if (input.entries.length) await guard(z, bundle, input.entries);
  return sendBulk(z, bundle, input, { field: events.label, nouns: NOUNS, replay, startedAt });
}) satisfies CreatePerform<typeof inputFields>;

const NOUNS = { one: 'event', many: 'events' };

/**
 * The reader of one line item as an event record (every field's problem is reported, not just the first), with the
 * declared types read once for the whole list, so a name in two lists is one problem, not one per item.
 */
function eventReader(inputData: Record<string, unknown>) {
  const typing = parseValueTyping(inputData);
  return (values: Record<string, unknown>) => {
    const item = valuesOf(children, values);
    const { user, name, ts, evtData } = readFields({
      name: () => evtName.read(item.evtName),
      user: () => parseUserKey(item),
      ts: () => creationDate.read(item.ts),
      evtData: () => parseEventData(item, false, typing),
    });
    return eventRecord(user, name, evtData, ts);
  };
}

/** The guard reads the account's events only when it is on; every item is checked before anything is sent. */
async function guard(z: ZObject, bundle: Bundle, entries: readonly NumberedRecord<EventRecord>[]) {
  if (parseInput(z, () => ifNewEventField.read(bundle.inputData.ifNewEvent)) !== IF_NEW_EVENT.stop) return;
  await requireKnownEventItems(
    z,
    bundle,
    { list: events.label, label: evtName.input.label },
    entries.map(({ item, record }) => ({ item, name: record.evtName })),
  );
}

export default defineAction({
  key: 'upload_events_bulk',
  noun: 'Event',
  label: 'Upload Events in Bulk',
  description:
    'Creates many events in CleverTap in one step, one per line item, sent up to 1000 at a time: for lists of ' +
    'deals, orders or form entries.',
  inputFields,
  perform,
  replay,
  minimalInput: {
    events: [{ evtName: 'Deal Won', identity: 'ada@example.com' }],
  },
  sample: {
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
  },
  outputFields: bulkOutputFields,
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
