import { InputError } from '../../src/input/errors';

describe('InputError', () => {
  it("starts its message with the field's label and keeps the field", () => {
    const error = new InputError('Event Name', 'fill in the name of the event.');
    expect(error.message).toBe('Event Name: fill in the name of the event.');
    expect(error.field).toBe('Event Name');
  });

  it('is an Error named InputError', () => {
    const error = new InputError('Email', 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InputError');
    expect(String(error)).toBe('InputError: Email: x');
  });
});
