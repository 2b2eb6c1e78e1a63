// Calls that carry a list of records, `{"d": [...]}` (upload, subscribe): the request-level checks, and CleverTap's
// answer {status, processed, unprocessed} built from a verdict on each record.
import { RecordErrorCode, recordErrorText } from './contract';
import { Parsed, parseJsonBody, requestError } from './http';
import { isPlainObject } from './validate';

/** A call with a JSON body, as a route handler sees it. */
export interface JsonRequest {
  accountId: string;
  contentType: string | undefined;
  text: string;
  /** Set by a recordError fault: every record is answered with this code and nothing is stored. */
  forceCode?: RecordErrorCode;
}

export interface Unprocessed {
  status: 'fail';
  code: number;
  error: string;
  record: unknown;
}

export interface BatchAnswer {
  status: 'success' | 'partial' | 'fail';
  processed: number;
  unprocessed: Unprocessed[];
}

/** What a route thinks of one record: a typed value to apply, or a per-record code and a detail sentence. */
export type Verdict<T> = { ok: true; value: T } | { ok: false; code: RecordErrorCode; detail: string };

/** The `d` array of the body, or the 400 that refuses the request (at most `maxRecords` records). */
export function parseBatch(request: JsonRequest, maxRecords: number): Parsed<unknown[]> {
  const parsed = parseJsonBody(request.contentType, request.text);
  if (!parsed.ok) return parsed;
  const records = isPlainObject(parsed.value) ? parsed.value.d : undefined;
  if (!Array.isArray(records))
    return { ok: false, answer: requestError(400, 'The body must be an object with a "d" array of records') };
  if (records.length > maxRecords)
    return {
      ok: false,
      answer: requestError(
        400,
        `Too many records: ${records.length}; at most ${maxRecords} are allowed per call`,
      ),
    };
  return { ok: true, value: records };
}

function statusOf(processed: number, unprocessed: number): BatchAnswer['status'] {
  if (unprocessed === 0) return 'success';
  return processed === 0 ? 'fail' : 'partial';
}

export interface BatchRules<T> {
  judge: (record: unknown) => Verdict<T>;
  /** Called for each accepted record, in order. */
  apply: (value: T) => void;
  forceCode?: RecordErrorCode;
  /** Titles of the per-record codes, when they differ from the upload ones. */
  titles?: Partial<Record<RecordErrorCode, string>>;
}

/** Judges each record, applies the accepted ones, and numbers the skipped ones from 1 as CleverTap does. */
export function processBatch<T>(records: unknown[], rules: BatchRules<T>): BatchAnswer {
  const unprocessed: Unprocessed[] = [];
  let processed = 0;
  records.forEach((record, index) => {
    const verdict: Verdict<T> = rules.forceCode
      ? { ok: false, code: rules.forceCode, detail: 'Simulated by a sandbox fault.' }
      : rules.judge(record);
    if (!verdict.ok) {
      const error = recordErrorText(verdict.code, verdict.detail, index + 1, rules.titles);
      unprocessed.push({ status: 'fail', code: verdict.code, error, record });
      return;
    }
    processed += 1;
    rules.apply(verdict.value);
  });
  return { status: statusOf(processed, unprocessed.length), processed, unprocessed };
}
