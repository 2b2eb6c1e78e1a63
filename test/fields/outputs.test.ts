/** What the single-record upload steps output: the record as sent with CleverTap's verdict, each key declared once. */
import nock from 'nock';
import { eventOutputFields, recordOutputFields } from '../../src/fields/outputs';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { appTester, authData, EU_HOST } from '../helpers';

const SUCCESS = { status: 'success', processed: 1, unprocessed: [] };

describe('recordOutputFields', () => {
  it('declares the verdict, the record type, both user keys and the time, each once', () => {
    expect(recordOutputFields.map((f) => [f.key, f.type])).toEqual([
      ['status', 'string'],
      ['processed', 'integer'],
      ['type', 'string'],
      ['identity', 'string'],
      ['objectId', 'string'],
      ['ts', 'datetime'],
    ]);
    expect(new Set(recordOutputFields.map((f) => f.label)).size).toBe(recordOutputFields.length);
    expect(recordOutputFields.find((f) => f.key === 'ts')?.label).toBe('Creation Date');
  });

  it("covers the output of Create/Update User Profile (but for the user key not used and the profile's data)", async () => {
    nock(EU_HOST).post('/1/upload').reply(200, SUCCESS);
    const result = await appTester(upsertProfile, {
      authData,
      inputData: { identity: 'ada@example.com', ts: '2024-05-01T14:30:00Z', name: 'Ada' },
    });
    const declared = recordOutputFields.map((f) => f.key);
    expect(declared.filter((key) => !(key in result))).toEqual(['objectId']);
    expect(Object.keys(result).filter((key) => !declared.some((k) => k === key))).toEqual(['profileData']);
  });
});

describe('eventOutputFields', () => {
  it("are the record's output fields and the event's name", () => {
    expect(eventOutputFields.slice(0, recordOutputFields.length)).toEqual([...recordOutputFields]);
    expect(eventOutputFields.slice(recordOutputFields.length)).toEqual([
      { key: 'evtName', label: 'Event Name', type: 'string' },
    ]);
  });

  it("cover the output of Upload Event (but for the user key not used and the event's data)", async () => {
    nock(EU_HOST).post('/1/upload').reply(200, SUCCESS);
    const result = await appTester(uploadEvent, {
      authData,
      inputData: {
        objectId: '__g123',
        evtName: 'Deal Won',
        ts: '1714573800',
        eventProperties: { Amount: '3' },
      },
    });
    const declared = eventOutputFields.map((f) => f.key);
    expect(declared.filter((key) => !(key in result))).toEqual(['identity']);
    expect(Object.keys(result).filter((key) => !declared.some((k) => k === key))).toEqual(['evtData']);
    expect(result.ts).toBe('2024-05-01T14:30:00Z');
  });
});
