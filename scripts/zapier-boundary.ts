/**
 * What Zapier does at its boundary, outside the app, modelled for tests and tools: the input a Zap user typed or
 * mapped goes through Zapier's coercion of the declared field types and through `cleanInputData` before `perform`
 * sees it, and an error message is cut to 250 characters before the user sees it. `createAppTester` does none of
 * this, so the tests, the demo and the preview run steps through here.
 *
 * The coercion is the Zapier CLI's own code (zapier-platform-cli's `invoke` command, whose input handling follows
 * Zapier production), loaded from the pinned dev dependency rather than copied. `cleanInputData` runs on Zapier's
 * servers, not in any package, so it is written here from the schema's description and zapier-platform issue 1329.
 */

/** An input field as the app declares it: just what the boundary reads. */
export interface BoundaryField {
  key: string;
  type?: string;
  default?: string;
  dict?: boolean;
  list?: boolean;
  children?: readonly BoundaryField[];
}

type ResolveInputDataTypes = (
  inputData: Record<string, unknown>,
  inputFields: readonly BoundaryField[],
  timezone: string,
) => Record<string, unknown>;

let resolver: ResolveInputDataTypes | undefined;

/** The CLI's coercion, loaded on first use (it brings chrono-node and lodash along). */
function resolveInputDataTypes(): ResolveInputDataTypes {
  const path = 'zapier-platform-cli/src/oclif/commands/invoke/input-types.js';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  resolver ??= require(path) as ResolveInputDataTypes;
  return resolver;
}

/** Zapier shows at most this many characters of an integration's error message. */
export const ZAPIER_MESSAGE_LIMIT = 250;

const deepCopy = <T>(value: T): T => structuredClone(value);

/**
 * The input as Zapier's type coercion leaves it: `number`, `integer`, `boolean` and `datetime` fields rewritten,
 * defaults filled in for empty fields, line items' children likewise. `timezone` is the Zap's time zone. The
 * argument is not changed.
 */
export function coerceLikeZapier(
  inputData: Record<string, unknown>,
  fields: readonly BoundaryField[],
  timezone = 'UTC',
): Record<string, unknown> {
  return resolveInputDataTypes()(deepCopy(inputData), fields, timezone);
}

const isEmpty = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

function clean(value: unknown, dropOnly: (v: unknown) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => clean(v, dropOnly)).filter((v) => !dropOnly(v));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, clean(v, dropOnly)] as const)
        .filter(([, v]) => !dropOnly(v)),
    );
  return value;
}

/**
 * The input as `cleanInputData` leaves it. `true` (Zapier's default) removes empty strings, null, undefined and empty
 * lists and objects, recursively, so empty line items vanish and the later ones move up. `false` keeps them, except
 * null and undefined, which Zapier drops all the same (zapier-platform issue 1329).
 */
export function cleanLikeZapier(inputData: Record<string, unknown>, cleanInputData: boolean) {
  const drop = cleanInputData ? isEmpty : (v: unknown) => v === undefined || v === null;
  return clean(deepCopy(inputData), drop) as Record<string, unknown>;
}

/** The parts of an app definition the boundary reads. */
export interface BoundaryOperation {
  inputFields?: readonly unknown[];
  cleanInputData?: boolean;
}

/** Input fields that are plain objects (not functions that compute fields at run time). */
export function declaredFields(operation: BoundaryOperation): BoundaryField[] {
  return (operation.inputFields ?? []).filter(
    (f): f is BoundaryField => typeof f === 'object' && f !== null && 'key' in f,
  );
}

/**
 * What `bundle.inputData` holds when `perform` starts, for what the user typed or mapped: coerced by the declared
 * field types in the Zap's time zone, then cleaned as the operation (or else the app's flags) says.
 */
export function inputAsZapierHandsItOver(
  operation: BoundaryOperation,
  appFlags: { cleanInputData?: boolean } | undefined,
  inputData: Record<string, unknown>,
  timezone = 'UTC',
): Record<string, unknown> {
  const cleanInputData = operation.cleanInputData ?? appFlags?.cleanInputData ?? true;
  // Nulls never reach a perform (Zapier drops them even with cleanInputData off), and the CLI's coercion cannot
  // read a null line item, so they go first.
  const withoutNulls = cleanLikeZapier(inputData, false);
  return cleanLikeZapier(coerceLikeZapier(withoutNulls, declaredFields(operation), timezone), cleanInputData);
}

/** The message of an error as an integration throws it: `z.errors.Error` keeps a JSON text in `.message`. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(text) as unknown;
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { message?: unknown }).message === 'string'
    )
      return (parsed as { message: string }).message;
  } catch {
    // Not JSON: the message as it is.
  }
  return text;
}

/** What the Zap user sees of an error message, and what Zapier cuts off. */
export function shownByZapier(message: string): { shown: string; cut: string } {
  return { shown: message.slice(0, ZAPIER_MESSAGE_LIMIT), cut: message.slice(ZAPIER_MESSAGE_LIMIT) };
}
