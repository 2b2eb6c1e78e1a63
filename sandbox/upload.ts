// POST /<region>/1/upload: request-level checks, per-record validation, storing what is accepted, and
// CleverTap's answer {status, processed, unprocessed}.
import { RecordErrorCode, recordErrorText } from './contract';
import { Answer, json, requestError } from './http';
import { SandboxStore } from './store';
import { SandboxSettings } from './state';
import { isPlainObject, validateRecord } from './validate';

export interface UploadRequest {
  accountId: string;
  contentType: string | undefined;
  text: string;
  dryRun: boolean;
  /** Set by a recordError fault: every record is answered with this code and nothing is stored. */
  forceCode?: RecordErrorCode;
}

export interface Unprocessed {
  status: 'fail';
  code: number;
  error: string;
  record: unknown;
}

export interface UploadAnswer {
  status: 'success' | 'partial' | 'fail';
  processed: number;
  unprocessed: Unprocessed[];
}

/** The parsed body, or the request-level answer that rejects it. */
type Parsed = { ok: true; records: unknown[] } | { ok: false; answer: Answer };

const JSON_TYPE = /^application\/json\s*(;|$)/i;

export function parseUploadBody(request: UploadRequest, settings: SandboxSettings): Parsed {
  let body: unknown = null;
  let malformed = false;
  try {
    body = JSON.parse(request.text);
  } catch {
    malformed = true;
  }
  if (!JSON_TYPE.test(request.contentType ?? ''))
    return { ok: false, answer: requestError(400, 'Content-Type must be application/json') };
  if (malformed) return { ok: false, answer: requestError(400, 'Malformed JSON in the request body') };
  const records = isPlainObject(body) ? body.d : undefined;
  if (!Array.isArray(records))
    return { ok: false, answer: requestError(400, 'The body must be an object with a "d" array of records') };
  if (records.length > settings.maxRecordsPerCall)
    return {
      ok: false,
      answer: requestError(
        400,
        `Too many records: ${records.length}; at most ${settings.maxRecordsPerCall} are allowed per call`,
      ),
    };
  return { ok: true, records };
}

function statusOf(processed: number, unprocessed: number): UploadAnswer['status'] {
  if (unprocessed === 0) return 'success';
  return processed === 0 ? 'fail' : 'partial';
}

/** Validates the records, stores the accepted ones (unless dry run), and builds CleverTap's answer. */
export function processRecords(
  records: unknown[],
  request: UploadRequest,
  settings: SandboxSettings,
  store: SandboxStore,
): UploadAnswer {
  const now = Math.floor(Date.now() / 1000);
  const unprocessed: Unprocessed[] = [];
  let processed = 0;
  records.forEach((record, index) => {
    const validation = request.forceCode
      ? {
          ok: false as const,
          rejection: { code: request.forceCode, detail: 'Simulated by a sandbox fault.' },
        }
      : validateRecord(record, { discardedEvents: settings.discardedEvents });
    if (!validation.ok) {
      const { code, detail } = validation.rejection;
      unprocessed.push({ status: 'fail', code, error: recordErrorText(code, detail, index + 1), record });
      return;
    }
    processed += 1;
    if (!request.dryRun) store.apply(request.accountId, validation.record, now);
  });
  return { status: statusOf(processed, unprocessed.length), processed, unprocessed };
}

export function handleUpload(request: UploadRequest, settings: SandboxSettings, store: SandboxStore): Answer {
  const parsed = parseUploadBody(request, settings);
  if (!parsed.ok) return parsed.answer;
  return json(200, processRecords(parsed.records, request, settings, store));
}
