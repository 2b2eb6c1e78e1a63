/**
 * The event's fields: its name, and its properties from the key/value rows and the JSON text, merged by one rule: a
 * row wins over the same name in the JSON. Reused by every action that uploads an event.
 */
import type { EventValue } from '../clevertap/records';
import { parseJsonObject } from '../input/json';
import { checkProperties, parseEventName } from '../input/properties';
import { parseKeyValues, type ValueTyping, withDeclaredTypes } from '../input/values';
import { defineChoiceField, defineField, type InputOfFields } from './define';
import { EVENT_NAMES_DROPDOWN } from './dropdowns';
import { parseValueTyping, type TypingInput } from './values';

export const evtNameField = defineField(
  {
    key: 'evtName',
    label: 'Event Name',
    type: 'string',
    required: true,
    dynamic: EVENT_NAMES_DROPDOWN,
    helpText:
      'Pick an event your CleverTap account has (e.g. `Deal Won`), type a new one, or map a field from your CRM ' +
      'such as a deal stage. Names are matched without regard to case or spaces, may not contain ' +
      "`. : ; $ % ' \" < > ! | & \\`, and cannot be one of CleverTap's own events (such as App Launched).",
  },
  parseEventName,
);

/** If the Event Name Is New: what a step does with an event name the account does not have yet. */
export const IF_NEW_EVENT = { send: 'send', stop: 'stop' } as const;

export type IfNewEvent = keyof typeof IF_NEW_EVENT;

/**
 * The guard against typos. A `string` dropdown rather than a boolean, so the choice reads as what happens, and a
 * mapped value that is neither choice stops the step rather than turning into one of them.
 */
export const ifNewEventField = defineChoiceField(
  {
    key: 'ifNewEvent',
    label: 'If the Event Name Is New',
    helpText:
      '**Send** creates the event in CleverTap if your account does not have it yet. **Stop** fails the step when ' +
      "the name is not one of your account's events (case and spaces ignored), naming the nearest one, so a typo " +
      'or a renamed CRM value ("Deal Wonn") never becomes a new event type. Nothing is sent when it stops.',
  },
  {
    [IF_NEW_EVENT.send]: { label: 'Send it as a new event (default)', named: 'Send it as a new event' },
    [IF_NEW_EVENT.stop]: { label: 'Stop the step', named: 'Stop the step' },
  },
  IF_NEW_EVENT.send,
);

/** Rows of a property name and a value; each value typed as `typing` says (./values.ts). */
export const readRows = (label: string, value: unknown, typing: ValueTyping) =>
  parseKeyValues(label, value, typing);

/** A JSON object, sent as written but for the types declared for its properties. */
export const readJsonProperties = (label: string, value: unknown, typing: ValueTyping) =>
  withDeclaredTypes(label, parseJsonObject(label, value), typing);

export const eventPropertiesField = defineField(
  {
    key: 'eventProperties',
    label: 'Event Properties',
    dict: true,
    required: false,
    helpText:
      'Details of the event, one per row: the property name on the left and its value on the right, e.g. `Amount` ' +
      'and `1200`. Rows with an empty value are skipped, so an unmapped field never blanks a property. A row ' +
      'overrides the same name in **Event Properties (JSON)**.',
  },
  readRows,
);

export const evtDataField = defineField(
  {
    key: 'evtData',
    label: 'Event Properties (JSON)',
    type: 'text',
    required: false,
    helpText:
      'The same as a JSON object, for exact types, e.g. `{"Deal Name": "Acme renewal", "Amount": 1200}`, sent as ' +
      'written (numbers without quotes are numbers; trailing commas and curly quotes are forgiven). Rows in ' +
      '**Event Properties** win over the same name here.',
  },
  readJsonProperties,
);

/** What the event's property fields hold, as Zapier hands it over. */
export type EventInput = InputOfFields<[typeof eventPropertiesField, typeof evtDataField]> & TypingInput;

/**
 * evtData from the rows and the JSON text, checked against CleverTap's rules; `isCharged` allows `Items`. `typing` is
 * read from `input` unless given (a bulk step reads it once for every item).
 */
export function parseEventData(
  input: EventInput,
  isCharged = false,
  typing: ValueTyping = parseValueTyping(input),
): Record<string, EventValue> {
  const rowsLabel = eventPropertiesField.input.label;
  const jsonLabel = evtDataField.input.label;
  const json = checkProperties(jsonLabel, evtDataField.read(input.evtData, typing), 'event', isCharged);
  const rows = checkProperties(rowsLabel, eventPropertiesField.read(input.eventProperties, typing), 'event');
  return checkProperties(`${rowsLabel} / ${jsonLabel}`, { ...json, ...rows }, 'event', isCharged);
}
