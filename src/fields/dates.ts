/** When a record happened: the Creation Date of every action, read by the app itself from the text given. */
import { parseEpochSeconds } from '../input/dates';
import { defineField } from './define';

/** The formats a date field reads; Zapier's own date parsing is not used (a `string` field), so these are the rules. */
export const DATE_FORMATS =
  'A date and time with its offset (`2024-05-01T14:30:00Z`, `2024-05-01T16:30:00+02:00`; without an offset it is UTC), ' +
  "a date (`2024-05-01`), or Unix seconds or milliseconds (HubSpot's dates). Anything else stops the step.";

/**
 * When the record happened, `lead` saying what "when" means for the action; read as epoch seconds. A text field, not
 * `datetime`: Zapier turns a datetime it cannot read into the current time and reads a time without an offset in the
 * Zap's time zone, both silently; the app reads the text itself and refuses what it cannot read.
 */
export const creationDateField = (lead: string) =>
  defineField(
    {
      key: 'ts',
      label: 'Creation Date',
      type: 'string',
      required: false,
      helpText: `${lead} ${DATE_FORMATS} Leave empty for now.`,
    },
    (label, value) => parseEpochSeconds(label, value),
  );
