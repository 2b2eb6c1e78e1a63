/**
 * Reading CleverTap's answers. HTTP 200 does not mean the data landed: an upload answer says per record what was
 * processed and what was not. Request-level failures carry an HTTP status and `{status: "fail", error, code}`.
 */
import { quoted, shortened } from '../quote';
import { Region, regionName } from './regions';

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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function recordNumberIn(text: string): number | undefined {
  const match = /record number\s*:\s*(\d+)/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

function readFailure(entry: unknown): RecordFailure {
  const fields = isObject(entry) ? entry : {};
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
  if (!isObject(body) || typeof body.status !== 'string') return undefined;
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

export interface RequestFailure {
  kind: FailureKind;
  message: string;
}

/** CleverTap's own error text from a request-level body, when there is one. */
export function errorTextOf(body: unknown): string | undefined {
  if (isObject(body) && typeof body.error === 'string' && body.error.trim())
    return shortened(body.error.trim(), 100);
  return undefined;
}

export function credentialsMessage(region: Region): string {
  return (
    `CleverTap refused the Account ID or Passcode for ${regionName(region)}. Check both under Settings > Project, ` +
    "and the Region: the start of your dashboard's address (in1 in in1.dashboard.clevertap.com). Then reconnect."
  );
}

/** Request-level answers, by HTTP status. Statuses not listed fall back to their class (4xx / 5xx). */
const REQUEST_FAILURES: Record<number, { kind: FailureKind; say: (text: string, status: number) => string }> =
  {
    400: { kind: 'rejected', say: (t) => `CleverTap rejected the request as invalid: ${t}` },
    404: { kind: 'rejected', say: (t) => `CleverTap did not find that API address (HTTP 404): ${t}` },
    405: { kind: 'rejected', say: (t) => `CleverTap does not allow this request (HTTP 405): ${t}` },
    409: { kind: 'rejected', say: (t) => `CleverTap reported a conflict (HTTP 409): ${t}` },
    413: {
      kind: 'rejected',
      say: () => 'The request is too large for CleverTap (HTTP 413): send fewer or smaller records',
    },
    429: {
      kind: 'throttled',
      say: () =>
        'CleverTap is busy with too many requests from this account at once (HTTP 429); Zapier will try again',
    },
  };

/** What to tell the user about a non-2xx answer. `status` is the HTTP status. */
export function readRequestFailure(status: number, body: unknown, region: Region): RequestFailure {
  if (status === 401 || status === 403) return { kind: 'credentials', message: credentialsMessage(region) };
  const text = errorTextOf(body) ?? 'no details given';
  const known = REQUEST_FAILURES[status];
  if (known) return { kind: known.kind, message: known.say(text, status) };
  if (status >= 500)
    return {
      kind: 'unavailable',
      message: `CleverTap is unavailable right now (HTTP ${status}). Try again in a few minutes.`,
    };
  return { kind: 'rejected', message: `CleverTap refused the request (HTTP ${status}): ${text}` };
}
