/** What the upload steps output, for later steps to map: the record as sent, with CleverTap's verdict. */

/** Every single-record upload step. */
export const recordOutputFields = [
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'processed', label: 'Records Processed', type: 'integer' },
  { key: 'type', label: 'Record Type', type: 'string' },
  { key: 'identity', label: 'Identity', type: 'string' },
  { key: 'objectId', label: 'Object ID', type: 'string' },
  { key: 'ts', label: 'Creation Date', type: 'datetime' },
] as const;

/** The steps that upload an event. */
export const eventOutputFields = [
  ...recordOutputFields,
  { key: 'evtName', label: 'Event Name', type: 'string' },
] as const;
