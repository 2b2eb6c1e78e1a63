/** What the upload steps output, for later steps to map: the record as sent, with CleverTap's verdict. */

/** The step's verdict. */
export const statusOutputField = { key: 'status', label: 'Status', type: 'string' } as const;

/** Who the step was about. */
export const userKeyOutputFields = [
  { key: 'identity', label: 'Identity', type: 'string' },
  { key: 'objectId', label: 'Object ID', type: 'string' },
] as const;

/** What an acting step adds about what CleverTap will do. */
export const noteOutputField = { key: 'note', label: 'Note', type: 'string' } as const;

/** Every single-record upload step. */
export const recordOutputFields = [
  statusOutputField,
  { key: 'processed', label: 'Records Processed', type: 'integer' },
  { key: 'type', label: 'Record Type', type: 'string' },
  ...userKeyOutputFields,
  { key: 'ts', label: 'Creation Date', type: 'datetime' },
] as const;

/** The steps that upload an event. */
export const eventOutputFields = [
  ...recordOutputFields,
  { key: 'evtName', label: 'Event Name', type: 'string' },
] as const;

/** The bulk steps: every item's outcome, totals, and the item numbers by outcome (zapier/bulk.ts BulkOutput). */
export const bulkOutputFields = [
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'items', label: 'Items Sent', type: 'integer' },
  { key: 'saved', label: 'Items Saved', type: 'integer' },
  { key: 'refused', label: 'Items Refused', type: 'integer' },
  { key: 'processed', label: 'Records Processed', type: 'integer' },
  { key: 'requests', label: 'Requests Made', type: 'integer' },
  { key: 'skipped', label: 'Empty Items Skipped', type: 'integer' },
  { key: 'savedItems', label: 'Saved Item Numbers', type: 'string' },
  { key: 'refusedItems', label: 'Refused Item Numbers', type: 'string' },
  { key: 'skippedItems', label: 'Skipped Item Numbers', type: 'string' },
  { key: 'results[]item', label: 'Result Item Number', type: 'integer' },
  { key: 'results[]outcome', label: 'Result Outcome', type: 'string' },
  { key: 'results[]code', label: 'Result CleverTap Code', type: 'integer' },
  { key: 'results[]reason', label: 'Result Reason', type: 'string' },
] as const;
