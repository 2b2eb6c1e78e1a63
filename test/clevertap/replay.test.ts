import { riskiest } from '../../src/clevertap/replay';

describe('riskiest', () => {
  it('is the one replay of several records sent together: sends twice over stores twice over safe', () => {
    expect(riskiest('safe')).toBe('safe');
    expect(riskiest('safe', 'safe', 'stores_twice', 'safe')).toBe('stores_twice');
    expect(riskiest('stores_twice', 'sends_twice', 'safe')).toBe('sends_twice');
    expect(riskiest('sends_twice', 'stores_twice')).toBe('sends_twice');
  });
});
