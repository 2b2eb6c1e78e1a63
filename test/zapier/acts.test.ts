/**
 * The acting calls (src/zapier/acts.ts) through Zapier's tester, with nock as CleverTap's eu1 host: how each reads
 * CleverTap's answers beyond what the failure matrix runs against every action (test/reliability/failures.test.ts),
 * i.e. the outcome each failure is marked with, CleverTap's texts kept within what Zapier shows, and the addresses a
 * subscribe answer names. What each action sends is its own test's (test/creates/, through ./kinds/acting.ts).
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { triggerCampaign, updateSubscriptions } from '../../src/zapier/acts';
import type { SubscriptionRecord, TriggerBody } from '../../src/clevertap/acts';
import { sendFailureOf } from '../../src/zapier/errors';
import { appTester, authData, EU_HOST, failureOf, messageOf } from '../helpers';

const TRIGGER = '/1/send/externaltrigger.json';
const SUBSCRIBE = '/1/subscribe';

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
      await triggerCampaign(z, bundle, b, 'sends_twice');
      return 'done';
    },
    { authData },
  );
const subscribe = (records: SubscriptionRecord[]) =>
  appTester(
    async (z: ZObject, bundle: Bundle) => {
      await updateSubscriptions(z, bundle, records, 'safe');
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

  it('an unknown 200 is marked unknown: whether the message was sent is not known', async () => {
    nock(EU_HOST).post(TRIGGER).reply(200, { status: 'queued' });
    const error = await failureOf(trigger());
    expect(messageOf(error)).toMatch(/HTTP 200.*not known whether the campaign message was sent/);
    expect(sendFailureOf(error)).toMatchObject({ outcome: 'unknown' });
  });

  it('a reset is marked unknown, and no second request is made', async () => {
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
    expect(messageOf(error)).toMatch(/^The connection to CleverTap failed \(ECONNRESET\)\./);
    expect(sendFailureOf(error)).toMatchObject({ outcome: 'unknown' });
    expect(reset.isDone()).toBe(true);
    expect(again).toBe(0);
  });
});

describe('updateSubscriptions', () => {
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

  it('an unknown 200: not known whether the status was updated; safe to replay', async () => {
    nock(EU_HOST).post(SUBSCRIBE).reply(200, { ok: true });
    const error = await failureOf(subscribe([email]));
    expect(messageOf(error)).toMatch(
      /not known whether the subscription status was updated; replaying this step is safe/,
    );
    expect(sendFailureOf(error)).toMatchObject({ outcome: 'unknown' });
  });

  it('partial with no address named: the addresses sent are not confirmed', async () => {
    nock(EU_HOST).post(SUBSCRIBE).reply(200, { status: 'partial', processed: 2, unprocessed: [] });
    const message = messageOf(await failureOf(subscribe([email, phone])));
    expect(message).toMatch(/^CleverTap did not update every subscription status/);
    expect(message).toContain('ada@example.com');
    expect(message).toContain('+14155550123');
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
