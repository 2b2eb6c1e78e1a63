/** "Upload Event": one CleverTap event record, such as a deal won or a form submitted, for one user. */
import { defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { eventRecord } from '../clevertap/records';
import type { Replay } from '../clevertap/replay';
import { creationDateField } from '../fields/dates';
import {
  eventPropertiesField,
  evtDataField,
  evtNameField,
  IF_NEW_EVENT,
  ifNewEventField,
  parseEventData,
} from '../fields/event';
import { eventOutputFields } from '../fields/outputs';
import { identityField, objectIdField, parseUserKey } from '../fields/users';
import { valueTypingFields } from '../fields/values';
import { parseInput } from '../fields/parse-input';
import { requireKnownEvent } from '../zapier/schema';
import { defineAction } from '../zapier/define-action';
import { uploadOne } from '../zapier/send';

const creationDate = creationDateField('When the event happened.');

const inputFields = defineInputFields([
  evtNameField.input,
  ifNewEventField.input,
  identityField.input,
  objectIdField.input,
  creationDate.input,
  eventPropertiesField.input,
  ...valueTypingFields,
  evtDataField.input,
]);

/** An event sent again is stored twice. */
const replay: Replay = 'stores_twice';

const perform = (async (z, bundle) => {
  const { user, ts, evtName, evtData, ifNewEvent } = parseInput(z, () => ({
    evtName: evtNameField.read(bundle.inputData.evtName),
    ifNewEvent: ifNewEventField.read(bundle.inputData.ifNewEvent),
    user: parseUserKey(bundle.inputData),
    ts: creationDate.read(bundle.inputData.ts),
    evtData: parseEventData(bundle.inputData),
  }));
  // The account's events are read only when the guard is on.
  if (ifNewEvent === IF_NEW_EVENT.stop) await requireKnownEvent(z, bundle, evtNameField.input.label, evtName);
  const record = eventRecord(user, evtName, evtData, ts);
  return uploadOne(z, bundle, record, replay);
}) satisfies CreatePerform<typeof inputFields>;

export default defineAction({
  key: 'upload_event',
  noun: 'Event',
  label: 'Upload Event',
  description: 'Creates an event in CleverTap for a user, such as a deal won or a form submitted.',
  inputFields,
  perform,
  replay,
  minimalInput: { identity: 'ada@example.com', evtName: 'Deal Won' },
  sample: {
    status: 'success',
    processed: 1,
    type: 'event',
    identity: 'ada@example.com',
    ts: '2024-05-01T14:30:00Z',
    evtName: 'Deal Won',
    evtData: { 'Deal Name': 'Acme renewal', Amount: 1200, Stage: 'closedwon' },
  },
  outputFields: eventOutputFields,
});

/** The perform on its own, for the tests that run it through Zapier's boundary (test/boundary.ts). */
export { perform };
