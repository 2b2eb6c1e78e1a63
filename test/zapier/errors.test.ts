/** The Zapier errors the app throws, and the facts a failed request carries on its error (never re-read from its text). */
import nock from 'nock';
import zapier, { type ZObject } from 'zapier-platform-core';
import {
  appError,
  expiredAuthError,
  sendFailureOf,
  withSendFailure,
  type SendFailure,
} from '../../src/zapier/errors';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { appTester, authData, EU_HOST } from '../helpers';

const z = { errors: zapier.errors } as unknown as ZObject;

const REFUSED: SendFailure = {
  outcome: 'refused',
  kind: 'app',
  code: 'rejected',
  reason: 'CleverTap rejected the request as invalid: bad',
  status: 400,
};

describe('withSendFailure and sendFailureOf', () => {
  it('carry the facts on the error itself, and read them back', () => {
    const error = new Error('boom');
    expect(withSendFailure(error, REFUSED)).toBe(error);
    expect(sendFailureOf(error)).toEqual(REFUSED);
    expect(error.message).toBe('boom');
  });

  it('keep the error its own class, for the Zapier errors core tells apart', () => {
    const throttled = withSendFailure(new zapier.errors.ThrottledError('busy', 60), {
      ...REFUSED,
      kind: 'throttled',
      delay: 60,
    });
    expect(throttled).toBeInstanceOf(zapier.errors.ThrottledError);
    expect(sendFailureOf(throttled)).toMatchObject({ kind: 'throttled', delay: 60 });
  });

  it('say nothing about an error that is not one of the app’s, or about what is not an error', () => {
    expect(sendFailureOf(new Error('boom'))).toBeUndefined();
    expect(sendFailureOf(new zapier.errors.Error('refused', 'rejected', 400))).toBeUndefined();
    expect(sendFailureOf({ message: JSON.stringify(REFUSED) })).toBeUndefined();
    for (const value of [undefined, null, 'refused', 42]) expect(sendFailureOf(value)).toBeUndefined();
  });

  it('are not fooled by a property of the same name', () => {
    expect(sendFailureOf(Object.assign(new Error('x'), { sendFailure: REFUSED }))).toBeUndefined();
  });
});

describe('appError', () => {
  it('is the Zapier error Zapier shows as it is, carrying no facts unless given', () => {
    const error = appError(z, 'CleverTap is unavailable right now (HTTP 503).', 'unavailable', 503);
    expect(error).toBeInstanceOf(zapier.errors.Error);
    expect(JSON.parse(error.message)).toEqual({
      message: 'CleverTap is unavailable right now (HTTP 503).',
      code: 'unavailable',
      status: 503,
    });
    expect(sendFailureOf(error)).toBeUndefined();
  });

  it('with facts, carries them with its own message, code and status', () => {
    const error = appError(z, 'The connection failed.', 'network_error', 503, {
      outcome: 'unknown',
      kind: 'app',
    });
    expect(sendFailureOf(error)).toEqual({
      outcome: 'unknown',
      kind: 'app',
      reason: 'The connection failed.',
      code: 'network_error',
      status: 503,
    });
  });
});

describe('expiredAuthError', () => {
  it('is an ExpiredAuthError, so Zapier asks for the connection to be fixed, with the message as given', () => {
    const error = expiredAuthError(z, 'CleverTap refused the Account ID or Passcode. Then reconnect.');
    expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toBe('CleverTap refused the Account ID or Passcode. Then reconnect.');
  });

  it("asks core not to append its context (the step's input) to the message", () => {
    expect(expiredAuthError(z, 'Reconnect.')).toHaveProperty('doNotContextify', true);
    // Core's own ExpiredAuthError would be contextified.
    expect(new zapier.errors.ExpiredAuthError('Reconnect.')).not.toHaveProperty('doNotContextify', true);
  });

  it('reaches the user without "What happened" and the step\'s input after it', async () => {
    nock(EU_HOST).post('/1/upload').reply(401, { status: 'fail', error: 'Invalid Credentials', code: 401 });
    const error = (await appTester(upsertProfile, {
      authData,
      inputData: { identity: 'private-user@example.com' },
    }).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/^CleverTap refused the Account ID or Passcode for Europe \(eu1\)\./);
    expect(error.message).not.toContain('What happened');
    expect(error.message).not.toContain('private-user@example.com');
  });
});
