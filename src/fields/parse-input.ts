/** The input parsing of a step, run where Zapier sees its errors: an `InputError` becomes the user-facing error. */
import type { ZObject } from 'zapier-platform-core';
import { InputError } from '../input/errors';

/** Runs the input parsing of a step; an `InputError` becomes the user-facing Zapier error, before anything is sent. */
export function parseInput<T>(z: ZObject, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InputError) throw new z.errors.Error(error.message, 'invalid_input', 400);
    throw error;
  }
}
