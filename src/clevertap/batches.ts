/**
 * Many records in one step: split them into requests of at most CleverTap's records per call, map what CleverTap
 * says about each request back to the step's own item numbers, and say in plain words which items were saved, which
 * were not and which may have been. Pure: the caller sends the requests and records what happened to each.
 *
 * Item numbers are the 1-based positions in the step's list as the user sees it; CleverTap's "record number" counts
 * within one request. Items that were skipped (empty) keep the numbers of the items around them.
 */
import type { UploadResult } from './answers';
import { PROFILE_OPERATIONS } from './operations';
import type { UploadRecord } from './records';
import { riskiest, type Replay } from './replay';
import { LIMITS } from './rules';

/** A record with its number in the step's list. */
export interface NumberedRecord<R = UploadRecord> {
  item: number;
  record: R;
}

/** One request's worth of records: `request` is its 1-based position among the step's requests. */
export interface Batch<R = UploadRecord> {
  request: number;
  entries: NumberedRecord<R>[];
}

/** The records, in order, in requests of at most `size` (1 to CleverTap's limit). */
export function splitIntoBatches<R>(
  entries: readonly NumberedRecord<R>[],
  size: number = LIMITS.recordsPerCall,
): Batch<R>[] {
  if (!Number.isInteger(size) || size < 1 || size > LIMITS.recordsPerCall)
    throw new RangeError(`batch size ${size} is not a whole number from 1 to ${LIMITS.recordsPerCall}`);
  const batches: Batch<R>[] = [];
  for (let start = 0; start < entries.length; start += size)
    batches.push({ request: batches.length + 1, entries: entries.slice(start, start + size) });
  return batches;
}

/**
 * What sending the record again does: an event is stored twice; a profile is only updated again, unless it changes a
 * counter (the operation's replay).
 */
export function recordReplay(record: UploadRecord): Replay {
  if (record.type === 'event') return 'stores_twice';
  const replays = Object.values(record.profileData).flatMap((value) =>
    typeof value === 'object' && !Array.isArray(value)
      ? Object.values(PROFILE_OPERATIONS)
          .filter((operation) => Object.hasOwn(value, operation.operator))
          .map((operation) => operation.replay)
      : [],
  );
  return riskiest('safe', ...replays);
}

/** One record CleverTap did not save. `item` is undefined when CleverTap did not say which record it was. */
export interface ItemFailure {
  item?: number;
  code: number;
  reason: string;
}

/** What became of one request; `items` are the item numbers it carried. */
export type BatchOutcome =
  /** CleverTap answered with an upload result. `unaccounted`: records neither processed nor reported as failed. */
  | {
      kind: 'answered';
      request: number;
      items: number[];
      processed: number;
      failures: ItemFailure[];
      unaccounted: number;
    }
  /** CleverTap answered the request with an error: none of its records were saved. */
  | { kind: 'refused'; request: number; items: number[]; reason: string }
  /** No usable answer (connection lost, timeout, not an upload answer): its records may or may not be saved. */
  | { kind: 'unknown'; request: number; items: number[]; reason: string };

export type FailedOutcome = Extract<BatchOutcome, { kind: 'refused' | 'unknown' }>;

const itemsOf = (batch: Batch<unknown>) => batch.entries.map((entry) => entry.item);

/** A 200 answer to the batch, with CleverTap's record numbers (within the request) turned into item numbers. */
export function answeredOutcome(batch: Batch<unknown>, result: UploadResult): BatchOutcome {
  const common = { kind: 'answered', request: batch.request, items: itemsOf(batch) } as const;
  if (result.ok) return { ...common, processed: result.processed, failures: [], unaccounted: 0 };
  const seen = new Set<number>();
  const failures = result.failures.map(({ code, reason, recordNumber }): ItemFailure => {
    const item = recordNumber ? batch.entries[recordNumber - 1]?.item : undefined;
    // A record number outside the request, or one named twice, does not say which item it was.
    if (item === undefined || seen.has(item)) return { code, reason };
    seen.add(item);
    return { item, code, reason };
  });
  return { ...common, processed: result.processed, failures, unaccounted: result.unaccounted };
}

/** The request was answered with an error (HTTP 4xx/5xx): nothing in it was saved. */
export function refusedOutcome(batch: Batch<unknown>, reason: string): FailedOutcome {
  return { kind: 'refused', request: batch.request, items: itemsOf(batch), reason };
}

/** The request got no usable answer: what it carried may or may not be saved. */
export function unknownOutcome(batch: Batch<unknown>, reason: string): FailedOutcome {
  return { kind: 'unknown', request: batch.request, items: itemsOf(batch), reason };
}

/** Why the step stopped before making every request, when it did. */
export type Stop =
  | { kind: 'failed'; outcome: FailedOutcome }
  /** The request was not started, so that the step ends within Zapier's time limit. */
  | { kind: 'out_of_time'; request: number };

/** What the step's requests did, item by item. Item lists are in the order of the step's list. */
export interface BulkSummary {
  /** Items with data in the step's list (skipped empty items are not counted). */
  items: number;
  requestsPlanned: number;
  /** Requests made, answered or not. */
  requests: number;
  processed: number;
  /** Records CleverTap answered as not saved, with or without an item number. */
  failed: number;
  /** Those failures, in order; `item` is missing when CleverTap did not say which record it was. */
  failures: ItemFailure[];
  saved: number[];
  /** Items in a request CleverTap refused. */
  refused: number[];
  /** Items that may or may not be saved: a request without an answer, or failures CleverTap did not place. */
  uncertain: number[];
  notSent: number[];
  stop?: Stop;
}

/** Totals and item lists from the outcomes of the requests made, in order; `batches` are all the planned requests. */
export function summarise(
  batches: readonly Batch<unknown>[],
  outcomes: readonly BatchOutcome[],
  stop?: Stop,
): BulkSummary {
  const summary: BulkSummary = {
    items: batches.reduce((sum, batch) => sum + batch.entries.length, 0),
    requestsPlanned: batches.length,
    requests: outcomes.length,
    processed: 0,
    failed: 0,
    failures: [],
    saved: [],
    refused: [],
    uncertain: [],
    notSent: batches.slice(outcomes.length).flatMap(itemsOf),
    stop,
  };
  for (const outcome of outcomes) {
    if (outcome.kind === 'refused') summary.refused.push(...outcome.items);
    else if (outcome.kind === 'unknown') summary.uncertain.push(...outcome.items);
    else {
      summary.processed += outcome.processed;
      summary.failed += outcome.failures.length + outcome.unaccounted;
      summary.failures.push(...outcome.failures);
      const failedItems = new Set(outcome.failures.map((f) => f.item));
      const rest = outcome.items.filter((item) => !failedItems.has(item));
      // When CleverTap did not say which records failed, none of the others can be called saved for sure.
      const placed = outcome.failures.every((f) => f.item !== undefined) && outcome.unaccounted === 0;
      (placed ? summary.saved : summary.uncertain).push(...rest);
    }
  }
  return summary;
}

/** The step is a success only when every item was sent and saved. */
export function allSaved(summary: BulkSummary): boolean {
  return !summary.stop && summary.failed === 0 && summary.saved.length === summary.items;
}

/** What became of one item of the step's list. */
export type ItemOutcome =
  | { item: number; outcome: 'saved' }
  | { item: number; outcome: 'refused'; code?: number; reason: string }
  | { item: number; outcome: 'uncertain' | 'not_sent' | 'skipped' };

/**
 * Every item's outcome, in the order of the step's list: saved, refused (with CleverTap's code and reason when it
 * named the record), may or may not be saved, not sent, or skipped because it was empty.
 */
export function itemOutcomes(summary: BulkSummary, skipped: readonly number[]): ItemOutcome[] {
  const outcomes: ItemOutcome[] = [
    ...summary.saved.map((item) => ({ item, outcome: 'saved' as const })),
    ...summary.failures.flatMap((f) =>
      f.item === undefined
        ? []
        : [{ item: f.item, outcome: 'refused' as const, code: f.code, reason: f.reason }],
    ),
    ...summary.refused.map((item) => ({
      item,
      outcome: 'refused' as const,
      reason: summary.stop?.kind === 'failed' ? summary.stop.outcome.reason : 'the request was refused',
    })),
    ...summary.uncertain.map((item) => ({ item, outcome: 'uncertain' as const })),
    ...summary.notSent.map((item) => ({ item, outcome: 'not_sent' as const })),
    ...skipped.map((item) => ({ item, outcome: 'skipped' as const })),
  ];
  return outcomes.sort((a, b) => a.item - b.item);
}
