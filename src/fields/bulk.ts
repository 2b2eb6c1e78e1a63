/**
 * The fields both bulk actions share (how many records go in a request, what to do when items are refused), and the
 * reading of a bulk step's input: the shared fields, then every line item.
 */
import { LIMITS } from '../clevertap/rules';
import { InputError } from '../input/errors';
import { parseLineItems, readLineItems } from '../input/items';
import { textOf } from '../input/text';
import { quoted } from '../wording';
import { defineChoiceField, defineField } from './define';

/** What the step does when CleverTap refuses some items one by one. */
export const ON_REFUSED = { stop: 'stop', continue: 'continue' } as const;

export type OnRefused = keyof typeof ON_REFUSED;

/**
 * The batch size, for the user: empty is CleverTap's limit (1000). A field rather than a setting of the app's developer
 * so that an account on CleverTap's older limit (100), or with very large records, can lower it without a new version.
 * Text, not `integer`: Zapier would turn `1,000` into 1 and `abc` into 0 before the app saw them.
 */
export const recordsPerRequestField = defineField(
  {
    key: 'recordsPerRequest',
    label: 'Records Per Request',
    type: 'string',
    required: false,
    helpText:
      'How many items go in each request to CleverTap: a whole number from 1 to 1000, e.g. `100`. Leave empty for ' +
      '1000, the most CleverTap accepts; lower it only if CleverTap refuses requests as too large.',
  },
  (label, value): number => {
    const text = textOf(label, value);
    if (!text) return LIMITS.recordsPerCall;
    const size = Number(text);
    if (!/^\d+$/.test(text) || size < 1 || size > LIMITS.recordsPerCall)
      throw new InputError(
        label,
        `${quoted(text)} is not a whole number from 1 to ${LIMITS.recordsPerCall} (CleverTap's limit per ` +
          'request). Leave it empty to send up to 1000 records in each request.',
      );
    return size;
  },
);

/** If CleverTap Refuses Items: stop the step (the default, also when empty) or finish it with them in the output. */
export const onRefusedField = defineChoiceField(
  {
    key: 'onRefused',
    label: 'If CleverTap Refuses Items',
    helpText:
      '**Stop** fails the step when any item is refused (a bad email, say), so you are told. **Finish** ends the step ' +
      "with each item's outcome in the output, for a later step to route the refused ones (a filter, a sheet row). " +
      'A failed request stops the step either way.',
  },
  {
    [ON_REFUSED.stop]: { label: 'Stop the step with an error (default)', named: 'Stop the step' },
    [ON_REFUSED.continue]: { label: 'Finish the step and list them in its output', named: 'Finish the step' },
  },
  ON_REFUSED.stop,
);

/**
 * A bulk step's input: the shared fields once (`itemReader` reads the action's own, e.g. a country for every phone,
 * and returns the reader of one item), then every line item of the list field. Any item's problem stops the step
 * before anything is sent, and all of them are reported (`InputErrors`).
 */
export function readBulkInput<R>(
  inputData: Record<string, unknown>,
  list: { key: string; label: string },
  itemReader: (inputData: Record<string, unknown>) => (values: Record<string, unknown>) => R,
) {
  const onRefused = onRefusedField.read(inputData.onRefused);
  const batchSize = recordsPerRequestField.read(inputData.recordsPerRequest);
  const readItem = itemReader(inputData);
  const { items, skipped } = readLineItems(list.label, inputData[list.key]);
  return { onRefused, batchSize, skipped, entries: parseLineItems(list.label, items, readItem) };
}
