/**
 * Uploading records (POST /1/upload) and sending one record: an upload that CleverTap did not fully accept becomes an
 * error rather than a success, and the step's output is the record as sent with CleverTap's verdict.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import { uploadBody, type UploadRecord } from '../clevertap/records';
import { describeFailures, readUploadAnswer, RETRYABLE_CODE, UploadResult } from '../clevertap/answers';
import type { Replay } from '../clevertap/replay';
import { isoFromEpochSeconds } from '../clevertap/rules';
import { appError } from './errors';
import { postJson } from './transport';
import { notSavedMessage, uploadUnknownMessage } from './words';

/**
 * POST /1/upload. Returns what CleverTap did with the records; request-level failures have been thrown as Zapier
 * errors by the middleware. `replay`: what sending them again would do (the action's, see clevertap/replay.ts).
 */
export async function upload(
  z: ZObject,
  bundle: Bundle,
  records: UploadRecord[],
  replay: Replay,
): Promise<UploadResult> {
  const response = await postJson(z, bundle, '/1/upload', uploadBody(records), replay);
  const result = readUploadAnswer(response.data, records.length);
  if (!result)
    throw appError(z, uploadUnknownMessage(response.status), 'unexpected_answer', 502, {
      outcome: 'unknown',
      kind: 'app',
    });
  return result;
}

/** The number CleverTap processed, once every record was; otherwise a Zapier error that lists what failed and why. */
export function requireAllProcessed(z: ZObject, result: UploadResult): number {
  if (result.ok) return result.processed;
  const onlyServerErrors =
    result.failures.length > 0 && result.failures.every((f) => f.code === RETRYABLE_CODE);
  throw new z.errors.Error(notSavedMessage(describeFailures(result), onlyServerErrors), 'not_saved', 422);
}

/**
 * Sends one record and returns the step's output: the record as sent (its time as ISO-8601), with CleverTap's
 * verdict. `replay` is the action's: whether sending it again is harmless (a profile update) or would store it twice
 * (an event, a counter).
 */
export async function uploadOne<R extends UploadRecord>(
  z: ZObject,
  bundle: Bundle,
  record: R,
  replay: Replay,
): Promise<{ status: 'success'; processed: number } & Omit<R, 'ts'> & { ts?: string }> {
  const processed = requireAllProcessed(z, await upload(z, bundle, [record], replay));
  const { ts, ...rest } = record;
  return {
    status: 'success',
    processed,
    ...rest,
    ...(ts === undefined ? {} : { ts: isoFromEpochSeconds(ts) }),
  };
}
