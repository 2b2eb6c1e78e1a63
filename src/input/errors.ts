/**
 * A problem with what the user entered in a field. The message starts with the field's label as the user sees it in
 * the Zap editor and says how to fix it; the Zapier adapters turn it into a `z.errors.Error`, before anything is sent.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly field: string,
    detail: string,
  ) {
    super(`${field}: ${detail}`);
  }
}
