/**
 * What every bulk action (Upload Events in Bulk, Upload User Profiles in Bulk) does with its list of line items, run
 * once per action from its spec: one item read into one record; every invalid item reported together by item number
 * and field, with nothing sent; a single item outside a list; a list that is not line items. How the records are sent
 * (requests, refusals, failures, HTTP 429, the time limit, the output) and the shared fields (Records Per Request, If
 * CleverTap Refuses Items) are the bulk send's, tested once in test/zapier/bulk.test.ts.
 */
import { failureOf, messageOf, recordUploads } from '../../helpers';
import { Input, Perform, runner } from './common';

export interface BulkSpec {
  /** The action's label, as the Zap editor shows it. */
  label: string;
  perform: Perform;
  /** The line-item field: its key and its label. */
  list: { key: string; label: string };
  /** One line item as a line-item trigger hands it over, and the record it becomes. */
  item: Input;
  record: Record<string, unknown>;
  /** A line item with a problem, and the start of what the message says about it, after "Item n, ". */
  invalidItem: Input;
  problem: string;
}

export function describeBulkAction(spec: BulkSpec): void {
  const run = runner(spec.perform);
  const { key, label } = spec.list;

  describe(`${spec.label}: what every bulk action does with its line items`, () => {
    it('sends one line item as one record', async () => {
      const sent = recordUploads();
      await run({ [key]: [spec.item] });
      expect(sent).toEqual([{ d: [spec.record] }]);
    });

    it('reports every invalid item together, by item number and field, and sends nothing', async () => {
      const sent = recordUploads();
      const list = [spec.item, spec.invalidItem, spec.item, spec.invalidItem];
      const error = await failureOf(run({ [key]: list }));
      const message = messageOf(error);
      expect(error.name).toBe('AppError');
      expect(
        message.startsWith(`${label}: 2 of 4 items have problems (items 2, 4), so nothing was sent. `),
      ).toBe(true);
      expect(message).toContain(`Item 2, ${spec.problem}`);
      expect(sent).toEqual([]);
    });

    it('takes a single item that is not in a list as a list of one', async () => {
      const sent = recordUploads();
      await run({ [key]: spec.item });
      expect(sent).toEqual([{ d: [spec.record] }]);
    });

    it.each([
      ['a list item that is not a line item', 'item 2 is not a line item', (item: Input) => [item, 42]],
      ['text instead of line items', 'this must be a list of line items', () => 'Deal Won'],
    ])('refuses %s before sending anything', async (_what, expected, list) => {
      const sent = recordUploads();
      const message = messageOf(await failureOf(run({ [key]: list(spec.item) })));
      expect(message.startsWith(`${label}: `)).toBe(true);
      expect(message).toContain(expected);
      expect(sent).toEqual([]);
    });
  });
}
