import { eventRecord, profileRecord, uploadBody, userKeyOf } from '../../src/clevertap/records';

describe('upload records', () => {
  it('a profile record carries its user key, its time when given, and its properties', () => {
    expect(profileRecord({ identity: 'u1' }, { Plan: 'Gold' }, 1714573800)).toStrictEqual({
      type: 'profile',
      identity: 'u1',
      ts: 1714573800,
      profileData: { Plan: 'Gold' },
    });
  });

  it('has no ts at all without a time, so that CleverTap uses the time it receives the record', () => {
    const profile = profileRecord({ objectId: '-abc' }, { Plan: 'Gold' });
    const event = eventRecord({ identity: 'u1' }, 'Deal Won', { Amount: 5 });
    expect('ts' in profile).toBe(false);
    expect('ts' in event).toBe(false);
    expect(profile).toStrictEqual({ type: 'profile', objectId: '-abc', profileData: { Plan: 'Gold' } });
    expect(JSON.stringify(event)).toBe(
      '{"type":"event","identity":"u1","evtName":"Deal Won","evtData":{"Amount":5}}',
    );
  });

  it('keeps a time of 0 rather than dropping it', () => {
    expect(eventRecord({ identity: 'u1' }, 'Deal Won', {}, 0)).toStrictEqual({
      type: 'event',
      identity: 'u1',
      ts: 0,
      evtName: 'Deal Won',
      evtData: {},
    });
  });

  it('sends the records, in order, under "d"', () => {
    const records = [profileRecord({ identity: 'a' }, { X: 1 }), eventRecord({ identity: 'b' }, 'E', {})];
    expect(uploadBody(records)).toStrictEqual({ d: records });
    expect(uploadBody([])).toStrictEqual({ d: [] });
  });

  it('names the user key a record carries, as a pair', () => {
    expect(userKeyOf({ identity: 'ada@example.com' })).toEqual(['identity', 'ada@example.com']);
    expect(userKeyOf({ objectId: '-abc' })).toEqual(['objectId', '-abc']);
    expect(userKeyOf(profileRecord({ objectId: '__g1' }, {}) as { objectId: string })).toEqual([
      'objectId',
      '__g1',
    ]);
  });
});
