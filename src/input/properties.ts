/** Property sets and event names checked against CleverTap's rules, with messages that name the field. */
import { eventNameProblem, propertiesProblems, PropertyKind } from '../clevertap/checks';
import type { EventValue, ProfileValue } from '../clevertap/records';
import { InputError } from './errors';
import { textOf } from './text';

const SHOWN = 3;

/** The properties, unchanged, once every key and value passes CleverTap's rules; otherwise the problems, named. */
export function checkProperties<T extends ProfileValue | EventValue>(
  field: string,
  properties: Record<string, unknown>,
  kind: Exclude<PropertyKind, 'item'>,
  isCharged = false,
): Record<string, T> {
  const problems = propertiesProblems(properties, kind, isCharged);
  if (problems.length) {
    const more = problems.length > SHOWN ? ` (and ${problems.length - SHOWN} more problems)` : '';
    throw new InputError(
      field,
      `this ${problems.slice(0, SHOWN).join('; it ')}${more}. Correct the properties and try again.`,
    );
  }
  return properties as Record<string, T>;
}

export function parseEventName(field: string, value: unknown): string {
  const name = textOf(field, value);
  if (!name) throw new InputError(field, 'fill in the name of the event, such as "Deal Won".');
  const problem = eventNameProblem(name);
  if (problem) throw new InputError(field, `the event name ${problem}. Choose another name for the event.`);
  return name;
}
