/**
 * Sending one record: an upload that CleverTap did not fully accept becomes an error rather than a success, and the
 * step's output is the record as sent with CleverTap's verdict.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { UploadRecord } from '../clevertap/records';
import { upload } from './http';
import { describeFailures, RETRYABLE_CODE, UploadResult } from '../clevertap/answers';
import { isoFromEpochSeconds } from '../clevertap/rules';
import { joinWithin, MESSAGE_LIMIT } from '../wording';

/** The number CleverTap processed, once every record was; otherwise a Zapier error that lists what failed and why. */
export function requireAllProcessed(z: ZObject, result: UploadResult): number {
  if (result.ok) return result.processed;
  const onlyServerErrors =
    result.failures.length > 0 && result.failures.every((f) => f.code === RETRYABLE_CODE);
  const advice = onlyServerErrors ? 'Try again in a few minutes.' : "Fix the step's input and try again.";
  const head = 'CleverTap did not save the data: ';
  const { text } = joinWithin(
    describeFailures(result),
    '; ',
    MESSAGE_LIMIT - head.length - advice.length - 2,
  );
  throw new z.errors.Error(`${head}${text}. ${advice}`, 'not_saved', 422);
}

/**
 * Sends one record and returns the step's output: the record as sent (its time as ISO-8601), with CleverTap's verdict. `replaySafe` says
 * whether sending it again is harmless (a profile update) or would store it twice (an event, a counter).
 */
export async function uploadOne<R extends UploadRecord>(
  z: ZObject,
  bundle: Bundle,
  record: R,
  replaySafe: boolean,
): Promise<{ status: 'success'; processed: number } & Omit<R, 'ts'> & { ts?: string }> {
  const processed = requireAllProcessed(z, await upload(z, bundle, [record], replaySafe));
  const { ts, ...rest } = record;
  return {
    status: 'success',
    processed,
    ...rest,
    ...(ts === undefined ? {} : { ts: isoFromEpochSeconds(ts) }),
  };
}
