/**
 * Zapier's app tester with what Zapier does around a perform: the step's input goes through the coercion of the
 * declared field types and `cleanInputData` (scripts/zapier-boundary.ts) before the perform sees it, and an error
 * whose message is longer than Zapier shows (250 characters) fails the test instead of passing as the expected error.
 * Every test that runs a step uses this tester, never `createAppTester` alone.
 */
import zapier from 'zapier-platform-core';
import App from '../index';
import {
  BoundaryOperation,
  inputAsZapierHandsItOver,
  messageOf,
  ZAPIER_MESSAGE_LIMIT,
} from '../scripts/zapier-boundary';

/** The Zap's time zone in tests: not UTC, so that a field Zapier reads in the Zap's zone would show it. */
export const ZAP_TIMEZONE = 'America/Chicago';

type Operation = { operation: BoundaryOperation & { perform: unknown } };

/** The operation (a create's or a search's) whose perform is `perform`, as the app definition declares it. */
export function operationOf(perform: unknown): BoundaryOperation | undefined {
  const all = [
    ...Object.values(App.creates ?? {}),
    ...Object.values(App.searches ?? {}),
  ] as unknown as Operation[];
  return all.find((action) => action.operation.perform === perform)?.operation;
}

/** The input the perform receives in a Zap, for what the user typed or mapped into the operation's fields. */
export function asZapierHandsItOver(
  operation: BoundaryOperation,
  inputData: Record<string, unknown>,
  timezone = ZAP_TIMEZONE,
): Record<string, unknown> {
  return inputAsZapierHandsItOver(operation, App.flags, inputData, timezone);
}

/**
 * Throws when the error's message would be cut by Zapier: the test then fails with the whole message. Core appends
 * "What happened: Executing ..." to errors other than its own AppError and ThrottledError (ExpiredAuthError among
 * them); that context comes after the app's message, so the app's part is what must fit.
 */
export function assertShownWhole(error: unknown): void {
  const message = messageOf(error).split('\nWhat happened:')[0] ?? '';
  if (message.length > ZAPIER_MESSAGE_LIMIT)
    throw new Error(
      `The error message is ${message.length} characters; Zapier shows only ${ZAPIER_MESSAGE_LIMIT}: ${message}`,
    );
}

const tester = zapier.createAppTester(App);

type Tester = typeof tester;

/** `tester` (core's app tester) with Zapier's boundary around each perform (see above). */
function withBoundary(tester: Tester): Tester {
  return async (method: unknown, bundle?: { inputData?: object }, ...rest: []) => {
    const operation = operationOf(method);
    const given = bundle?.inputData as Record<string, unknown> | undefined;
    const inputData = operation && given ? asZapierHandsItOver(operation, given) : given;
    try {
      return await (tester as (...args: unknown[]) => Promise<unknown>)(
        method,
        { ...bundle, inputData },
        ...rest,
      );
    } catch (error) {
      assertShownWhole(error);
      throw error;
    }
  };
}

/** `createAppTester(App)` with Zapier's boundary around each perform (see above). */
export const boundaryTester: Tester = withBoundary(tester);

/**
 * The boundary tester of an app that holds only the action whose perform is `perform`, with the app's connection,
 * middleware and flags: what its steps meet is the same as in the whole app. For the suites that run thousands of
 * steps of one action: core compiles and freezes the whole app definition again for every step it runs
 * (`prepareApp` in its Lambda handler), so a step of a one-action app costs a fraction of one in the whole app.
 */
export function oneActionTester(perform: unknown): Tester {
  const only = <T extends { operation: { perform?: unknown } }>(actions: Record<string, T> | undefined) =>
    Object.fromEntries(
      Object.entries(actions ?? {}).filter(([, action]) => action.operation.perform === perform),
    );
  const app = { ...App, creates: only(App.creates), searches: only(App.searches), searchOrCreates: {} };
  if (!operationOf(perform))
    throw new Error('oneActionTester: no create or search of the app has this perform');
  return withBoundary(zapier.createAppTester(app));
}

/** The keys of `z.cache` the steps read and wrote since `clearZapierCache`. */
export interface CacheUse {
  reads: string[];
  writes: string[];
}

/**
 * Empties the in-memory `z.cache` the tester gives every step (core keeps one for the whole tester, so for every test
 * of a file) and returns what the next steps read from it and write to it.
 */
export function clearZapierCache(): CacheUse {
  const use: CacheUse = { reads: [], writes: [] };
  const store = new Proxy<Record<string, unknown>>(
    {},
    {
      // Symbol keys are lodash's look at the object (isPlainObject), not a step's read.
      has: (target, key) => {
        if (typeof key === 'string') use.reads.push(key);
        return Reflect.has(target, key);
      },
      set: (target, key, value) => (use.writes.push(String(key)), Reflect.set(target, key, value)),
    },
  );
  (tester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = store;
  return use;
}
