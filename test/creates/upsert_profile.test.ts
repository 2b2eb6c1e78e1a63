/**
 * "Create/Update User Profile" itself: the user key and the properties it reads. What every single upload shares (the
 * record sent, the output, the refusals of bad input) is run by ./kinds/single-upload.ts; CleverTap's answers by the
 * failure matrix and test/zapier/send.test.ts.
 */
import nock from 'nock';
import contact from '../fixtures/hubspot-new-contact.json';
import answers from '../fixtures/clevertap-answers.json';
import { perform } from '../../src/creates/upsert_profile';
import { EU_HOST, mapFields } from '../helpers';
import { describeSingleUpload } from './kinds/single-upload';
import { runner } from './kinds/common';

/** How a user maps a HubSpot "New Contact" into the action, typing the JSON around mapped values. */
const contactMapping = {
  identity: '{{properties.email}}',
  ts: '{{properties.createdate}}',
  profileData:
    '{"Name": "{{properties.firstname}} {{properties.lastname}}", "Email": "{{properties.email}}", ' +
    '"Phone": "{{properties.phone}}", "Lifecycle Stage": "{{properties.lifecyclestage}}", ' +
    '"HubSpot Contact ID": "{{id}}"}',
};

const run = runner(perform);

const profileData = {
  Name: 'Ada Lovelace',
  Email: 'ada@example.com',
  Phone: '+14155550123',
  'Lifecycle Stage': 'lead',
  'HubSpot Contact ID': '51',
};

describeSingleUpload({
  label: 'Create/Update User Profile',
  perform,
  input: mapFields(contactMapping, contact),
  record: { type: 'profile', identity: 'ada@example.com', ts: 1714573800, profileData },
  output: {
    status: 'success',
    processed: 1,
    type: 'profile',
    identity: 'ada@example.com',
    ts: '2024-05-01T14:30:00Z',
    profileData,
  },
  invalid: [
    ['neither user key', { profileData: '{}' }, /^Identity \/ Object ID: fill in one of them/],
    ['both user keys', { identity: 'a', objectId: '-1' }, /^Identity \/ Object ID: fill in only one/],
    [
      'a mapped value with a quote that breaks the JSON',
      mapFields({ identity: 'x', profileData: '{"Name": "{{name}}"}' }, { name: 'Ada "The Countess"' }),
      /^Profile Properties \(JSON\): this is not valid JSON at line 1, column \d+ .*double quote/,
    ],
    [
      'JSON that is a list',
      { identity: 'x', profileData: '[1, 2]' },
      /^Profile Properties \(JSON\): this must be a JSON object.*got a list/,
    ],
    [
      'an unknown date',
      { identity: 'x', ts: 'next tuesday' },
      /^Creation Date: "next tuesday" is not a date/,
    ],
    [
      'a key with a forbidden character',
      { identity: 'x', profileData: '{"plan.tier": "gold"}' },
      /"plan\.tier".*"\."/,
    ],
    ['a key with #', { identity: 'x', profileData: '{"#tag": "a"}' }, /"#tag", which contains "#"/],
    [
      'a Gender CleverTap refuses',
      { identity: 'x', profileData: '{"Gender": "female"}' },
      /"Gender"; CleverTap accepts M or F/,
    ],
    [
      'a phone without country code',
      { identity: 'x', profileData: '{"Phone": "(415) 555-0123"}' },
      /country code/,
    ],
    [
      'a value over 512 characters',
      { identity: 'x', profileData: JSON.stringify({ Bio: 'a'.repeat(513) }) },
      /over 512 bytes/,
    ],
    [
      'a nested object',
      { identity: 'x', profileData: '{"Address": {"City": "London"}}' },
      /nested object for "Address"/,
    ],
    ['a list with a duplicate', { identity: 'x', profileData: '{"Tags": ["a", "a"]}' }, /same value twice/],
  ],
});

describe('Create/Update User Profile: the user key', () => {
  it('sends objectId instead of identity, and no ts when Creation Date is empty', async () => {
    const scope = nock(EU_HOST)
      .post('/1/upload', {
        d: [{ type: 'profile', objectId: '-2ce3cca260664f70b82b1c6bb505f462', profileData: {} }],
      })
      .reply(200, answers.success);

    const result = await run({ objectId: '-2ce3cca260664f70b82b1c6bb505f462', ts: '', profileData: '' });

    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ objectId: '-2ce3cca260664f70b82b1c6bb505f462' });
    expect(result).not.toHaveProperty('ts');
  });
});
