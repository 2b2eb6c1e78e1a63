/** Property sets and event names checked against CleverTap's rules, with messages that name the field. */
import { eventNameProblem, propertiesProblems, PropertyKind } from '../clevertap/checks';
import type { EventValue, ProfileValue, Scalar } from '../clevertap/records';
import { joinWithin, MESSAGE_LIMIT } from '../wording';
import { InputError } from './errors';
import { textOf } from './text';

/**
 * The properties, unchanged, once every key and value passes CleverTap's rules; otherwise the problems, named. The
 * result's type is what the rules let through for `kind`: profile values (lists, operators), plain event values, or
 * with `isCharged` the `Items` list of a purchase too.
 */
export function checkProperties(
  field: string,
  properties: Record<string, unknown>,
  kind: 'profile',
): Record<string, ProfileValue>;
export function checkProperties(
  field: string,
  properties: Record<string, unknown>,
  kind: 'event',
  isCharged?: false,
): Record<string, Scalar>;
export function checkProperties(
  field: string,
  properties: Record<string, unknown>,
  kind: 'event',
  isCharged: boolean,
): Record<string, EventValue>;
export function checkProperties(
  field: string,
  properties: Record<string, unknown>,
  kind: Exclude<PropertyKind, 'item'>,
  isCharged = false,
): Record<string, ProfileValue | EventValue> {
  const problems = propertiesProblems(properties, kind, isCharged);
  if (problems.length) {
    const tail = 'Correct the properties and try again.';
    const room = MESSAGE_LIMIT - field.length - 2 - 'this . '.length - tail.length - ' (and 99 more)'.length;
    const { text, left } = joinWithin(problems, '; it ', room);
    const more = left ? ` (and ${left} more)` : '';
    throw new InputError(field, `this ${text}${more}. ${tail}`);
  }
  // propertiesProblems found none: every value is one CleverTap takes for `kind`, as the overloads say.
  return properties as Record<string, ProfileValue | EventValue>;
}

export function parseEventName(field: string, value: unknown): string {
  const name = textOf(field, value);
  if (!name) throw new InputError(field, 'fill in the name of the event, such as "Deal Won".');
  const problem = eventNameProblem(name);
  if (problem) throw new InputError(field, `the event name ${problem}. Choose another name for the event.`);
  return name;
}
