import { isRecord } from '../src/guards';

describe('isRecord', () => {
  it('is true for objects whose fields may be read', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord({ status: 'success' })).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
  });

  it.each([null, undefined, [], [{}], 'text', 42, true])('is false for %j', (value) => {
    expect(isRecord(value)).toBe(false);
  });
});
