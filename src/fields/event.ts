/**
 * The event's fields: its name, and its properties from the key/value rows and the JSON text, merged by one rule: a
 * row wins over the same name in the JSON. Reused by every action that uploads an event.
 */
import type { EventValue } from '../clevertap/records';
import { parseJsonObject } from '../input/json';
import { checkProperties, parseEventName } from '../input/properties';
import { parseKeyValues, withDeclaredTypes } from '../input/values';
import { defineField } from './define';
import { parseValueTyping, type TypingInput } from './values';

export const evtNameField = defineField(
  {
    key: 'evtName',
    label: 'Event Name',
    type: 'string',
    required: true,
    helpText:
      'The name of the event as it should appear in CleverTap, e.g. `Deal Won`. Names are matched without regard to ' +
      "case or spaces, may not contain `. : ; $ % ' \" < > ! | & \\`, and cannot be one of CleverTap's own events " +
      '(such as App Launched).',
  },
  parseEventName,
);

export const eventPropertiesField = {
  input: {
    key: 'eventProperties',
    label: 'Event Properties',
    dict: true,
    required: false,
    helpText:
      'Details of the event, one per row: the property name on the left and its value on the right, e.g. `Amount` ' +
      'and `1200`. Rows with an empty value are skipped, so an unmapped field never blanks a property. A row ' +
      'overrides the same name in **Event Properties (JSON)**.',
  },
} as const;

export const evtDataField = {
  input: {
    key: 'evtData',
    label: 'Event Properties (JSON)',
    type: 'text',
    required: false,
    helpText:
      'The same as a JSON object, for exact types, e.g. `{"Deal Name": "Acme renewal", "Amount": 1200}`, sent as ' +
      'written (numbers without quotes are numbers; trailing commas and curly quotes are forgiven). Rows in ' +
      '**Event Properties** win over the same name here.',
  },
} as const;

/** What the event's property fields hold, as Zapier hands it over. */
export type EventInput = Partial<Record<'eventProperties' | 'evtData', unknown>> & TypingInput;

/** evtData from the rows and the JSON text, checked against CleverTap's rules; `isCharged` allows `Items`. */
export function parseEventData(input: EventInput, isCharged = false): Record<string, EventValue> {
  const rowsLabel = eventPropertiesField.input.label;
  const jsonLabel = evtDataField.input.label;
  const typing = parseValueTyping(input);
  const json = checkProperties<EventValue>(
    jsonLabel,
    withDeclaredTypes(jsonLabel, parseJsonObject(jsonLabel, input.evtData), typing),
    'event',
    isCharged,
  );
  const rows = checkProperties<EventValue>(
    rowsLabel,
    parseKeyValues(rowsLabel, input.eventProperties, typing),
    'event',
  );
  return checkProperties<EventValue>(`${rowsLabel} / ${jsonLabel}`, { ...json, ...rows }, 'event', isCharged);
}
