/**
 * The bulk actions' send: numbered records in requests of at most the batch size, one after another (CleverTap asks
 * callers to wait for each answer), then the step's output, or a Zapier error whose message says item by item what
 * was saved, what was not and what may have been. Request-level failures stop the step: the requests after are not
 * sent. Records CleverTap refuses one by one do not: the other requests are still sent, and the step fails at the end.
 */
import { defineInputField, type Bundle, type ZObject } from 'zapier-platform-core';
import { REQUEST_TIMEOUT_MS, upload } from './api';
import { expiredAuthError } from './middleware';
import { RETRYABLE_CODE } from './clevertap/answers';
import {
  answeredOutcome,
  allSaved,
  isReplaySafe,
  itemList,
  itemOutcomes,
  NumberedRecord,
  refusedOutcome,
  splitIntoBatches,
  Stop,
  summarise,
  unknownOutcome,
  type BatchOutcome,
  type BulkSummary,
  type FailedOutcome,
  type ItemOutcome,
} from './clevertap/batches';
import { InputError, MESSAGE_LIMIT } from './input/errors';
import { textOf } from './input/text';
import { joinWithin, quoted } from './quote';

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
 * Text, not `integer`: Zapier would turn `1,000` into 1 and `abc` into 0 before the app saw them.
 */
export const recordsPerRequestField = defineInputField({
  key: 'recordsPerRequest',
  label: 'Records Per Request',
  type: 'string',
  required: false,
  helpText:
    'How many items go in each request to CleverTap: a whole number from 1 to 1000, e.g. `100`. Leave empty for ' +
    '1000, the most CleverTap accepts; lower it only if CleverTap refuses requests as too large.',
});

/** What the step does when CleverTap refuses some items one by one. */
export const ON_REFUSED = { stop: 'stop', continue: 'continue' } as const;

export const onRefusedField = defineInputField({
  key: 'onRefused',
  label: 'If CleverTap Refuses Items',
  type: 'string',
  required: false,
  default: ON_REFUSED.stop,
  choices: [
    { value: ON_REFUSED.stop, sample: ON_REFUSED.stop, label: 'Stop the step with an error (default)' },
    {
      value: ON_REFUSED.continue,
      sample: ON_REFUSED.continue,
      label: 'Finish the step and list them in its output',
    },
  ],
  helpText:
    '**Stop** fails the step when any item is refused (a bad email, say), so you are told. **Finish** ends the step ' +
    "with each item's outcome in the output, for a later step to route the refused ones (a filter, a sheet row). " +
    'A failed request stops the step either way.',
});

/** The If CleverTap Refuses Items choice; empty is the default, stop. */
export function parseOnRefused(value: unknown): keyof typeof ON_REFUSED {
  const given = textOf(onRefusedField.label, value).toLowerCase();
  if (!given || given === ON_REFUSED.stop) return ON_REFUSED.stop;
  if (given === ON_REFUSED.continue) return ON_REFUSED.continue;
  throw new InputError(
    onRefusedField.label,
    `${quoted(given)} is not one of the choices: pick Stop the step (stop) or Finish the step (continue).`,
  );
}

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

export const BULK_OUTPUT_FIELDS = [
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

export interface BulkOptions {
  /** The label of the line-item field, for the message about an empty list. */
  field: string;
  nouns: Nouns;
  batchSize: number;
  /** Empty items that were left out. */
  skipped: readonly number[];
  /** When the step started (ms since the epoch), for Zapier's time limit. */
  startedAt: number;
  /** Stop the step when items are refused (the default), or finish it and report them in the output. */
  onRefused?: keyof typeof ON_REFUSED;
}

/** What the records are, for messages: `event`/`events`, `profile`/`profiles`. */
export interface Nouns {
  one: string;
  many: string;
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
    const { delay } = jsonMessage(err);
    return {
      outcome: 'refused',
      kind: 'throttled',
      // The middleware's own text says Zapier will retry, which is not so once the step stops with an AppError.
      reason: 'CleverTap was busy with too many requests from this account at once (HTTP 429).',
      delay: typeof delay === 'number' ? delay : undefined,
    };
  }
  if (err.name === 'ExpiredAuthError')
    // Its first sentence says which region refused what; the rest (where to look) would not fit beside the report.
    return {
      outcome: 'refused',
      kind: 'credentials',
      reason: `${err.message.split('. ')[0]?.replace(/\.$/, '')}. Reconnect your CleverTap account.`,
    };
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
    reason: `an unexpected error: ${quoted(err.message, 80)}`,
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
  if (allSaved(summary)) return output(summary, skipped);
  if (options.onRefused === ON_REFUSED.continue && onlyPlacedRefusals(summary))
    return output(summary, skipped);

  const message = bulkMessage(summary, nouns, replaySafe, caught?.kind === 'credentials');
  // The items the message could not list, for the step's log (saved ones are counted, not listed).
  const notSaved = itemOutcomes(summary, skipped).filter(
    (o) => o.outcome !== 'saved' && o.outcome !== 'skipped',
  );
  z.console.log(`Bulk step: ${summary.saved.length} saved; not saved: ${JSON.stringify(notSaved)}`);
  const anythingSaved = summary.saved.length > 0 || summary.uncertain.length > 0;
  if (caught?.kind === 'credentials') throw expiredAuthError(z, message);
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

/** Every request was answered and CleverTap named each record it refused: the outcome of every item is known. */
function onlyPlacedRefusals(summary: BulkSummary): boolean {
  return (
    !summary.stop && summary.uncertain.length === 0 && summary.failures.every((f) => f.item !== undefined)
  );
}

/** `items 4, 7, 12 and 3 more`: the first few item numbers of a list. */
const firstItems = (items: readonly number[]) => itemList(items, 3);

/**
 * The step's error message, within what Zapier shows: what was saved and what not (counts and the first item
 * numbers), the one thing to do, then why, and as much detail as fits. The full list is in the step's log and, with
 * "finish the step", in its output.
 */
export function bulkMessage(
  summary: BulkSummary,
  nouns: Nouns,
  replaySafe: boolean,
  causeFirst = false,
): string {
  const refusedItems = [...summary.failures.flatMap((f) => (f.item ? [f.item] : [])), ...summary.refused];
  // Failures CleverTap did not place are counted among the uncertain items of their request, not again here.
  const notSaved = refusedItems.length;
  const counts = [
    `CleverTap saved ${summary.saved.length} of ${summary.items} ${nouns.many}`,
    notSaved ? `${notSaved} not saved (${firstItems(refusedItems)})` : '',
    summary.uncertain.length
      ? `${summary.uncertain.length} uncertain (${firstItems(summary.uncertain)})`
      : '',
    summary.notSent.length ? `${summary.notSent.length} not sent (${firstItems(summary.notSent)})` : '',
  ].filter(Boolean);
  const headline = `${counts.join('; ')}.`;
  // Then the advice and the cause, each shortened to what is left: the advice first, except when the credentials were
  // refused, where the cause (which region refused them) is what the user must act on.
  const [second, third] = causeFirst
    ? [cause(summary), advice(summary, nouns, replaySafe)]
    : [advice(summary, nouns, replaySafe), cause(summary)];
  const withCause = [second, third].reduce((text, part) => {
    const room = MESSAGE_LIMIT - text.length - 1;
    return part && room > 20 ? `${text} ${joinWithin([part], '', room).text}` : text;
  }, headline);
  const hint = summary.failures.length ? `Or pick "Finish the step" in ${onRefusedField.label}.` : '';
  return hint && withCause.length + 1 + hint.length <= MESSAGE_LIMIT ? `${withCause} ${hint}` : withCause;
}

function advice(summary: BulkSummary, nouns: Nouns, replaySafe: boolean): string {
  const fixFirst = summary.failures.some((f) => f.code !== RETRYABLE_CODE)
    ? ' once the refused items are fixed'
    : '';
  const anythingSaved = summary.saved.length > 0 || summary.uncertain.length > 0;
  if (!anythingSaved) return `Nothing was saved, so replaying is safe${fixFirst}.`;
  if (replaySafe) return `Replaying is safe${fixFirst}: saved ${nouns.many} are only updated again.`;
  return summary.uncertain.length
    ? "Don't replay the step: check the uncertain items in CleverTap, then send only the missing ones."
    : "Don't replay the step: send only the items not saved.";
}

function cause(summary: BulkSummary): string {
  const stop = summary.stop;
  if (stop?.kind === 'out_of_time')
    return `Stopped before request ${stop.request} of ${summary.requestsPlanned} to end within Zapier's time limit.`;
  if (stop?.kind === 'failed')
    return `Request ${stop.outcome.request} of ${summary.requestsPlanned} ${stop.outcome.kind === 'refused' ? 'failed' : 'got no answer'}: ${stop.outcome.reason}`;
  const first = summary.failures[0];
  return first
    ? `${first.item ? `Item ${first.item}` : 'A record'}: ${first.reason} (code ${first.code}).`
    : '';
}
