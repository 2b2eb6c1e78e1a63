/**
 * Sending one record (src/zapier/send.ts): an upload CleverTap did not fully accept is an error, never a success, and
 * the step's output is the record as sent, its time as ISO-8601, with CleverTap's verdict. Through the real single-record
 * actions, with CleverTap's answers from nock, and requireAllProcessed read directly.
 */
import nock from 'nock';
import zapier, { type ZObject } from 'zapier-platform-core';
import answers from '../fixtures/clevertap-answers.json';
import { requireAllProcessed } from '../../src/zapier/send';
import type { UploadResult } from '../../src/clevertap/answers';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { appTester, authData, cleverTapWithHeaders, EU_HOST, failureOf, messageOf } from '../helpers';

const z = { errors: zapier.errors } as unknown as ZObject;

const runProfile = (inputData: Record<string, unknown>) => appTester(upsertProfile, { authData, inputData });
const runEvent = (inputData: Record<string, unknown>) => appTester(uploadEvent, { authData, inputData });

/** The Zapier error requireAllProcessed throws for `result`, as its parsed JSON. */
function refusal(result: UploadResult): { message: string; code: string; status: number } {
  try {
    requireAllProcessed(z, result);
  } catch (error) {
    expect(error).toBeInstanceOf(zapier.errors.Error);
    return JSON.parse((error as Error).message) as { message: string; code: string; status: number };
  }
  throw new Error('requireAllProcessed did not throw');
}

describe('uploadOne', () => {
  it("outputs the record as sent, its time as ISO-8601, with CleverTap's processed count", async () => {
    const scope = cleverTapWithHeaders()
      .post('/1/upload', {
        d: [{ type: 'event', identity: 'u1', ts: 1714573800, evtName: 'Deal Won', evtData: { Amount: 3 } }],
      })
      .reply(200, answers.success);
    const result = await runEvent({
      identity: 'u1',
      evtName: 'Deal Won',
      ts: '2024-05-01T16:30:00+02:00',
      eventProperties: { Amount: '3' },
    });
    expect(scope.isDone()).toBe(true);
    expect(result).toStrictEqual({
      status: 'success',
      processed: 1,
      type: 'event',
      identity: 'u1',
      ts: '2024-05-01T14:30:00Z',
      evtName: 'Deal Won',
      evtData: { Amount: 3 },
    });
  });

  it('outputs no time when none was sent (CleverTap uses the time it received the record)', async () => {
    nock(EU_HOST).post('/1/upload').reply(200, answers.success);
    const result = await runProfile({ objectId: '__g1', name: 'Ada' });
    expect(result).toStrictEqual({
      status: 'success',
      processed: 1,
      type: 'profile',
      objectId: '__g1',
      profileData: { Name: 'Ada' },
    });
  });
});

describe('requireAllProcessed', () => {
  it('returns the number processed when every record was', () => {
    expect(requireAllProcessed(z, { ok: true, processed: 1 })).toBe(1);
  });

  it("a record refused for its data: not_saved (HTTP 422), what failed, then fix the step's input", () => {
    expect(
      refusal({
        ok: false,
        processed: 0,
        failures: [{ code: 515, reason: 'Email is not a valid email address', recordNumber: 1 }],
        unaccounted: 0,
      }),
    ).toEqual({
      message:
        'CleverTap did not save the data: record 1: Email is not a valid email address (CleverTap code 515). ' +
        "Fix the step's input and try again.",
      code: 'not_saved',
      status: 422,
    });
  });

  it('only server errors (555): try again later; any other code among them: fix the input', () => {
    const serverError = { code: 555, reason: 'CleverTap had a server error while saving it; try again' };
    expect(refusal({ ok: false, processed: 0, failures: [serverError], unaccounted: 0 }).message).toMatch(
      /\. Try again in a few minutes\.$/,
    );
    expect(
      refusal({
        ok: false,
        processed: 0,
        failures: [serverError, { code: 513, reason: 'a system event', recordNumber: 2 }],
        unaccounted: 0,
      }).message,
    ).toMatch(/\. Fix the step's input and try again\.$/);
  });

  it('records neither processed nor refused are a failure too', () => {
    expect(refusal({ ok: false, processed: 0, failures: [], unaccounted: 1 }).message).toBe(
      'CleverTap did not save the data: 1 record(s) were neither processed nor reported as failed. ' +
        "Fix the step's input and try again.",
    );
  });

  it('many failures: as many as fit, the advice kept, within the 250 characters Zapier shows', () => {
    const failures = Array.from({ length: 30 }, (_, i) => ({
      code: 555,
      reason: `a long reason for record ${i + 1} `.repeat(3),
      recordNumber: i + 1,
    }));
    const { message } = refusal({ ok: false, processed: 0, failures, unaccounted: 2 });
    expect(message.length).toBeLessThanOrEqual(250);
    expect(message).toMatch(/^CleverTap did not save the data: record 1: a long reason/);
    expect(message).toMatch(/\. Try again in a few minutes\.$/);
    expect(message).not.toContain('record 30:');
  });
});

// A record refused for its data (515, its record not echoed) and a success that processed nothing are run against
// every single upload by the failure matrix (test/reliability/failures.test.ts); here, the advice each code gets.
describe("CleverTap's verdict on the record, through the single-record actions", () => {
  it('a system event CleverTap itself refuses (513) is an error, not a success', async () => {
    nock(EU_HOST).post('/1/upload').reply(200, answers.systemEvent);
    const error = await failureOf(runEvent({ identity: '51', evtName: 'Page Seen' }));
    expect(messageOf(error)).toBe(
      'CleverTap did not save the data: record 1: the event is one CleverTap records itself (a system event) and ' +
        "cannot be uploaded (CleverTap code 513). Fix the step's input and try again.",
    );
  });

  it('a 555 server error on the record says to try again later', async () => {
    nock(EU_HOST)
      .post('/1/upload')
      .reply(200, {
        status: 'fail',
        processed: 0,
        unprocessed: [{ status: 'fail', code: 555, error: 'Server error' }],
      });
    const error = await failureOf(runEvent({ identity: '51', evtName: 'Deal Won' }));
    expect(messageOf(error)).toMatch(/code 555\)\. Try again in a few minutes\.$/);
  });
});
