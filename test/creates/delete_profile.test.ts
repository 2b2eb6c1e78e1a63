/**
 * "Delete User Profile" itself: which user key it deletes by. What every acting action shares (the request, the
 * output, the refusals of bad input, the definition) is run by ./kinds/acting.ts; CleverTap's answers by the failure
 * matrix and test/zapier/acts.test.ts.
 */
import contact from '../fixtures/hubspot-new-contact.json';
import deleteProfile, { perform } from '../../src/creates/delete_profile';
import { mapFields } from '../helpers';
import { describeActingAction } from './kinds/acting';
import { recordPosts, runner } from './kinds/common';

const PATH = '/1/delete/profiles.json';

const run = runner(perform);

describeActingAction({
  definition: deleteProfile.definition,
  perform,
  path: PATH,
  // "Contact deleted" (or a GDPR request) in HubSpot: the contact's profile, by the identity it was uploaded with.
  input: mapFields({ identity: '{{properties.email}}' }, contact),
  body: { identity: ['ada@example.com'] },
  output: {
    status: 'deletion_requested',
    identity: 'ada@example.com',
    note: expect.stringMatching(/in the background \(about 48 hours\).*creates a new profile/),
  },
  invalid: [
    ['neither key', {}, /^Identity \/ Object ID: fill in one of them/],
    ['blank keys', { identity: '  ', objectId: '' }, /^Identity \/ Object ID: fill in one of them/],
    [
      'both keys',
      { identity: 'client-19827239', objectId: 'df2e224d90874887b4d61153ef3a2508' },
      /^Identity \/ Object ID: fill in only one of them/,
    ],
    ['an Object ID with spaces', { objectId: 'df2e 224d' }, /^Object ID: "df2e 224d" contains spaces/],
    ['a list as the identity', { identity: ['a', 'b'] }, /^Identity: expected a single value/],
  ],
  about: {
    key: 'delete_profile',
    noun: 'User Profile',
    label: 'Delete User Profile',
    description: [
      /^Deletes /,
      /event history/,
      /background \(about 48 hours\)/,
      /later upload with the same Identity creates a new profile/,
    ],
    inputFields: ['identity', 'objectId'],
  },
});

describe('Delete User Profile: by Object ID', () => {
  it('deletes by Object ID under guid, never with identity', async () => {
    const sent = recordPosts(PATH, [200, { status: 'success' }]);
    const result = await run({ objectId: ' df2e224d90874887b4d61153ef3a2508 ' });
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]?.body ?? '')).toStrictEqual({ guid: ['df2e224d90874887b4d61153ef3a2508'] });
    expect(result).toMatchObject({
      status: 'deletion_requested',
      objectId: 'df2e224d90874887b4d61153ef3a2508',
    });
    expect(result).not.toHaveProperty('identity');
  });
});
