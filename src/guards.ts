/** The one object guard of the app: a leaf (it imports nothing), so every layer may use it. */

/** A JSON object (or any non-null, non-array object): its fields may be read, each still `unknown`. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
