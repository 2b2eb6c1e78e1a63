/**
 * "Upload User Profiles in Bulk" itself: how one line item becomes a profile record, and its Default Phone Country.
 * What every bulk action does with its line items is run by ./kinds/bulk.ts; how the records are sent, and the shared
 * fields, by test/zapier/bulk.test.ts.
 */
import contact from '../fixtures/hubspot-new-contact.json';
import { perform } from '../../src/creates/upsert_profiles_bulk';
import { failureOf, messageOf, recordUploads } from '../helpers';
import { describeBulkAction } from './kinds/bulk';
import { runner } from './kinds/common';

const run = runner(perform);

describeBulkAction({
  label: 'Upload User Profiles in Bulk',
  perform,
  list: { key: 'profiles', label: 'Profiles' },
  item: { identity: 'contact-1', email: ' user1@example.com ', profileData: '{"Customer Number": 1}' },
  record: {
    type: 'profile',
    identity: 'contact-1',
    profileData: { 'Customer Number': 1, Email: 'user1@example.com' },
  },
  invalidItem: { identity: 'contact-2', email: 'ada@@example' },
  problem: 'Email: "ada@@example" is not an email address',
});

describe('Upload User Profiles in Bulk: an item', () => {
  it('sends HubSpot contacts as profiles with Name, Email and Phone normalised like the single action', async () => {
    const sent = recordUploads();
    const p = contact.properties;
    await run({
      defaultPhoneCountry: 'us',
      profiles: [
        {
          identity: contact.id,
          ts: p.createdate,
          name: ` ${p.firstname} ${p.lastname} `,
          email: ` ${p.email} `,
          phone: '(415) 555-0124',
          profileData: `{"Lifecycle Stage": "${p.lifecyclestage}", "Name": "overridden"}`,
        },
        { identity: '52', phone: '+44 20 7946 0958', profileData: { Plan: 'Gold', Visits: { $incr: 1 } } },
      ],
    });
    expect(sent).toEqual([
      {
        d: [
          {
            type: 'profile',
            identity: '51',
            ts: 1714573800,
            profileData: {
              Name: 'Ada Lovelace',
              Email: 'ada@example.com',
              Phone: '+14155550124',
              'Lifecycle Stage': 'lead',
            },
          },
          {
            type: 'profile',
            identity: '52',
            profileData: { Plan: 'Gold', Visits: { $incr: 1 }, Phone: '+442079460958' },
          },
        ],
      },
    ]);
  });

  it('reads Default Phone Country once for the whole list', async () => {
    const sent = recordUploads();
    const error = await failureOf(
      run({
        defaultPhoneCountry: 'Narnia',
        profiles: [{ identity: 'contact-1' }, { identity: 'contact-2' }],
      }),
    );
    expect(messageOf(error)).toMatch(/^Default Phone Country: "Narnia" is not a two-letter country code/);
    expect(sent).toEqual([]);
  });
});

describe('Upload User Profiles in Bulk: declared property types (issue 18)', () => {
  it("applies the declared types to every item's JSON properties; standard fields keep their own readers", async () => {
    const sent = recordUploads();
    await run({
      dateProperties: ['Last Modified'],
      keepAsText: 'zip code',
      profiles: [
        {
          identity: '51',
          email: 'ada@example.com',
          profileData: '{"Last Modified": "1726140966102", "Zip Code": 2139, "Score": "42"}',
        },
      ],
    });
    expect(sent[0]?.d).toEqual([
      {
        type: 'profile',
        identity: '51',
        profileData: {
          'Last Modified': '$D_1726140966',
          'Zip Code': '2139',
          Score: '42',
          Email: 'ada@example.com',
        },
      },
    ]);
  });

  it('stops the step naming the item, the field and the property when a value is not of its type; nothing sent', async () => {
    const sent = recordUploads();
    const message = messageOf(
      await failureOf(
        run({
          yesNoProperties: ['Is Customer'],
          profiles: [
            { identity: '51', profileData: '{"Is Customer": "maybe"}' },
            { identity: '52', profileData: '{"Is Customer": "no"}' },
          ],
        }),
      ),
    );
    expect(message).toMatch(
      /^Profiles: 1 of 2 items has a problem \(item 1\), so nothing was sent\. Fix them and try again\. Item 1, Profile Properties \(JSON\) > Is Customer: "maybe" is not yes or no/,
    );
    expect(message.length).toBeLessThanOrEqual(250);
    expect(sent).toEqual([]);
  });
});
