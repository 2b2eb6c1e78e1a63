// POST /<region>/1/upload: request-level checks, per-record validation, storing what is accepted, and
// CleverTap's answer {status, processed, unprocessed}.
import { JsonRequest, parseBatch, processBatch } from './batch';
import { Answer, json } from './http';
import { SandboxStore } from './store';
import { SandboxSettings } from './state';
import { validateRecord } from './validate';

export interface UploadRequest extends JsonRequest {
  /** `?dryRun=1`: validate and answer, store nothing. */
  dryRun: boolean;
}

export function handleUpload(request: UploadRequest, settings: SandboxSettings, store: SandboxStore): Answer {
  const parsed = parseBatch(request, settings.maxRecordsPerCall);
  if (!parsed.ok) return parsed.answer;
  const now = Math.floor(Date.now() / 1000);
  const answer = processBatch(parsed.value, {
    judge: (record) => {
      const validation = validateRecord(record, { discardedEvents: settings.discardedEvents });
      return validation.ok ? { ok: true, value: validation.record } : { ok: false, ...validation.rejection };
    },
    apply: (record) => {
      if (!request.dryRun) store.apply(request.accountId, record, now);
    },
    forceCode: request.forceCode,
  });
  return json(200, answer);
}
