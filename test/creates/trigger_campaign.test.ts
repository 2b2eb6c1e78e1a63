/**
 * "Trigger Campaign" itself: whom it sends to and with which values. What every acting action shares (the request,
 * the output, the refusals of bad input, the definition) is run by ./kinds/acting.ts; CleverTap's answers by the
 * failure matrix and test/zapier/acts.test.ts.
 */
import deal from '../fixtures/hubspot-new-deal.json';
import triggerCampaign, { perform } from '../../src/creates/trigger_campaign';
import { cleverTapWithHeaders, mapFields } from '../helpers';
import { describeActingAction } from './kinds/acting';
import { recordPosts, runner } from './kinds/common';

const PATH = '/1/send/externaltrigger.json';

const run = runner(perform);

describeActingAction({
  definition: triggerCampaign.definition,
  perform,
  path: PATH,
  // "Deal stage changed to Closed Won" in HubSpot: the deal's contact gets the campaign, with the deal's values.
  input: {
    campaignId: '1695721550',
    ...mapFields({ identity: '{{associations.contacts}}' }, deal),
    personalization: mapFields(
      { 'Deal Name': '{{properties.dealname}}', Amount: '{{properties.amount}}' },
      deal,
    ),
  },
  body: {
    to: { identity: ['51'] },
    campaign_id: '1695721550',
    ExternalTrigger: { 'Deal Name': 'Acme renewal', Amount: '1200.50' },
  },
  output: {
    status: 'queued',
    campaignId: '1695721550',
    identity: '51',
    personalization: { 'Deal Name': 'Acme renewal', Amount: '1200.50' },
    cleverTapSaid: 'success',
    note: expect.stringMatching(/^Queued by CleverTap; delivery is not confirmed/),
  },
  invalid: [
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
    ['a bad email', { campaignId: '1', email: 'ada at example' }, /^Email: "ada at example" is not an email/],
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
  ],
  about: {
    key: 'trigger_campaign',
    noun: 'Campaign Message',
    label: 'Trigger Campaign',
    description: [
      /^Sends a user the message of an External Trigger campaign/,
      /queues it; a replay sends it again/,
    ],
    inputFields: ['campaignId', 'identity', 'email', 'objectId', 'personalization'],
  },
});

describe('Trigger Campaign: whom and with what', () => {
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
    const sent = recordPosts(PATH, [200, { status: 'success' }]);
    await run({
      campaignId: '1695721550',
      identity: '51',
      personalization: { Code: '007', Amount: '1200.50', Note: 'Hi {{first}}', Padded: ' a ' },
    });
    expect(sent[0]?.body).toContain('"Amount":"1200.50"');
    expect(JSON.parse(sent[0]?.body ?? '')).toMatchObject({
      ExternalTrigger: { Code: '007', Amount: '1200.50', Note: 'Hi {{first}}', Padded: ' a ' },
    });
  });
});
