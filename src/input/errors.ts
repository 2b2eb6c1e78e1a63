/**
 * A problem with what the user entered in a field. The message starts with the field's label as the user sees it in
 * the Zap editor and says how to fix it; the Zapier adapters turn it into a `z.errors.Error`, before anything is sent.
 */
/** Zapier shows at most this many characters of an integration's error message: every message must fit. */
export const MESSAGE_LIMIT = 250;

export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}
