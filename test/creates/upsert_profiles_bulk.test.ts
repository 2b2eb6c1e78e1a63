/**
 * "Upload User Profiles in Bulk" itself: its fields, how one line item becomes a record, its problems reported item by item. How
 * the records are sent (requests, refusals, failures, HTTP 429, the time limit, the output) is the bulk send's, tested
 * in test/zapier/bulk.test.ts.
 */
import contact from '../fixtures/hubspot-new-contact.json';
import { perform } from '../../src/creates/upsert_profiles_bulk';
import {
  allProcessed,
  appTester,
  authData,
  failureOf,
  messageOf,
  recordUploads,
  UploadAnswer,
} from '../helpers';

const profiles = (n: number): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => ({
    identity: `contact-${i + 1}`,
    email: `user${i + 1}@example.com`,
    profileData: `{"Customer Number": ${i + 1}}`,
  }));

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });
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
    expect(result).toEqual({
      status: 'success',
      items: 2,
      saved: 2,
      refused: 0,
      processed: 2,
      requests: 1,
      skipped: 0,
      savedItems: '1, 2',
      refusedItems: '',
      skippedItems: '',
      results: [
        { item: 1, outcome: 'saved' },
        { item: 2, outcome: 'saved' },
      ],
    });
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
    expect(message).toMatch(
      /^Profiles: 2 of 1200 items have problems \(items 3, 1101\), so nothing was sent\. Fix them and try again\. /,
    );
    expect(message).toContain('Item 3, Email: "ada@@example" is not an email address');
    expect(message.length).toBeLessThanOrEqual(250);
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
    expect(messageOf(error)).toMatch(/^CleverTap saved 1499 of 1500 profiles; 1 not saved \(item 1003\)\./);
    expect(messageOf(error)).toContain('Item 1003: Phone must be a number with its country code');
    expect(messageOf(error)).toContain('Replaying is safe once the refused items are fixed');
    expect(messageOf(error)).not.toContain('user1003@example.com');
  });
});

describe('Upload User Profiles in Bulk: If CleverTap Refuses Items and Records Per Request', () => {
  const PHONE_REASON = 'Phone must be a number with its country code, like +14155550123';

  /** An answer refusing the records at `numbers` (CleverTap's record numbers within the request) as invalid phones. */
  const refusingPhones =
    (numbers: number[]): UploadAnswer =>
    (records) => [
      200,
      {
        status: numbers.length === records.length ? 'fail' : 'partial',
        processed: records.length - numbers.length,
        unprocessed: numbers.map((k) => ({
          status: 'fail',
          code: 516,
          error: `Invalid phone. ErrorCode: 516. Skipped record number : ${k}`,
          record: records[k - 1],
        })),
      },
    ];

  it('Finish: the step ends with the refused items, their code and reason in the output, every request sent', async () => {
    const sent = recordUploads((records, request) =>
      request === 2 ? refusingPhones([3])(records, request) : allProcessed(records, request),
    );
    const result = await run({ profiles: profiles(2500), onRefused: 'continue' });
    expect(sent).toHaveLength(3);
    expect(result).toMatchObject({
      status: 'partial',
      items: 2500,
      saved: 2499,
      refused: 1,
      processed: 2499,
      requests: 3,
      skipped: 0,
      refusedItems: '1003',
      skippedItems: '',
    });
    expect(result.savedItems.split(', ')).toHaveLength(2499);
    expect(result.savedItems).not.toMatch(/\b1003\b/);
    expect(result.results).toHaveLength(2500);
    expect(result.results[1002]).toEqual({ item: 1003, outcome: 'refused', code: 516, reason: PHONE_REASON });
    expect(result.results[1001]).toEqual({ item: 1002, outcome: 'saved' });
    expect(result.results[2499]).toEqual({ item: 2500, outcome: 'saved' });
    expect(JSON.stringify(result)).not.toContain('user1003@example.com');
  });

  it('Finish with every item refused: status refused, nothing saved', async () => {
    recordUploads(refusingPhones([1, 2]));
    expect(await run({ profiles: profiles(2), onRefused: 'continue' })).toEqual({
      status: 'refused',
      items: 2,
      saved: 0,
      refused: 2,
      processed: 0,
      requests: 1,
      skipped: 0,
      savedItems: '',
      refusedItems: '1, 2',
      skippedItems: '',
      results: [
        { item: 1, outcome: 'refused', code: 516, reason: PHONE_REASON },
        { item: 2, outcome: 'refused', code: 516, reason: PHONE_REASON },
      ],
    });
  });

  it('Finish still stops the step when a request fails (HTTP 500 on request 2)', async () => {
    const sent = recordUploads((records, request) =>
      request === 2 ? [500, { status: 'fail', error: 'boom', code: 500 }] : allProcessed(records, request),
    );
    const error = await failureOf(run({ profiles: profiles(2500), onRefused: 'continue' }));
    expect(sent).toHaveLength(2);
    expect(error.name).toBe('AppError');
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 1000 of 2500 profiles; 1000 not saved \(items 1001-2000\); 500 not sent \(items 2001-2500\)\. /,
    );
    expect(messageOf(error)).toContain('Request 2 of 3 failed: CleverTap is unavailable');
  });

  it('refuses an If CleverTap Refuses Items value that is not a choice, naming the field, before sending', async () => {
    const sent = recordUploads();
    const error = await failureOf(run({ profiles: profiles(3), onRefused: 'skip' }));
    expect(codeOf(error)).toBe('invalid_input');
    expect(messageOf(error)).toMatch(/^If CleverTap Refuses Items: "skip" is not one of the choices/);
    expect(sent).toEqual([]);
  });

  it("empty line items keep the others' numbers: CleverTap's record 2 is the user's item 3", async () => {
    const sent = recordUploads(refusingPhones([2]));
    const [first, , third] = profiles(3);
    const empty = { identity: '', objectId: '', ts: '', name: '', email: '', phone: '', profileData: '' };
    const result = await run({ profiles: [first, empty, third], onRefused: 'continue' });
    expect(sent[0]?.d.map((r) => r.identity)).toEqual(['contact-1', 'contact-3']);
    expect(result).toEqual({
      status: 'partial',
      items: 2,
      saved: 1,
      refused: 1,
      processed: 1,
      requests: 1,
      skipped: 1,
      savedItems: '1',
      refusedItems: '3',
      skippedItems: '2',
      results: [
        { item: 1, outcome: 'saved' },
        { item: 2, outcome: 'skipped' },
        { item: 3, outcome: 'refused', code: 516, reason: PHONE_REASON },
      ],
    });
  });

  it('Stop (the default): the same refusal names the item by its number in the list', async () => {
    recordUploads(refusingPhones([2]));
    const [first, , third] = profiles(3);
    const error = await failureOf(run({ profiles: [first, {}, third] }));
    expect(messageOf(error)).toMatch(/^CleverTap saved 1 of 2 profiles; 1 not saved \(item 3\)\./);
    expect(messageOf(error)).toContain(`Item 3: ${PHONE_REASON}`);
  });

  it.each([
    ['1,000', 'not read as 1'],
    ['abc', 'not read as 0'],
  ])('refuses Records Per Request %p (%s), naming the field, before anything is sent', async (size) => {
    const sent = recordUploads();
    const error = await failureOf(run({ profiles: profiles(3), recordsPerRequest: size }));
    expect(codeOf(error)).toBe('invalid_input');
    expect(messageOf(error)).toMatch(
      new RegExp(`^Records Per Request: "${size}" is not a whole number from 1 to 1000`),
    );
    expect(sent).toEqual([]);
  });

  it('sends at most Records Per Request records in each request', async () => {
    const sent = recordUploads();
    const result = await run({ profiles: profiles(5), recordsPerRequest: '2' });
    expect(sent.map((s) => s.d.length)).toEqual([2, 2, 1]);
    expect(result).toMatchObject({ requests: 3, processed: 5, savedItems: '1, 2, 3, 4, 5' });
  });
});
