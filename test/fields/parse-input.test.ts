/** A step's input parsing, as Zapier sees its errors. */
import zapier, { type ZObject } from 'zapier-platform-core';
import { parseInput } from '../../src/fields/parse-input';
import { InputError } from '../../src/input/errors';

const z = { errors: zapier.errors } as unknown as ZObject;

/** What a thrown function threw (undefined when it returned). */
const thrownBy = (run: () => unknown): unknown => {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  return thrown;
};

describe('parseInput', () => {
  it("returns what the step's parsing returns", () => {
    expect(parseInput(z, () => ({ identity: 'u1' }))).toEqual({ identity: 'u1' });
  });

  it('turns an InputError into the Zapier error the user reads: invalid_input, HTTP 400, the same message', () => {
    const error = thrownBy(() =>
      parseInput(z, () => {
        throw new InputError('Email', '"ada@" is not an email address.');
      }),
    );
    expect(error).toBeInstanceOf(zapier.errors.Error);
    expect((error as Error).name).toBe('AppError');
    expect(JSON.parse((error as Error).message)).toEqual({
      message: 'Email: "ada@" is not an email address.',
      code: 'invalid_input',
      status: 400,
    });
  });

  it('lets any other error through as it is', () => {
    const bug = new TypeError('x is undefined');
    expect(
      thrownBy(() =>
        parseInput(z, () => {
          throw bug;
        }),
      ),
    ).toBe(bug);
    const halted = new zapier.errors.HaltedError('nothing to send');
    expect(
      thrownBy(() =>
        parseInput(z, () => {
          throw halted;
        }),
      ),
    ).toBe(halted);
  });
});
