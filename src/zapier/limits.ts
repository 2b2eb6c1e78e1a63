/**
 * Zapier's time limit for a step and the app's own limits inside it. A leaf: the words, the transport and the bulk
 * send all read these numbers, and this file imports nothing.
 */
import type { Assert, LessThan } from '../compile-checks';

/** Zapier stops a step after 30 seconds. */
export const ZAPIER_STEP_LIMIT_MS = 30_000;

/** A slow CleverTap must produce our clear error before Zapier stops the step. */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * A request is started only while it can still end (with CleverTap's answer or our own timeout) inside Zapier's limit,
 * with two seconds to spare: a step cut off by Zapier could not say which items were saved.
 */
export const SEND_WINDOW_MS = ZAPIER_STEP_LIMIT_MS - REQUEST_TIMEOUT_MS - 2_000;

/** Checked by tsc: a request started at once ends, answered or timed out, inside Zapier's limit. */
export type RequestEndsInsideAStep = Assert<LessThan<typeof REQUEST_TIMEOUT_MS, typeof ZAPIER_STEP_LIMIT_MS>>;
