/** "Upload Event": one CleverTap event record, such as a deal won or a form submitted, for one user. */
import { defineCreate, defineInputFields, type CreatePerform } from 'zapier-platform-core';
import { eventRecord } from '../clevertap/records';
import {
  convertValueTypesField,
  creationDateField,
  CREATION_DATE_LABEL,
  eventOutputFields,
  eventPropertiesField,
  evtDataField,
  identityField,
  keepAsTextField,
  objectIdField,
} from '../fields';
import { parseEpochSeconds } from '../input/dates';
import { parseEventData } from '../input/event';
import { parseEventName } from '../input/properties';
import { parseUserKey } from '../input/users';
import { parseInput } from '../zapier/errors';
import { uploadOne } from '../zapier/send';

const evtNameField = {
  key: 'evtName',
  label: 'Event Name',
  type: 'string',
  required: true,
  helpText:
    'The name of the event as it should appear in CleverTap, e.g. `Deal Won`. Names are matched without regard to ' +
    "case or spaces, may not contain `. : ; $ % ' \" < > ! | & \\`, and cannot be one of CleverTap's own events " +
    '(such as App Launched).',
} as const;

const inputFields = defineInputFields([
  evtNameField,
  identityField,
  objectIdField,
  creationDateField('When the event happened.'),
  eventPropertiesField,
  convertValueTypesField,
  keepAsTextField,
  evtDataField,
]);

const perform = (async (z, bundle) => {
  const { user, ts, evtName, evtData } = parseInput(z, () => {
    const evtName = parseEventName(evtNameField.label, bundle.inputData.evtName);
    return {
      evtName,
      user: parseUserKey(bundle.inputData),
      ts: parseEpochSeconds(CREATION_DATE_LABEL, bundle.inputData.ts),
      evtData: parseEventData(bundle.inputData),
    };
  });
  const record = eventRecord(user, evtName, evtData, ts);
  return uploadOne(z, bundle, record, false);
}) satisfies CreatePerform<typeof inputFields>;

export const sample = {
  status: 'success',
  processed: 1,
  type: 'event',
  identity: 'ada@example.com',
  ts: '2024-05-01T14:30:00Z',
  evtName: 'Deal Won',
  evtData: { 'Deal Name': 'Acme renewal', Amount: 1200, Stage: 'closedwon' },
};

export default defineCreate({
  key: 'upload_event',
  noun: 'Event',
  display: {
    label: 'Upload Event',
    description: 'Creates an event in CleverTap for a user, such as a deal won or a form submitted.',
  },
  operation: {
    inputFields,
    perform,
    sample,
    outputFields: [...eventOutputFields],
  },
});

export { perform };
