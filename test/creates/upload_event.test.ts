/**
 * "Upload Event" itself: the event name and properties it reads. What every single upload shares (the record sent, the
 * output, the refusals of bad input) is run by ./kinds/single-upload.ts; CleverTap's answers by the failure matrix and
 * test/zapier/send.test.ts.
 */
import nock from 'nock';
import deal from '../fixtures/hubspot-new-deal.json';
import answers from '../fixtures/clevertap-answers.json';
import { perform } from '../../src/creates/upload_event';
import { EU_HOST, mapFields } from '../helpers';
import { describeSingleUpload } from './kinds/single-upload';
import { runner } from './kinds/common';

/** How a user maps a HubSpot "New Deal" into the action: the deal's contact is the user. */
const dealMapping = {
  evtName: 'Deal Created',
  identity: '{{associations.contacts}}',
  ts: '{{properties.createdate}}',
  evtData:
    '{"Deal ID": "{{id}}", "Deal Name": "{{properties.dealname}}", "Amount": {{properties.amount}}, ' +
    '"Stage": "{{properties.dealstage}}", "Pipeline": "{{properties.pipeline}}", "Close Date": "{{properties.closedate}}"}',
};

const run = runner(perform);

const record = {
  type: 'event',
  identity: '51',
  ts: 1714573800,
  evtName: 'Deal Created',
  evtData: {
    'Deal ID': '9001',
    'Deal Name': 'Acme renewal',
    Amount: 1200.5,
    Stage: 'closedwon',
    Pipeline: 'default',
    'Close Date': '2024-06-01T00:00:00.000Z',
  },
};

describeSingleUpload({
  label: 'Upload Event',
  perform,
  input: mapFields(dealMapping, deal),
  record,
  output: { status: 'success', processed: 1, ...record, ts: '2024-05-01T14:30:00Z' },
  invalid: [
    ['an empty event name', { identity: 'u', evtName: '  ' }, /^Event Name: fill in the name of the event/],
    [
      'an event name with "."',
      { identity: 'u', evtName: 'deal.won' },
      /^Event Name: the event name contains "\."/,
    ],
    ['an event name with ":" and "$"', { identity: 'u', evtName: 'a:b$' }, /contains ":" "\$"/],
    [
      'a system event',
      { identity: 'u', evtName: 'App Launched' },
      /"App Launched", an event CleverTap records itself/,
    ],
    [
      'a system event in other casing and spacing',
      { identity: 'u', evtName: 'notificationclicked' },
      /"Notification Clicked"/,
    ],
    ['an event name over 512 characters', { identity: 'u', evtName: 'e'.repeat(513) }, /over 512 bytes/],
    ['no user key', { evtName: 'Signed Up' }, /^Identity \/ Object ID: fill in one/],
    [
      'bad JSON',
      { identity: 'u', evtName: 'Signed Up', evtData: '{"a": 1 "b": 2}' },
      /^Event Properties \(JSON\): this is not valid JSON/,
    ],
    [
      'a list property',
      { identity: 'u', evtName: 'Signed Up', evtData: '{"Tags": ["a"]}' },
      /list for "Tags"/,
    ],
    [
      'too many properties',
      {
        identity: 'u',
        evtName: 'Big',
        evtData: JSON.stringify(Object.fromEntries([...Array(257)].map((_, i) => [`p${i}`, i]))),
      },
      /has 257 properties; CleverTap takes at most 256/,
    ],
    [
      'a key over 120 characters',
      { identity: 'u', evtName: 'E', evtData: JSON.stringify({ ['k'.repeat(121)]: 1 }) },
      /over 120 bytes/,
    ],
    ['a Creation Date of 0', { identity: 'u', evtName: 'E', ts: '0' }, /not after 1 January 1970/],
  ],
});

describe('Upload Event: the event', () => {
  it('sends evtData {} when Event Properties is empty', async () => {
    const scope = nock(EU_HOST)
      .post('/1/upload', { d: [{ type: 'event', identity: 'u1', evtName: 'Signed Up', evtData: {} }] })
      .reply(200, answers.success);
    await run({ identity: 'u1', evtName: 'Signed Up' });
    expect(scope.isDone()).toBe(true);
  });

  it('allows Charged, the purchase event', async () => {
    const scope = nock(EU_HOST).post('/1/upload').reply(200, answers.success);
    await run({ identity: 'u1', evtName: 'Charged', evtData: '{"Amount": 10}' });
    expect(scope.isDone()).toBe(true);
  });
});
