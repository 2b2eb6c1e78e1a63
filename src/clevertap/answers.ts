/**
 * Reading CleverTap's answers. HTTP 200 does not mean the data landed: an upload answer says per record what was
 * processed and what was not. Request-level failures carry an HTTP status and `{status: "fail", error, code}`.
 */
import { quoted } from '../wording';
import { isRecord } from '../guards';

/** Per-record codes of POST /1/upload, in plain words. 555 is the only one worth retrying. */
export const RECORD_ERRORS: Record<number, string> = {
  509: 'the event name is missing',
  512: 'the record is not a valid event (check the event name and property names)',
  513: 'the event is one CleverTap records itself (a system event) and cannot be uploaded',
  514: 'Gender must be M or F',
  515: 'Email is not a valid email address',
  516: 'Phone must be a number with its country code, like +14155550123',
  517: 'Employed must be Y or N',
  518: 'Education must be School, College or Graduate',
  519: 'Married must be Y or N',
  520: 'Age must be a number',
  522: 'the event has more properties than CleverTap allows',
  523: 'the user key (Identity or Object ID) is missing',
  524: 'the record is neither an event nor a profile',
  525: 'the Creation Date is not a valid time',
  526: 'the Object ID is not a valid CleverTap object id',
  528: 'the event has been discarded in the CleverTap dashboard (Settings > Events)',
  555: 'CleverTap had a server error while saving it; try again',
};

/** The one per-record code that means "try again": CleverTap's own server error. */
export const RETRYABLE_CODE = 555;

export interface RecordFailure {
  code: number;
  /** Plain words; for an unknown code, CleverTap's own text (never the echoed record). */
  reason: string;
  /** 1-based position of the record in the request, when CleverTap says it. */
  recordNumber?: number;
}

export type UploadResult =
  | { ok: true; processed: number }
  | { ok: false; processed: number; failures: RecordFailure[]; unaccounted: number };

function recordNumberIn(text: string): number | undefined {
  const match = /record number\s*:\s*(\d+)/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

function readFailure(entry: unknown): RecordFailure {
  const fields = isRecord(entry) ? entry : {};
  const code = typeof fields.code === 'number' ? fields.code : Number(fields.code) || 0;
  const text = typeof fields.error === 'string' ? fields.error : '';
  const reason =
    RECORD_ERRORS[code] ??
    (text
      ? `CleverTap said ${quoted(text.replace(/\s*ErrorCode:.*$/s, ''), 80)}`
      : 'CleverTap gave no reason');
  return { code, reason, recordNumber: recordNumberIn(text) };
}

/**
 * Reads the body of a 200 answer to an upload of `sent` records. Success means every record was processed: a
 * `partial` or `fail` status, any `unprocessed` entry, or a processed count short of what was sent is a failure.
 * Returns undefined when the body is not an upload answer at all.
 */
export function readUploadAnswer(body: unknown, sent: number): UploadResult | undefined {
  if (!isRecord(body) || typeof body.status !== 'string') return undefined;
  const processed = typeof body.processed === 'number' ? body.processed : 0;
  const unprocessed = Array.isArray(body.unprocessed) ? body.unprocessed : [];
  const failures = unprocessed.map(readFailure);
  const unaccounted = Math.max(0, sent - processed - failures.length);
  if (body.status === 'success' && failures.length === 0 && unaccounted === 0) return { ok: true, processed };
  return { ok: false, processed, failures, unaccounted };
}

/** The failed records in plain words, the first first. */
export function describeFailures(result: Extract<UploadResult, { ok: false }>): string[] {
  const lines = result.failures.map(
    (f) => `${f.recordNumber ? `record ${f.recordNumber}: ` : ''}${f.reason} (CleverTap code ${f.code})`,
  );
  if (result.unaccounted)
    lines.push(`${result.unaccounted} record(s) were neither processed nor reported as failed`);
  return lines;
}

/** How a request-level failure is to be treated. */
export type FailureKind = 'credentials' | 'throttled' | 'rejected' | 'unavailable';

/** A non-2xx answer, as facts: how to treat it, its HTTP status, and CleverTap's own error text if it gave one. */
export interface RequestFailure {
  kind: FailureKind;
  status: number;
  text?: string;
}

/** CleverTap's own error text from a request-level body, when there is one. */
export function errorTextOf(body: unknown): string | undefined {
  if (isRecord(body) && typeof body.error === 'string' && body.error.trim()) return body.error.trim();
  return undefined;
}

/** Request-level failures by HTTP status; statuses not listed fall back to their class (4xx refused, 5xx unavailable). */
const FAILURE_KINDS: Record<number, FailureKind> = {
  401: 'credentials',
  403: 'credentials',
  429: 'throttled',
};

/** What a non-2xx answer means. */
export function readRequestFailure(status: number, body: unknown): RequestFailure {
  const kind = FAILURE_KINDS[status] ?? (status >= 500 ? 'unavailable' : 'rejected');
  const text = errorTextOf(body);
  return text === undefined ? { kind, status } : { kind, status, text };
}
