import nock from 'nock';
import deal from '../fixtures/hubspot-new-deal.json';
import answers from '../fixtures/clevertap-answers.json';
import triggerCampaign, { perform, sample } from '../../src/creates/trigger_campaign';
import {
  appTester,
  authData,
  cleverTapWithHeaders,
  EU_HOST,
  failureOf,
  mapFields,
  messageOf,
  PASSCODE,
} from '../helpers';

const PATH = '/1/send/externaltrigger.json';

/** "Deal stage changed to Closed Won" in HubSpot: the deal's contact gets the campaign, with the deal's values. */
const dealWon = {
  campaignId: '1695721550',
  ...mapFields({ identity: '{{associations.contacts}}' }, deal),
  personalization: mapFields(
    { 'Deal Name': '{{properties.dealname}}', Amount: '{{properties.amount}}' },
    deal,
  ),
};

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

/** The keys of a list of declared fields. */
const keysOf = (fields: unknown) => ((fields ?? []) as { key: string }[]).map((f) => f.key);

/** Records what each request to the trigger path carried, answering `answer`. */
function recordTriggers(answer: [number, unknown] = [200, { status: 'success' }]) {
  const sent: { body: string; headers: Record<string, unknown> }[] = [];
  nock(EU_HOST)
    .persist()
    .post(PATH)
    .reply(function (_uri, body) {
      sent.push({ body: typeof body === 'string' ? body : JSON.stringify(body), headers: this.req.headers });
      return answer;
    });
  return sent;
}

describe('Trigger Campaign', () => {
  it('sends a won HubSpot deal to its contact, with the deal values as text, and the two headers', async () => {
    let sent = '';
    const scope = cleverTapWithHeaders()
      .post(PATH, (body) => {
        sent = JSON.stringify(body);
        return true;
      })
      .reply(200, { status: 'success' });

    const result = await run(dealWon);

    expect(scope.isDone()).toBe(true);
    expect(JSON.parse(sent)).toStrictEqual({
      to: { identity: ['51'] },
      campaign_id: '1695721550',
      ExternalTrigger: { 'Deal Name': 'Acme renewal', Amount: '1200.50' },
    });
    expect(sent).toContain('"Amount":"1200.50"');
    expect(sent).toContain('"campaign_id":"1695721550"');
    expect(result).toEqual({
      status: 'queued',
      campaignId: '1695721550',
      identity: '51',
      personalization: { 'Deal Name': 'Acme renewal', Amount: '1200.50' },
      cleverTapSaid: 'success',
      note: expect.stringMatching(/^Queued by CleverTap; delivery is not confirmed/),
    });
  });

  it('sends the body as one JSON text with one Content-Type', async () => {
    const sent = recordTriggers();
    await run(dealWon);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-clevertap-account-id': 'TEST-ACC-123',
      'x-clevertap-passcode': PASSCODE,
    });
    expect(() => JSON.parse(sent[0]?.body ?? '') as unknown).not.toThrow();
  });

  it('sends to an email, without ExternalTrigger when there is no personalization', async () => {
    const scope = cleverTapWithHeaders()
      .post(PATH, { to: { email: ['ada@example.com'] }, campaign_id: '42' })
      .reply(200, { status: 'success' });
    const result = await run({ campaignId: ' 42 ', email: 'ada@example.com', personalization: {} });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ status: 'queued', campaignId: '42', email: 'ada@example.com' });
    expect(result).not.toHaveProperty('identity');
  });

  it('sends to an Object ID under objectId', async () => {
    const scope = cleverTapWithHeaders()
      .post(PATH, { to: { objectId: ['-2ce3cca260664f70b82b1c6bb505f462'] }, campaign_id: '1695721550' })
      .reply(200, { status: 'success' });
    const result = await run({ campaignId: '1695721550', objectId: '-2ce3cca260664f70b82b1c6bb505f462' });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ objectId: '-2ce3cca260664f70b82b1c6bb505f462' });
  });

  it('sends values exactly as given: 007 stays 007, 1200.50 stays 1200.50, {{...}} stays', async () => {
    const sent = recordTriggers();
    await run({
      campaignId: '1695721550',
      identity: '51',
      personalization: { Code: '007', Amount: '1200.50', Note: 'Hi {{first}}', Padded: ' a ' },
    });
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchObject({
      ExternalTrigger: { Code: '007', Amount: '1200.50', Note: 'Hi {{first}}', Padded: ' a ' },
    });
  });

  describe('refuses bad input before sending anything', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no Campaign ID', { identity: '51' }, /^Campaign ID: fill in the ID of the External Trigger campaign/],
      [
        'a campaign name as the ID',
        { campaignId: 'Onboarding', identity: '51' },
        /^Campaign ID: "Onboarding" is not a campaign ID/,
      ],
      ['no user', { campaignId: '1' }, /^Identity \/ Email \/ Object ID: fill in one of them/],
      [
        'two users',
        { campaignId: '1', identity: '51', email: 'ada@example.com' },
        /^Identity \/ Email: fill in only one/,
      ],
      [
        'a bad email',
        { campaignId: '1', email: 'ada at example' },
        /^Email: "ada at example" is not an email/,
      ],
      [
        'a personalization value without a name',
        { campaignId: '1', identity: '51', personalization: { '': 'Acme renewal' } },
        /^Personalization: the value "Acme renewal" has no placeholder name/,
      ],
      [
        'a personalization value that is a list',
        { campaignId: '1', identity: '51', personalization: { Items: ['a', 'b'] } },
        /^Personalization > Items: expected a single value/,
      ],
    ];

    it.each(cases)('%s', async (_name, inputData, expected) => {
      const scope = nock(EU_HOST).post(PATH).reply(200, { status: 'success' });
      const error = await failureOf(run(inputData));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toMatch(expected);
      expect(scope.isDone()).toBe(false);
    });
  });

  describe("CleverTap's answers", () => {
    it('a 200 fail is an error in plain words, never a success', async () => {
      nock(EU_HOST).post(PATH).reply(200, { status: 'fail', error: 'Campaign not found', code: 9 });
      const error = await failureOf(run(dealWon));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toMatch(
        /^CleverTap did not send the campaign message: Campaign not found \(CleverTap code 9\)\. Check the Campaign ID/,
      );
    });

    it('an unknown 200: not known whether it was sent; a replay sends it again', async () => {
      nock(EU_HOST).post(PATH).reply(200, { result: 'ok' });
      const message = messageOf(await failureOf(run(dealWon)));
      expect(message).toMatch(/not known whether the campaign message was sent/);
      expect(message).toMatch(/a replay sends it again/);
    });

    it('a 200 that is not JSON is unknown too', async () => {
      nock(EU_HOST).post(PATH).reply(200, '<html>gateway</html>', { 'Content-Type': 'text/html' });
      const message = messageOf(await failureOf(run(dealWon)));
      expect(message).toMatch(/HTTP 200.*not known whether the campaign message was sent/);
    });

    it("HTTP 400 with code 9: CleverTap's text", async () => {
      nock(EU_HOST).post(PATH).reply(400, { status: 'fail', error: 'Invalid campaign id', code: 9 });
      const error = await failureOf(run(dealWon));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toBe('CleverTap rejected the request as invalid: Invalid campaign id');
    });

    it('401: ExpiredAuthError naming the region', async () => {
      nock(EU_HOST).post(PATH).reply(401, answers.invalidCredentials);
      const error = await failureOf(run(dealWon));
      expect(error.name).toBe('ExpiredAuthError');
      expect(messageOf(error)).toMatch(/Account ID or Passcode for Europe \(eu1\)/);
      expect(messageOf(error)).not.toContain(PASSCODE);
    });

    it('429: ThrottledError', async () => {
      nock(EU_HOST).post(PATH).reply(429, answers.tooManyRequests);
      const error = await failureOf(run(dealWon));
      expect(error.name).toBe('ThrottledError');
      expect(messageOf(error)).toMatch(/too many requests/);
    });

    it('a reset: the message may have been sent, and exactly one request was made (no retry)', async () => {
      // An Error with the code, as node's socket reports it: nock 14 hangs on a plain `{ code: 'ECONNRESET' }`.
      const reset = nock(EU_HOST)
        .post(PATH)
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const again = recordTriggers();
      const error = await failureOf(run(dealWon));
      const message = messageOf(error);
      expect(error.name).toBe('AppError');
      expect(message).toMatch(/^The connection to CleverTap failed \(ECONNRESET\)\./);
      expect(message).toMatch(/The message may or may not have been sent/);
      expect(message).toMatch(/a replay sends the message again/);
      expect(reset.isDone()).toBe(true);
      expect(again).toHaveLength(0);
    });
  });

  describe('the definition', () => {
    it('key, noun, label, a description as written', () => {
      expect(triggerCampaign.key).toBe('trigger_campaign');
      expect(triggerCampaign.noun).toBe('Campaign Message');
      expect(triggerCampaign.display.label).toBe('Trigger Campaign');
      expect(triggerCampaign.display.description).toMatch(
        /^Sends a user the message of an External Trigger campaign/,
      );
      expect(triggerCampaign.display.description).toMatch(/queues it; a replay sends it again/);
    });

    it('the input fields, in order', () => {
      expect(keysOf(triggerCampaign.operation.inputFields)).toEqual([
        'campaignId',
        'identity',
        'email',
        'objectId',
        'personalization',
      ]);
    });

    it("the sample's keys are output fields", () => {
      const declared = keysOf(triggerCampaign.operation.outputFields);
      const scalars = Object.entries(sample).filter(([, v]) => typeof v !== 'object');
      expect(scalars.map(([k]) => k).filter((k) => !declared.includes(k))).toEqual([]);
      expect(sample.status).toBe('queued');
    });
  });
});
