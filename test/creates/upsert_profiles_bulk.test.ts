import contact from '../fixtures/hubspot-new-contact.json';
import { perform } from '../../src/creates/upsert_profiles_bulk';
import { allProcessed, appTester, authData, messageOf, recordUploads, UploadAnswer } from '../helpers';

const profiles = (n: number): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => ({
    identity: `contact-${i + 1}`,
    email: `user${i + 1}@example.com`,
    profileData: `{"Customer Number": ${i + 1}}`,
  }));

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    (result) => {
      throw new Error(`expected the step to fail, but it returned ${JSON.stringify(result)}`);
    },
    (error: unknown) => error as Error,
  );
const codeOf = (error: Error) => (JSON.parse(error.message) as { code: string }).code;

describe('Upload User Profiles in Bulk', () => {
  it('sends HubSpot contacts as profiles with Name, Email and Phone normalised like the single action', async () => {
    const sent = recordUploads();
    const p = contact.properties;
    const result = await run({
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
    expect(result).toEqual({ status: 'success', items: 2, processed: 2, failed: 0, requests: 1, skipped: 0 });
  });

  it.each([
    [1000, [1000]],
    [1001, [1000, 1]],
    [2500, [1000, 1000, 500]],
  ])('%i profiles: requests of %p', async (n, sizes) => {
    const sent = recordUploads();
    const result = await run({ profiles: profiles(n) });
    expect(sent.map((s) => s.d.length)).toEqual(sizes);
    expect(sent.map((s) => s.d[0]?.identity)).toEqual(sizes.map((_, i) => `contact-${i * 1000 + 1}`));
    expect(result).toMatchObject({ items: n, processed: n, requests: sizes.length });
  });

  it('reports every invalid item together and sends nothing', async () => {
    const sent = recordUploads();
    const list = profiles(1200);
    list[2] = { ...list[2], email: 'ada@@example' };
    list[1100] = { identity: '', phone: '555-0123', ts: 'soon' };
    const error = await failureOf(run({ profiles: list }));
    const message = messageOf(error);
    expect(message).toMatch(/^Profiles: 2 of the 1200 items have problems, so nothing was sent\. /);
    expect(message).toContain('Item 3, Email: "ada@@example" is not an email address');
    expect(message).toContain('Item 1101, Identity / Object ID: fill in one of them');
    expect(message).toContain('Item 1101, Creation Date: "soon" is not a date');
    expect(message).toContain('Item 1101, Phone: "555-0123" has no country code');
    expect(sent).toEqual([]);
  });

  it('reads Default Phone Country once for the whole list', async () => {
    const sent = recordUploads();
    const error = await failureOf(run({ defaultPhoneCountry: 'Narnia', profiles: profiles(3) }));
    expect(messageOf(error)).toMatch(/^Default Phone Country: "Narnia" is not a two-letter country code/);
    expect(sent).toEqual([]);
  });

  it('a record refused in the second request: named by its item number; replaying is safe for profiles', async () => {
    const sent = recordUploads((records, request) =>
      request === 2
        ? [
            200,
            {
              status: 'partial',
              processed: records.length - 1,
              unprocessed: [
                {
                  status: 'fail',
                  code: 516,
                  error: 'Invalid phone. ErrorCode: 516. Skipped record number : 3',
                  record: records[2],
                },
              ],
            },
          ]
        : allProcessed(records, request),
    );
    const error = await failureOf(run({ profiles: profiles(1500) }));
    expect(sent).toHaveLength(2);
    expect(codeOf(error)).toBe('partly_saved');
    expect(messageOf(error)).toContain(
      'Not saved, refused one by one: item 1003: Phone must be a number with its country code',
    );
    expect(messageOf(error)).toContain('Replaying this step is safe');
    expect(messageOf(error)).not.toContain('user1003@example.com');
  });

  it('the whole second request fails: stops, and says replaying is safe for profiles', async () => {
    const sent = recordUploads((records, request) =>
      request === 2 ? [500, { status: 'fail', error: 'boom', code: 500 }] : allProcessed(records, request),
    );
    const error = await failureOf(run({ profiles: profiles(2500) }));
    expect(sent).toHaveLength(2);
    expect(messageOf(error)).toContain('Request 2 of 3 (items 1001-2000) failed: CleverTap is unavailable');
    expect(messageOf(error)).toContain(
      'Saved: items 1-1000. Not saved, in the failed request: items 1001-2000.',
    );
    expect(messageOf(error)).toContain('Not sent: items 2001-2500.');
    expect(messageOf(error)).toContain(
      'Replaying this step is safe: the profiles already saved are only updated again with the same values.',
    );
  });

  describe('HTTP 429 in the second request', () => {
    const throttledSecond: UploadAnswer = (records, request) =>
      request === 2
        ? [429, { status: 'fail', error: 'Too many concurrent requests', code: 429 }]
        : allProcessed(records, request);

    it('stays a ThrottledError: Zapier sending the saved profiles again is harmless', async () => {
      recordUploads(throttledSecond);
      const error = await failureOf(run({ profiles: profiles(1500) }));
      expect(error.name).toBe('ThrottledError');
      expect(error.message).toContain('Saved: items 1-1000.');
    });

    it('becomes an AppError when an item changes a counter, which a retry would change twice', async () => {
      recordUploads(throttledSecond);
      const list = profiles(1500);
      list[0] = { ...list[0], profileData: '{"Visits": {"$incr": 1}}' };
      const error = await failureOf(run({ profiles: list }));
      expect(error.name).toBe('AppError');
      expect(codeOf(error)).toBe('throttled_partly_saved');
      expect(messageOf(error)).toContain('Do not replay this whole step: it would send items 1-1000 again');
    });
  });
});
