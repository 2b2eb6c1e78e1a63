/**
 * The acting calls (src/zapier/acts.ts) through Zapier's tester, with nock as CleverTap's eu1 host: what is sent, and
 * which answers are a success and which an error, in which words.
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { deleteProfile, triggerCampaign, updateSubscriptions } from '../../src/zapier/acts';
import type { SubscriptionRecord, TriggerBody } from '../../src/clevertap/acts';
import type { UserKey } from '../../src/clevertap/records';
import { sendFailureOf } from '../../src/zapier/errors';
import {
  appTester,
  authData,
  cleverTapWithHeaders,
  EU_HOST,
  failureOf,
  messageOf,
  PASSCODE,
} from '../helpers';

const TRIGGER = '/1/send/externaltrigger.json';
const SUBSCRIBE = '/1/subscribe';
const DELETE = '/1/delete/profiles.json';

const body = {
  to: { identity: ['51'] },
  campaign_id: '1695721550',
  ExternalTrigger: { 'Deal Name': 'Acme renewal', Amount: '1200.50' },
} satisfies TriggerBody;
const email = { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' } satisfies SubscriptionRecord;
const phone = { type: 'phone', value: '+14155550123', status: 'Unsubscribe' } satisfies SubscriptionRecord;

const trigger = (b: TriggerBody = body) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => {
      await triggerCampaign(z, bundle, b);
      return 'done';
    },
    { authData },
  );
const subscribe = (records: SubscriptionRecord[]) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => {
      await updateSubscriptions(z, bundle, records);
      return 'done';
    },
    { authData },
  );
const remove = (user: UserKey) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => {
      await deleteProfile(z, bundle, user);
      return 'done';
    },
    { authData },
  );

/**
 * A connection reset as node's socket reports it. An Error, not the plain `{ code: 'ECONNRESET' }`: nock 14 passes a
 * plain object to `req.destroy()`, where node-fetch never sees it and the request hangs until its timeout.
 */
const connectionReset = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });

describe('triggerCampaign', () => {
  it('posts the body as JSON with both headers, and a success is done', async () => {
    const scope = cleverTapWithHeaders().post(TRIGGER, body).reply(200, { status: 'success' });
    await expect(trigger()).resolves.toBe('done');
    expect(scope.isDone()).toBe(true);
  });

  it('a 200 fail is an error with what CleverTap said and its code, marked refused', async () => {
    nock(EU_HOST).post(TRIGGER).reply(200, { status: 'fail', error: 'Campaign is not running', code: 9 });
    const error = await failureOf(trigger());
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toBe(
      'CleverTap did not send the campaign message: Campaign is not running (CleverTap code 9). ' +
        'Check the Campaign ID (an External Trigger campaign that is running) and the user.',
    );
    expect(sendFailureOf(error)).toMatchObject({ outcome: 'refused' });
  });

  it('a 200 fail without a text still says it was not sent', async () => {
    nock(EU_HOST).post(TRIGGER).reply(200, { status: 'fail' });
    const error = await failureOf(trigger());
    expect(messageOf(error)).toMatch(/^CleverTap did not send the campaign message\. Check the Campaign ID/);
  });

  it('a long CleverTap text is shortened so the message fits what Zapier shows', async () => {
    // The tester fails any message over 250 characters; the text here is 150 characters, the rest must still fit.
    nock(EU_HOST)
      .post(TRIGGER)
      .reply(200, { status: 'fail', error: `Campaign ${'x'.repeat(141)}`, code: 9 });
    const error = await failureOf(trigger());
    expect(messageOf(error)).toMatch(
      /^CleverTap did not send the campaign message: Campaign x+…? ?\(CleverTap code 9\)\. Check the Campaign ID/,
    );
    expect(messageOf(error).length).toBeLessThanOrEqual(250);
  });

  it.each([
    ['an empty object', {}],
    ['another status', { status: 'queued' }],
    ['text', 'OK'],
  ])('an unknown 200 (%s): not known whether it was sent, a replay sends it again', async (_n, answer) => {
    nock(EU_HOST)
      .post(TRIGGER)
      .reply(200, answer as object);
    const error = await failureOf(trigger());
    const message = messageOf(error);
    expect(message).toMatch(/not known whether the campaign message was sent/);
    expect(message).toMatch(/a replay sends it again/);
    expect(message).toContain('HTTP 200');
    expect(sendFailureOf(error)).toMatchObject({ outcome: 'unknown' });
  });

  it('a reset: the message may have been sent, and no second request is made', async () => {
    let again = 0;
    const reset = nock(EU_HOST).post(TRIGGER).replyWithError(connectionReset());
    // Anything sent after the reset would be counted here, and answered as a success.
    nock(EU_HOST)
      .persist()
      .post(TRIGGER)
      .reply(() => {
        again += 1;
        return [200, { status: 'success' }];
      });
    const error = await failureOf(trigger());
    const message = messageOf(error);
    expect(message).toMatch(/^The connection to CleverTap failed \(ECONNRESET\)\./);
    expect(message).toMatch(/message may or may not have been sent/);
    expect(message).toMatch(/a replay sends the message again/);
    expect(sendFailureOf(error)).toMatchObject({ outcome: 'unknown' });
    expect(reset.isDone()).toBe(true);
    expect(again).toBe(0);
  });
});

describe('updateSubscriptions', () => {
  it('posts the records under d, and success without counts is done', async () => {
    const scope = cleverTapWithHeaders()
      .post(SUBSCRIBE, { d: [email, phone] })
      .reply(200, { status: 'success' });
    await expect(subscribe([email, phone])).resolves.toBe('done');
    expect(scope.isDone()).toBe(true);
  });

  it('partial: names the address not updated, and the reason', async () => {
    nock(EU_HOST)
      .post(SUBSCRIBE)
      .reply(200, {
        status: 'partial',
        processed: 1,
        unprocessed: [
          {
            status: 'fail',
            code: 516,
            error:
              'Phone is invalid. ErrorCode: 516 - value must be +<country code><number>. Skipped record number : 2',
            record: phone,
          },
        ],
      });
    const error = await failureOf(subscribe([email, phone]));
    const message = messageOf(error);
    expect(error.name).toBe('AppError');
    expect(message).toMatch(/^CleverTap did not update every subscription status/);
    expect(message).toContain('not updated: phone +14155550123');
    expect(message).toContain('code 516');
    expect(message).not.toContain('ada@example.com');
    expect(message).toMatch(/replaying this step is safe\.$/);
  });

  it('processed short of what was sent: the addresses are not confirmed', async () => {
    nock(EU_HOST).post(SUBSCRIBE).reply(200, { status: 'success', processed: 1, unprocessed: [] });
    const message = messageOf(await failureOf(subscribe([email, phone])));
    expect(message).toContain('not confirmed: email ada@example.com; phone +14155550123');
  });

  it('a fail names every address', async () => {
    nock(EU_HOST).post(SUBSCRIBE).reply(200, { status: 'fail', error: 'Invalid request' });
    const message = messageOf(await failureOf(subscribe([email])));
    expect(message).toContain('email ada@example.com');
  });

  it('an unknown 200: not known whether the status was updated; safe to replay', async () => {
    nock(EU_HOST).post(SUBSCRIBE).reply(200, { ok: true });
    const error = await failureOf(subscribe([email]));
    expect(messageOf(error)).toMatch(
      /not known whether the subscription status was updated; replaying this step is safe/,
    );
    expect(sendFailureOf(error)).toMatchObject({ outcome: 'unknown' });
  });

  it('a reset of a subscribe: safe to replay', async () => {
    nock(EU_HOST).post(SUBSCRIBE).replyWithError(connectionReset());
    const message = messageOf(await failureOf(subscribe([email])));
    expect(message).toMatch(/ECONNRESET.*safe to replay/);
  });

  it('the message fits what Zapier shows, even for very long addresses', async () => {
    const long = (n: number): SubscriptionRecord => ({
      type: 'email',
      value: `${String(n).repeat(200)}@example.com`,
      status: 'Unsubscribe',
    });
    nock(EU_HOST).post(SUBSCRIBE).reply(200, { status: 'fail' });
    const message = messageOf(await failureOf(subscribe([long(1), long(2), long(3)])));
    expect(message.length).toBeLessThanOrEqual(250);
    expect(message).toMatch(/^CleverTap did not update every subscription status, not confirmed: email 1+/);
  });
});

describe('deleteProfile', () => {
  it('posts identity as a list, with both headers', async () => {
    const scope = cleverTapWithHeaders()
      .post(DELETE, { identity: ['client-19827239'] })
      .reply(200, { status: 'success' });
    await expect(remove({ identity: 'client-19827239' })).resolves.toBe('done');
    expect(scope.isDone()).toBe(true);
  });

  it('posts an Object ID as guid', async () => {
    const scope = cleverTapWithHeaders()
      .post(DELETE, { guid: ['df2e224d90874887b4d61153ef3a2508'] })
      .reply(200, { status: 'success' });
    await expect(remove({ objectId: 'df2e224d90874887b4d61153ef3a2508' })).resolves.toBe('done');
    expect(scope.isDone()).toBe(true);
  });

  it('a 200 fail is an error in plain words', async () => {
    nock(EU_HOST).post(DELETE).reply(200, { status: 'fail', error: 'Invalid guid', code: 526 });
    const message = messageOf(await failureOf(remove({ objectId: 'x' })));
    expect(message).toBe(
      "CleverTap did not delete the profile: Invalid guid (CleverTap code 526). Check the step's input and try again.",
    );
  });

  it('an unknown 200: not known whether CleverTap will delete it', async () => {
    nock(EU_HOST).post(DELETE).reply(200, { deleted: 1 });
    const message = messageOf(await failureOf(remove({ identity: 'u1' })));
    expect(message).toMatch(
      /not known whether CleverTap will delete the profile; replaying this step is safe/,
    );
  });
});

describe('request-level failures, for every acting call', () => {
  const calls: [string, string, () => Promise<unknown>][] = [
    ['trigger', TRIGGER, () => trigger()],
    ['subscribe', SUBSCRIBE, () => subscribe([email])],
    ['delete', DELETE, () => remove({ identity: 'u1' })],
  ];

  it.each(calls)('%s: HTTP 400 with code 9 is a refusal with its text', async (_n, path, call) => {
    nock(EU_HOST).post(path).reply(400, { status: 'fail', error: 'Invalid campaign_id', code: 9 });
    const error = await failureOf(call());
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toBe('CleverTap rejected the request as invalid: Invalid campaign_id');
  });

  it.each(calls)('%s: 401 is an ExpiredAuthError naming the region', async (_n, path, call) => {
    nock(EU_HOST).post(path).reply(401, { status: 'fail', error: 'Invalid Credentials', code: 401 });
    const error = await failureOf(call());
    expect(error.name).toBe('ExpiredAuthError');
    expect(messageOf(error)).toMatch(/Account ID or Passcode for Europe \(eu1\)/);
    expect(messageOf(error)).not.toContain(PASSCODE);
  });

  it.each(calls)('%s: 429 is a ThrottledError', async (_n, path, call) => {
    nock(EU_HOST).post(path).reply(429, { status: 'fail', error: 'Too many concurrent requests', code: 429 });
    const error = await failureOf(call());
    expect(error.name).toBe('ThrottledError');
    expect(messageOf(error)).toMatch(/too many requests/);
  });
});
