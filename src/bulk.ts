/**
 * The bulk actions' send: numbered records in requests of at most the batch size, one after another (CleverTap asks
 * callers to wait for each answer), then the step's output, or a Zapier error whose message says item by item what
 * was saved, what was not and what may have been. Request-level failures stop the step: the requests after are not
 * sent. Records CleverTap refuses one by one do not: the other requests are still sent, and the step fails at the end.
 */
import { defineInputField, type Bundle, type ZObject } from 'zapier-platform-core';
import { REQUEST_TIMEOUT_MS, upload } from './api';
import {
  answeredOutcome,
  allSaved,
  describeSummary,
  isReplaySafe,
  itemList,
  NumberedRecord,
  Nouns,
  refusedOutcome,
  splitIntoBatches,
  Stop,
  summarise,
  unknownOutcome,
  type BatchOutcome,
  type FailedOutcome,
} from './clevertap/batches';

/** Zapier stops a step after 30 seconds. */
export const ZAPIER_STEP_LIMIT_MS = 30_000;

/**
 * A request is started only while it can still end (with CleverTap's answer or our own timeout) inside Zapier's limit,
 * with two seconds to spare: a step cut off by Zapier could not say which items were saved.
 */
export const SEND_WINDOW_MS = ZAPIER_STEP_LIMIT_MS - REQUEST_TIMEOUT_MS - 2_000;

/**
 * The batch size, for the user: empty is CleverTap's limit (1000). A field rather than a setting of the app's developer
 * so that an account on CleverTap's older limit (100), or with very large records, can lower it without a new version.
 */
export const recordsPerRequestField = defineInputField({
  key: 'recordsPerRequest',
  label: 'Records Per Request',
  type: 'integer',
  required: false,
  helpText:
    'How many items go in each request to CleverTap, from 1 to 1000. Leave empty for 1000, the most CleverTap ' +
    'accepts; lower it only if CleverTap refuses requests as too large.',
});

/** The output of a bulk step: only ever returned when every item was saved. */
export interface BulkOutput {
  status: 'success';
  /** Items sent (items left empty in the list are not counted). */
  items: number;
  processed: number;
  failed: 0;
  requests: number;
  /** Empty items left out of the list. */
  skipped: number;
}

export const BULK_OUTPUT_FIELDS = [
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'items', label: 'Items Sent', type: 'integer' },
  { key: 'processed', label: 'Records Processed', type: 'integer' },
  { key: 'failed', label: 'Records Failed', type: 'integer' },
  { key: 'requests', label: 'Requests Made', type: 'integer' },
  { key: 'skipped', label: 'Empty Items Skipped', type: 'integer' },
] as const;

export interface BulkOptions {
  /** The label of the line-item field, for the message about an empty list. */
  field: string;
  nouns: Nouns;
  batchSize: number;
  /** Empty items that were left out. */
  skipped: readonly number[];
  /** When the step started (ms since the epoch), for Zapier's time limit. */
  startedAt: number;
}

/** How a thrown request error is told apart and rebuilt. */
interface Caught {
  outcome: 'refused' | 'unknown';
  kind: 'throttled' | 'credentials' | 'app';
  reason: string;
  code?: string;
  status?: number;
  delay?: number;
}

function jsonMessage(error: Error): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(error.message);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Codes of api.ts's errors for a request that got no usable answer: its records may or may not be saved. */
const NO_ANSWER_CODES = new Set(['network_error', 'unexpected_answer']);

/** Reads an error thrown by `upload()`: the middleware's Zapier errors, api.ts's network errors, or anything else. */
function readCaught(error: unknown): Caught {
  const err = error instanceof Error ? error : new Error(String(error));
  if (err.name === 'ThrottledError') {
    const { message, delay } = jsonMessage(err);
    return {
      outcome: 'refused',
      kind: 'throttled',
      reason: typeof message === 'string' ? message : err.message,
      delay: typeof delay === 'number' ? delay : undefined,
    };
  }
  if (err.name === 'ExpiredAuthError')
    return { outcome: 'refused', kind: 'credentials', reason: err.message };
  if (err.name === 'AppError') {
    const { message, code, status } = jsonMessage(err);
    const known = typeof code === 'string' ? code : undefined;
    return {
      outcome: known && NO_ANSWER_CODES.has(known) ? 'unknown' : 'refused',
      kind: 'app',
      reason: typeof message === 'string' ? message : err.message,
      code: known,
      status: typeof status === 'number' ? status : undefined,
    };
  }
  // Not one of ours: the request's fate is unknown, so the items must not be reported as unsaved.
  return {
    outcome: 'unknown',
    kind: 'app',
    reason: `an unexpected error: ${err.message.slice(0, 200)}`,
    code: 'unexpected_error',
  };
}

/**
 * Sends the records and returns the step's output when every one was saved; otherwise throws. `ThrottledError` (HTTP
 * 429) makes Zapier run the whole step again later, so it is kept only while that is harmless (nothing saved yet, or
 * every record safe to send twice); otherwise it becomes an `AppError` that tells the user what to send again.
 * `ExpiredAuthError` is always kept, so Zapier asks for the connection to be fixed.
 */
export async function sendBulk(
  z: ZObject,
  bundle: Bundle,
  entries: readonly NumberedRecord[],
  options: BulkOptions,
): Promise<BulkOutput> {
  const { field, nouns, batchSize, skipped, startedAt } = options;
  if (entries.length === 0)
    throw new z.errors.HaltedError(
      `${field}: the list has no items with data${skipped.length ? ` (${itemList(skipped)} ${skipped.length === 1 ? 'is' : 'are'} empty)` : ''}, so nothing was sent.`,
    );
  const replaySafe = entries.every((entry) => isReplaySafe(entry.record));
  const batches = splitIntoBatches(entries, batchSize);
  const outcomes: BatchOutcome[] = [];
  let stop: Stop | undefined;
  let caught: Caught | undefined;
  for (const batch of batches) {
    if (batch.request > 1 && Date.now() - startedAt > SEND_WINDOW_MS) {
      stop = { kind: 'out_of_time', request: batch.request };
      break;
    }
    try {
      const result = await upload(
        z,
        bundle,
        batch.entries.map((entry) => entry.record),
        replaySafe,
      );
      outcomes.push(answeredOutcome(batch, result));
    } catch (error) {
      caught = readCaught(error);
      const outcome: FailedOutcome =
        caught.outcome === 'refused'
          ? refusedOutcome(batch, caught.reason)
          : unknownOutcome(batch, caught.reason);
      outcomes.push(outcome);
      stop = { kind: 'failed', outcome };
      break;
    }
  }

  const summary = summarise(batches, outcomes, stop);
  if (allSaved(summary))
    return {
      status: 'success',
      items: summary.items,
      processed: summary.processed,
      failed: 0,
      requests: summary.requests,
      skipped: skipped.length,
    };

  const message = describeSummary(summary, nouns, replaySafe);
  const anythingSaved = summary.saved.length > 0 || summary.uncertain.length > 0;
  if (caught?.kind === 'credentials') throw new z.errors.ExpiredAuthError(message);
  if (caught?.kind === 'throttled') {
    if (!anythingSaved || replaySafe) throw new z.errors.ThrottledError(message, caught.delay);
    throw new z.errors.Error(message, 'throttled_partly_saved', 429);
  }
  if (caught)
    throw new z.errors.Error(
      message,
      summary.saved.length ? 'partly_saved' : (caught.code ?? 'not_saved'),
      caught.status ?? 502,
    );
  if (stop?.kind === 'out_of_time') throw new z.errors.Error(message, 'out_of_time', 504);
  throw new z.errors.Error(message, summary.processed > 0 ? 'partly_saved' : 'not_saved', 422);
}
