/**
 * An event's properties from the key/value rows and the JSON text, merged by one rule: a row wins over the same name
 * in the JSON. Reused by every action that uploads an event.
 */
import type { EventValue } from '../clevertap/records';
import { parseJsonObject } from './json';
import { checkProperties } from './properties';
import { CONVERT_VALUE_TYPES_LABEL, KEEP_AS_TEXT_LABEL, parseKeyValues, parseValueTyping } from './values';

export const EVENT_LABELS = {
  eventProperties: 'Event Properties',
  convertValueTypes: CONVERT_VALUE_TYPES_LABEL,
  keepAsText: KEEP_AS_TEXT_LABEL,
  evtData: 'Event Properties (JSON)',
} as const;

/** What the event's property fields hold, as Zapier hands it over. */
export type EventInput = Partial<Record<keyof typeof EVENT_LABELS, unknown>>;

/** evtData from the rows and the JSON text, checked against CleverTap's rules; `isCharged` allows `Items`. */
export function parseEventData(input: EventInput, isCharged = false): Record<string, EventValue> {
  const labels = EVENT_LABELS;
  const json = checkProperties<EventValue>(
    labels.evtData,
    parseJsonObject(labels.evtData, input.evtData),
    'event',
    isCharged,
  );
  const rows = checkProperties<EventValue>(
    labels.eventProperties,
    parseKeyValues(labels.eventProperties, input.eventProperties, parseValueTyping(input)),
    'event',
  );
  return checkProperties<EventValue>(
    `${labels.eventProperties} / ${labels.evtData}`,
    { ...json, ...rows },
    'event',
    isCharged,
  );
}
