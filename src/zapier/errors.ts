/**
 * The Zapier errors the app throws, and what each says about the data (an input problem becomes a `z.errors.Error`
 * before anything is sent: fields/parse-input.ts). A failed request carries its facts (`SendFailure`) on the error itself, so a caller that
 * must tell "refused" from "may have been saved" (the bulk send) reads them from there, never from the message text.
 */
import type { ZObject } from 'zapier-platform-core';
import { isRecord } from '../guards';

/** What a failed request means for the records it carried. */
export interface SendFailure {
  /** `refused`: CleverTap answered with an error, nothing in the request was saved. `unknown`: it may have been. */
  outcome: 'refused' | 'unknown';
  /** `credentials` and `throttled` keep their Zapier error classes when the step stops; `app` is a plain error. */
  kind: 'credentials' | 'throttled' | 'app';
  /** The Zapier error code, e.g. `rejected`, `unavailable`, `network_error`. */
  code: string;
  /** The error's message: what a user reads about this request. */
  reason: string;
  status?: number;
  /** For `throttled`: the seconds Zapier waits before it runs the step again. */
  delay?: number;
  /** For a lost connection (code `network_error`): whether the request timed out (after `timeoutMs`), or why it failed. */
  lost?: { timedOut: boolean; cause: string; timeoutMs: number };
}

const FAILURE = Symbol('sendFailure');

/** The error, carrying what its request's failure means. */
export function withSendFailure<E extends Error>(error: E, failure: SendFailure): E {
  return Object.assign(error, { [FAILURE]: failure });
}

/** What a thrown request error says about its records; undefined for an error that is not one of the app's. */
export function sendFailureOf(error: unknown): SendFailure | undefined {
  return typeof error === 'object' && error !== null
    ? (error as { [FAILURE]?: SendFailure })[FAILURE]
    : undefined;
}

/** An error Zapier shows as it is: what the user can fix (the input, the request). */
export function appError(
  z: ZObject,
  message: string,
  code: string,
  status: number,
  failure?: Omit<SendFailure, 'reason' | 'code' | 'status'>,
) {
  const error = new z.errors.Error(message, code, status);
  return failure ? withSendFailure(error, { ...failure, reason: message, code, status }) : error;
}

/**
 * "Reconnect your account": core appends "What happened: Executing ... with bundle ..." to an ExpiredAuthError (not
 * to its other errors), which would push the advice past what Zapier shows and carry the step's input along; the
 * message stands alone.
 */
export function expiredAuthError(z: ZObject, message: string): Error {
  return Object.assign(new z.errors.ExpiredAuthError(message), { doNotContextify: true });
}

/** The words of an error as the user would read them: a Zapier error keeps them as JSON in its message. */
export function userMessageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as unknown;
    if (isRecord(parsed) && typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the message as it is.
  }
  return text;
}
