/**
 * The bulk actions' send: numbered records in requests of at most the batch size, one after another (CleverTap asks
 * callers to wait for each answer), then the step's output, or a Zapier error whose message says item by item what
 * was saved, what was not and what may have been. Request-level failures stop the step: the requests after are not
 * sent. Records CleverTap refuses one by one do not: the other requests are still sent, and the step fails at the end.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { baseUrlFor } from './base-url';
import { upload } from './send';
import { SEND_WINDOW_MS } from './limits';
import { expiredAuthError, sendFailureOf, type SendFailure, userMessageOf } from './errors';
import { BULK_REASON_WORDS, bulkMessage, emptyListMessage, type Nouns } from './words';
import {
  answeredOutcome,
  allSaved,
  itemOutcomes,
  NumberedRecord,
  recordReplay,
  refusedOutcome,
  splitIntoBatches,
  Stop,
  summarise,
  unknownOutcome,
  type BatchOutcome,
  type BulkSummary,
  type FailedOutcome,
  type ItemOutcome,
} from '../clevertap/batches';
import type { UploadRecord } from '../clevertap/records';
import { riskiest, type Replay } from '../clevertap/replay';

/** The output of a bulk step: every item's outcome, totals, and the item numbers by outcome. */
export interface BulkOutput {
  /** success: every item saved; partial: some refused; refused: none saved (only with "finish the step"). */
  status: 'success' | 'partial' | 'refused';
  /** Items with data (empty items are not counted). */
  items: number;
  saved: number;
  refused: number;
  processed: number;
  requests: number;
  /** Empty items left out of the list. */
  skipped: number;
  savedItems: string;
  refusedItems: string;
  skippedItems: string;
  results: ItemOutcome[];
}

/** A bulk step's input as its fields read it (fields/bulk.ts): the numbered records and how to send them. */
export interface BulkInput<R extends UploadRecord = UploadRecord> {
  entries: readonly NumberedRecord<R>[];
  /** Empty items that were left out. */
  skipped: readonly number[];
  batchSize: number;
  /** Stop the step when items are refused (the default), or finish it and report them in the output. */
  onRefused: 'stop' | 'continue';
}

/** What the action says about itself, and when the step started. */
export interface BulkOptions {
  /** The label of the line-item field, for the message about an empty list. */
  field: string;
  nouns: Nouns;
  /** The action's replay (raised by a record that changes a counter). */
  replay: Replay;
  /** When the step started (ms since the epoch), for Zapier's time limit. */
  startedAt: number;
}

/** Item numbers as a comma-separated text a later step can read: `1, 2, 5`. */
const numbersText = (items: readonly number[]) => [...items].sort((a, b) => a - b).join(', ');

function output(summary: BulkSummary, skipped: readonly number[]): BulkOutput {
  const results = itemOutcomes(summary, skipped);
  const of = (outcome: ItemOutcome['outcome']) =>
    results.filter((r) => r.outcome === outcome).map((r) => r.item);
  const refused = of('refused');
  return {
    status: refused.length === 0 ? 'success' : summary.saved.length ? 'partial' : 'refused',
    items: summary.items,
    saved: summary.saved.length,
    refused: refused.length,
    processed: summary.processed,
    requests: summary.requests,
    skipped: skipped.length,
    savedItems: numbersText(summary.saved),
    refusedItems: numbersText(refused),
    skippedItems: numbersText(skipped),
    results,
  };
}

/** What a thrown request error says about its records: the facts it carries, or (not one of ours) unknown. */
function readCaught(error: unknown): SendFailure {
  const failure = sendFailureOf(error);
  if (!failure)
    return {
      outcome: 'unknown',
      kind: 'app',
      code: 'unexpected_error',
      reason: BULK_REASON_WORDS.unexpected(userMessageOf(error)),
    };
  if (failure.kind === 'throttled')
    // The middleware's own text says Zapier will retry, which is not so once the step stops with an AppError.
    return {
      ...failure,
      reason: BULK_REASON_WORDS.throttled,
    };
  if (failure.kind === 'credentials')
    // Its first sentence says which region refused what; the rest (where to look) would not fit beside the report.
    return {
      ...failure,
      reason: BULK_REASON_WORDS.credentials(failure.reason),
    };
  return failure;
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
  input: BulkInput,
  options: BulkOptions,
): Promise<BulkOutput> {
  const { entries, skipped, batchSize } = input;
  const { field, nouns, startedAt } = options;
  if (entries.length === 0) throw new z.errors.HaltedError(emptyListMessage(field, skipped));
  // Where to send, before anything is: a connection with no usable region stops the step as in the single actions.
  baseUrlFor(z, bundle);
  const replay = riskiest(options.replay, ...entries.map((entry) => recordReplay(entry.record)));
  const batches = splitIntoBatches(entries, batchSize);
  const outcomes: BatchOutcome[] = [];
  let stop: Stop | undefined;
  let caught: SendFailure | undefined;
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
        replay,
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
  if (allSaved(summary)) return output(summary, skipped);
  if (input.onRefused === 'continue' && onlyPlacedRefusals(summary)) return output(summary, skipped);

  const message = bulkMessage(summary, nouns, replay, caught?.kind === 'credentials');
  // The items the message could not list, for the step's log (saved ones are counted, not listed).
  const notSaved = itemOutcomes(summary, skipped).filter(
    (o) => o.outcome !== 'saved' && o.outcome !== 'skipped',
  );
  z.console.log(`Bulk step: ${summary.saved.length} saved; not saved: ${JSON.stringify(notSaved)}`);
  const anythingSaved = summary.saved.length > 0 || summary.uncertain.length > 0;
  if (caught?.kind === 'credentials') throw expiredAuthError(z, message);
  if (caught?.kind === 'throttled') {
    if (!anythingSaved || replay === 'safe') throw new z.errors.ThrottledError(message, caught.delay);
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

/** Every request was answered and CleverTap named each record it refused: the outcome of every item is known. */
function onlyPlacedRefusals(summary: BulkSummary): boolean {
  return (
    !summary.stop && summary.uncertain.length === 0 && summary.failures.every((f) => f.item !== undefined)
  );
}
