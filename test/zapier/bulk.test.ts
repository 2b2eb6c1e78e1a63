/**
 * The bulk send (src/zapier/bulk.ts), the same for both bulk actions: numbered records in requests of at most the batch
 * size, one after another; records CleverTap refuses one by one (stop the step, or finish it with them in the output);
 * a failed request, HTTP 429 and Zapier's time limit stopping the step with what was saved, what not and what may have
 * been; and the step's output. Through the two bulk actions, CleverTap mocked by nock. What each action reads from its
 * fields is in test/creates/upload_events_bulk.test.ts and upsert_profiles_bulk.test.ts.
 */
import nock from 'nock';
import { perform as uploadEventsBulk } from '../../src/creates/upload_events_bulk';
import { perform as upsertProfilesBulk } from '../../src/creates/upsert_profiles_bulk';
import { bulkOutputFields } from '../../src/fields/outputs';
import {
  allProcessed,
  appTester,
  authData,
  EU_HOST,
  failureOf,
  messageOf,
  recordUploads,
  UploadAnswer,
  UploadBody,
} from '../helpers';

/** n line items as a line-item trigger hands them over: text values, JSON text for the properties. */
const events = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    evtName: 'Deal Won',
    identity: `user-${i + 1}`,
    ts: '1714573800000',
    evtData: `{"Deal ID": "${i + 1}", "Amount": ${(i + 1) * 10}}`,
  }));

const profiles = (n: number): Record<string, unknown>[] =>
  Array.from({ length: n }, (_, i) => ({
    identity: `contact-${i + 1}`,
    email: `user${i + 1}@example.com`,
    profileData: `{"Customer Number": ${i + 1}}`,
  }));

/** The item numbers in each request, read from the identities, as [first, last, count]. */
const splits = (sent: UploadBody[]) =>
  sent.map(({ d }) => [d[0]?.identity, d[d.length - 1]?.identity, d.length]);

const runEvents = (inputData: Record<string, unknown>) =>
  appTester(uploadEventsBulk, { authData, inputData });
const runProfiles = (inputData: Record<string, unknown>) =>
  appTester(upsertProfilesBulk, { authData, inputData });
const codeOf = (error: Error) => (JSON.parse(error.message) as { code: string; status: number }).code;
const statusOf = (error: Error) => (JSON.parse(error.message) as { code: string; status: number }).status;

/** An answer refusing the records at `numbers` (CleverTap's record numbers within the request) with `code`. */
const refusing =
  (numbers: number[], code: number): UploadAnswer =>
  (records) => [
    200,
    {
      status: numbers.length === records.length ? 'fail' : 'partial',
      processed: records.length - numbers.length,
      unprocessed: numbers.map((k) => ({
        status: 'fail',
        code,
        error: `Some text. ErrorCode: ${code}. Skipped record number : ${k}`,
        record: { ...records[k - 1], secret: 'do-not-echo@example.com' },
      })),
    },
  ];

describe('sendBulk: the requests', () => {
  it.each([
    [1, [['user-1', 'user-1', 1]]],
    [999, [['user-1', 'user-999', 999]]],
    [1000, [['user-1', 'user-1000', 1000]]],
    [
      1001,
      [
        ['user-1', 'user-1000', 1000],
        ['user-1001', 'user-1001', 1],
      ],
    ],
    [
      2500,
      [
        ['user-1', 'user-1000', 1000],
        ['user-1001', 'user-2000', 1000],
        ['user-2001', 'user-2500', 500],
      ],
    ],
  ])('%i items: requests of at most 1000, one after another, split in order', async (n, expected) => {
    const sent = recordUploads();
    const result = await runEvents({ events: events(n) });
    expect(splits(sent)).toEqual(expected);
    expect(sent.flatMap((s) => s.d.map((r) => r.identity))).toEqual(events(n).map((e) => e.identity));
    expect(sent[0]?.d[0]).toEqual({
      type: 'event',
      identity: 'user-1',
      ts: 1714573800,
      evtName: 'Deal Won',
      evtData: { 'Deal ID': '1', Amount: 10 },
    });
    expect(result).toMatchObject({
      status: 'success',
      items: n,
      saved: n,
      refused: 0,
      processed: n,
      requests: expected.length,
      skipped: 0,
      refusedItems: '',
      skippedItems: '',
    });
    expect(result.savedItems).toBe(
      events(n)
        .map((_, i) => i + 1)
        .join(', '),
    );
    expect(result.results).toHaveLength(n);
    expect(result.results.every((r) => r.outcome === 'saved')).toBe(true);
    expect(result.results[0]).toEqual({ item: 1, outcome: 'saved' });
    expect(result.results[n - 1]).toEqual({ item: n, outcome: 'saved' });
  });

  it('waits for each answer before sending the next request', async () => {
    let inFlight = 0;
    let most = 0;
    nock(EU_HOST)
      .persist()
      .post('/1/upload')
      .reply(async (_uri, body) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight -= 1;
        const { d } = (typeof body === 'string' ? JSON.parse(body) : body) as UploadBody;
        return [200, { status: 'success', processed: d.length, unprocessed: [] }];
      });
    await runEvents({ events: events(2500) });
    expect(most).toBe(1);
  });

  it('skips items left entirely empty, keeps the numbers of the others, and says how many were skipped', async () => {
    const sent = recordUploads((records) => [
      200,
      {
        status: 'partial',
        processed: records.length - 1,
        unprocessed: [
          {
            status: 'fail',
            code: 513,
            error: 'Restricted event name. ErrorCode: 513. Skipped record number : 2',
            record: records[1],
          },
        ],
      },
    ]);
    const list = [events(1)[0], { evtName: '', identity: ' ', ts: '', evtData: '' }, { ...events(3)[2] }, {}];
    const error = await failureOf(runEvents({ events: list }));
    expect(sent[0]?.d.map((r) => r.identity)).toEqual(['user-1', 'user-3']);
    // Record 2 of the request is item 3 of the step: item 2 was empty.
    expect(messageOf(error)).toMatch(/^CleverTap saved 1 of 2 events; 1 not saved \(item 3\)\./);
    expect(messageOf(error)).toContain(
      'Item 3: the event is one CleverTap records itself (a system event) and cannot be uploaded (code 513).',
    );

    nock.cleanAll();
    recordUploads();
    const result = await runEvents({ events: list });
    expect(result).toMatchObject({
      items: 2,
      processed: 2,
      skipped: 2,
      savedItems: '1, 3',
      skippedItems: '2, 4',
    });
    expect(result.results).toEqual([
      { item: 1, outcome: 'saved' },
      { item: 2, outcome: 'skipped' },
      { item: 3, outcome: 'saved' },
      { item: 4, outcome: 'skipped' },
    ]);
  });

  it.each([
    ['no list at all', undefined],
    ['an empty list', []],
    ['only empty items', [{ evtName: '', identity: '' }, {}]],
  ])('stops without an error when there is nothing to send: %s', async (_what, list) => {
    const sent = recordUploads();
    const error = await failureOf(runEvents({ events: list }));
    expect(error.name).toBe('HaltedError');
    expect(error.message.split('\n')[0]).toMatch(
      /^Events: the list has no items with data.*, so nothing was sent\.$/,
    );
    expect(sent).toEqual([]);
  });
});

describe('sendBulk: records CleverTap refuses one by one (If CleverTap Refuses Items)', () => {
  it('a partial failure in the middle request: every request is sent, failures named by item number', async () => {
    const sent = recordUploads((records, request) =>
      request === 2
        ? [
            200,
            {
              status: 'partial',
              processed: records.length - 2,
              unprocessed: [5, 1000].map((k) => ({
                status: 'fail',
                code: k === 5 ? 512 : 528,
                error: `Some text. ErrorCode: ${k === 5 ? 512 : 528} - x. Skipped record number : ${k}`,
                record: { ...records[k - 1], secret: 'do-not-echo@example.com' },
              })),
            },
          ]
        : allProcessed(records, request),
    );
    const error = await failureOf(runEvents({ events: events(2500) }));
    const message = messageOf(error);
    expect(splits(sent)).toHaveLength(3);
    expect(codeOf(error)).toBe('partly_saved');
    expect(message).toBe(
      "CleverTap saved 2498 of 2500 events; 2 not saved (items 1005, 2000). Don't replay the step: send only the " +
        'items not saved. Item 1005: the record is not a valid event (check the event name and property names) ' +
        '(code 512).',
    );
    expect(message).not.toContain('do-not-echo');
    expect(message).not.toContain('user-1005');
  });

  it('Finish: the step ends with the refused items, their code and reason in the output, every request sent', async () => {
    const sent = recordUploads((records, request) =>
      request === 2
        ? [
            200,
            {
              status: 'partial',
              processed: records.length - 2,
              unprocessed: [5, 1000].map((k) => ({
                status: 'fail',
                code: k === 5 ? 512 : 528,
                error: `Some text. ErrorCode: ${k === 5 ? 512 : 528}. Skipped record number : ${k}`,
                record: { ...records[k - 1], secret: 'do-not-echo@example.com' },
              })),
            },
          ]
        : allProcessed(records, request),
    );
    const result = await runEvents({ events: events(2500), onRefused: 'continue' });
    expect(splits(sent)).toHaveLength(3);
    expect(result).toMatchObject({
      status: 'partial',
      items: 2500,
      saved: 2498,
      refused: 2,
      processed: 2498,
      requests: 3,
      skipped: 0,
      refusedItems: '1005, 2000',
      skippedItems: '',
    });
    expect(result.savedItems.split(', ')).toHaveLength(2498);
    expect(result.savedItems).toMatch(/^1, 2, 3, /);
    expect(result.savedItems).not.toMatch(/\b(1005|2000)\b/);
    expect(result.results).toHaveLength(2500);
    expect(result.results[0]).toEqual({ item: 1, outcome: 'saved' });
    expect(result.results[1004]).toEqual({
      item: 1005,
      outcome: 'refused',
      code: 512,
      reason: 'the record is not a valid event (check the event name and property names)',
    });
    expect(result.results[1999]).toEqual({
      item: 2000,
      outcome: 'refused',
      code: 528,
      reason: 'the event has been discarded in the CleverTap dashboard (Settings > Events)',
    });
    expect(result.results[2499]).toEqual({ item: 2500, outcome: 'saved' });
    expect(result.results.filter((r) => r.outcome !== 'saved')).toHaveLength(2);
    expect(JSON.stringify(result)).not.toContain('do-not-echo');
  });

  it('Finish with every item refused: status refused, nothing saved', async () => {
    const sent = recordUploads(refusing([1, 2, 3], 513));
    const result = await runEvents({ events: events(3), onRefused: 'continue' });
    expect(sent).toHaveLength(1);
    const reason = 'the event is one CleverTap records itself (a system event) and cannot be uploaded';
    expect(result).toEqual({
      status: 'refused',
      items: 3,
      saved: 0,
      refused: 3,
      processed: 0,
      requests: 1,
      skipped: 0,
      savedItems: '',
      refusedItems: '1, 2, 3',
      skippedItems: '',
      results: [1, 2, 3].map((item) => ({ item, outcome: 'refused', code: 513, reason })),
    });
  });

  it('Finish with every item saved: status success', async () => {
    recordUploads();
    expect(await runEvents({ events: events(2), onRefused: 'continue' })).toMatchObject({
      status: 'success',
      saved: 2,
      refused: 0,
      refusedItems: '',
    });
  });

  it('Stop, chosen explicitly: the same refusal fails the step', async () => {
    recordUploads(refusing([2], 513));
    const error = await failureOf(runEvents({ events: events(3), onRefused: 'stop' }));
    expect(codeOf(error)).toBe('partly_saved');
    expect(messageOf(error)).toMatch(/^CleverTap saved 2 of 3 events; 1 not saved \(item 2\)\./);
  });

  it('Finish still stops the step when CleverTap does not say which record it refused', async () => {
    recordUploads((records) => [
      200,
      {
        status: 'partial',
        processed: records.length - 1,
        unprocessed: [{ status: 'fail', code: 513, error: 'Restricted event name. ErrorCode: 513' }],
      },
    ]);
    const error = await failureOf(runEvents({ events: events(3), onRefused: 'continue' }));
    // Which of the three was refused is not known, so none of them can be reported as saved or refused.
    expect(messageOf(error)).toMatch(/^CleverTap saved 0 of 3 events; /);
    expect(messageOf(error)).toContain('3 uncertain (items 1-3)');
    expect(messageOf(error)).toContain("Don't replay the step: check the uncertain items in CleverTap");
  });

  it("empty line items keep the others' numbers: CleverTap's record 2 is the user's item 3", async () => {
    const sent = recordUploads(refusing([2], 513));
    const [first, , third, , fifth] = events(5);
    const list = [first, { evtName: '', identity: ' ', ts: '', evtData: '' }, third, {}, fifth];
    const result = await runEvents({ events: list, onRefused: 'continue' });
    expect(sent[0]?.d.map((r) => r.identity)).toEqual(['user-1', 'user-3', 'user-5']);
    expect(result).toEqual({
      status: 'partial',
      items: 3,
      saved: 2,
      refused: 1,
      processed: 2,
      requests: 1,
      skipped: 2,
      savedItems: '1, 5',
      refusedItems: '3',
      skippedItems: '2, 4',
      results: [
        { item: 1, outcome: 'saved' },
        { item: 2, outcome: 'skipped' },
        {
          item: 3,
          outcome: 'refused',
          code: 513,
          reason: 'the event is one CleverTap records itself (a system event) and cannot be uploaded',
        },
        { item: 4, outcome: 'skipped' },
        { item: 5, outcome: 'saved' },
      ],
    });
  });

  it('Stop, with every record refused and nothing saved: not_saved (HTTP 422), replaying safe once fixed', async () => {
    recordUploads(refusing([1, 2], 513));
    const error = await failureOf(runEvents({ events: events(2) }));
    expect(error.name).toBe('AppError');
    expect(codeOf(error)).toBe('not_saved');
    expect(statusOf(error)).toBe(422);
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 0 of 2 events; 2 not saved \(items 1-2\)\. Nothing was saved, so replaying is safe once the refused items are fixed\. /,
    );
  });
});

describe('sendBulk: a request that fails stops the step', () => {
  it('the whole second request fails after the first was saved: stops, says what was stored and what was not', async () => {
    const sent = recordUploads((records, request) =>
      request === 2
        ? [503, { status: 'fail', error: 'Service unavailable, retry later', code: 503 }]
        : allProcessed(records, request),
    );
    const error = await failureOf(runEvents({ events: events(2500) }));
    expect(splits(sent)).toEqual([
      ['user-1', 'user-1000', 1000],
      ['user-1001', 'user-2000', 1000],
    ]);
    expect(error.name).toBe('AppError');
    expect(codeOf(error)).toBe('partly_saved');
    expect(messageOf(error)).toBe(
      'CleverTap saved 1000 of 2500 events; 1000 not saved (items 1001-2000); 500 not sent (items 2001-2500). ' +
        "Don't replay the step: send only the items not saved. Request 2 of 3 failed: CleverTap is unavailable " +
        'right now (HTTP 503). Try again in a few min…',
    );
  });

  it('the whole second request fails: stops, and says replaying is safe for profiles', async () => {
    const sent = recordUploads((records, request) =>
      request === 2 ? [500, { status: 'fail', error: 'boom', code: 500 }] : allProcessed(records, request),
    );
    const error = await failureOf(runProfiles({ profiles: profiles(2500) }));
    expect(sent).toHaveLength(2);
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 1000 of 2500 profiles; 1000 not saved \(items 1001-2000\); 500 not sent \(items 2001-2500\)\./,
    );
    expect(messageOf(error)).toContain('Replaying is safe: saved profiles are only updated again.');
    expect(messageOf(error)).toContain('Request 2 of 3 failed: CleverTap is unavailable');
  });

  it('Finish still stops the step when a request fails (HTTP 500 on request 2)', async () => {
    const sent = recordUploads((records, request) =>
      request === 2 ? [500, { status: 'fail', error: 'boom', code: 500 }] : allProcessed(records, request),
    );
    const error = await failureOf(runEvents({ events: events(2500), onRefused: 'continue' }));
    expect(sent).toHaveLength(2);
    expect(error.name).toBe('AppError');
    expect(codeOf(error)).toBe('partly_saved');
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 1000 of 2500 events; 1000 not saved \(items 1001-2000\); 500 not sent \(items 2001-2500\)\. Don't replay the step: send only the items not saved\. /,
    );
    expect(messageOf(error)).toContain(
      'Request 2 of 3 failed: CleverTap is unavailable right now (HTTP 500).',
    );
  });

  it('Finish still stops the step when a request gets no usable answer: its items may be saved', async () => {
    const sent = recordUploads((records, request) =>
      request === 2 ? [200, '<html>Bad gateway</html>'] : allProcessed(records, request),
    );
    const error = await failureOf(runEvents({ events: events(2500), onRefused: 'continue' }));
    expect(sent).toHaveLength(2);
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 1000 of 2500 events; 1000 uncertain \(items 1001-2000\); 500 not sent \(items 2001-2500\)\. /,
    );
    expect(messageOf(error)).toContain("Don't replay the step: check the uncertain items in CleverTap");
    expect(messageOf(error)).toContain('Request 2 of 3 got no answer: CleverTap answered');
  });

  it('credentials refused in a later request: still ExpiredAuthError, with what was saved', async () => {
    recordUploads((records, request) =>
      request === 2
        ? [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }]
        : allProcessed(records, request),
    );
    const error = await failureOf(runEvents({ events: events(1500) }));
    expect(error.name).toBe('ExpiredAuthError');
    // Core appends its "What happened" context to an ExpiredAuthError; the app's message comes first.
    const message = messageOf(error).split('\nWhat happened:')[0] ?? '';
    expect(message).toMatch(/^CleverTap saved 1000 of 1500 events; 500 not saved \(items 1001-1500\)\. /);
    expect(message).toContain(
      'Request 2 of 2 failed: CleverTap refused the Account ID or Passcode for Europe (eu1).',
    );
    expect(message.length).toBeLessThanOrEqual(250);
  });

  it("the first request refused (HTTP 400): nothing saved, the request's own code and status", async () => {
    const sent = recordUploads(() => [400, { status: 'fail', error: 'Malformed request', code: 400 }]);
    const error = await failureOf(runEvents({ events: events(1500) }));
    expect(sent).toHaveLength(1);
    expect(error.name).toBe('AppError');
    expect(codeOf(error)).toBe('rejected');
    expect(statusOf(error)).toBe(400);
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 0 of 1500 events; 1000 not saved \(items 1-1000\); 500 not sent \(items 1001-1500\)\. Nothing was saved, so replaying is safe\. Request 1 of 2 failed: CleverTap rejected the request as invalid/,
    );
  });
});

describe('HTTP 429: Zapier retries a ThrottledError by running the whole step again', () => {
  it('in the first request nothing was saved: stays a ThrottledError, so Zapier retries', async () => {
    const sent = recordUploads(() => [
      429,
      { status: 'fail', error: 'Too many concurrent requests', code: 429 },
    ]);
    const error = await failureOf(runEvents({ events: events(2500) }));
    expect(sent).toHaveLength(1);
    expect(error.name).toBe('ThrottledError');
    const { message, delay } = JSON.parse(error.message) as { message: string; delay: number };
    expect(delay).toBe(60);
    expect(message).toBe(
      'CleverTap saved 0 of 2500 events; 1000 not saved (items 1-1000); 1500 not sent (items 1001-2500). ' +
        'Nothing was saved, so replaying is safe. Request 1 of 3 failed: CleverTap was busy with too many ' +
        'requests from this account at once (HTTP 429).',
    );
  });

  it('after events were saved: an AppError, because a retry would store items 1-1000 twice', async () => {
    const sent = recordUploads((records, request) =>
      request === 2
        ? [429, { status: 'fail', error: 'Too many concurrent requests', code: 429 }]
        : allProcessed(records, request),
    );
    const error = await failureOf(runEvents({ events: events(2500) }));
    expect(sent).toHaveLength(2);
    expect(error.name).toBe('AppError');
    expect(codeOf(error)).toBe('throttled_partly_saved');
    expect(messageOf(error)).toMatch(
      /^CleverTap saved 1000 of 2500 events; 1000 not saved \(items 1001-2000\); 500 not sent \(items 2001-2500\)\. /,
    );
    expect(messageOf(error)).toContain("Don't replay the step: send only the items not saved.");
    expect(messageOf(error)).not.toContain('Zapier will try again');
  });
});

describe('sendBulk: records refused after others were saved, with records safe to send twice (profiles)', () => {
  it('names the refused item by its number, without its data; replaying is safe once it is fixed', async () => {
    const sent = recordUploads((records, request) =>
      request === 2 ? refusing([3], 516)(records, request) : allProcessed(records, request),
    );
    const error = await failureOf(runProfiles({ profiles: profiles(1500) }));
    expect(sent).toHaveLength(2);
    expect(codeOf(error)).toBe('partly_saved');
    expect(messageOf(error)).toMatch(/^CleverTap saved 1499 of 1500 profiles; 1 not saved \(item 1003\)\./);
    expect(messageOf(error)).toContain('Item 1003: Phone must be a number with its country code');
    expect(messageOf(error)).toContain('Replaying is safe once the refused items are fixed');
    expect(messageOf(error)).not.toContain('do-not-echo');
    expect(messageOf(error)).not.toContain('user1003@example.com');
  });
});

describe('sendBulk: HTTP 429 with records safe to send twice (profiles)', () => {
  describe('HTTP 429 in the second request', () => {
    const throttledSecond: UploadAnswer = (records, request) =>
      request === 2
        ? [429, { status: 'fail', error: 'Too many concurrent requests', code: 429 }]
        : allProcessed(records, request);

    it('stays a ThrottledError: Zapier sending the saved profiles again is harmless', async () => {
      recordUploads(throttledSecond);
      const error = await failureOf(runProfiles({ profiles: profiles(1500) }));
      expect(error.name).toBe('ThrottledError');
      expect(messageOf(error)).toMatch(
        /^CleverTap saved 1000 of 1500 profiles; 500 not saved \(items 1001-1500\)/,
      );
    });

    it('becomes an AppError when an item changes a counter, which a retry would change twice', async () => {
      recordUploads(throttledSecond);
      const list = profiles(1500);
      list[0] = { ...list[0], profileData: '{"Visits": {"$incr": 1}}' };
      const error = await failureOf(runProfiles({ profiles: list }));
      expect(error.name).toBe('AppError');
      expect(codeOf(error)).toBe('throttled_partly_saved');
      expect(messageOf(error)).toContain("Don't replay the step: send only the items not saved.");
      expect(messageOf(error)).not.toContain('Zapier will try again');
    });
  });
});

describe("sendBulk: Zapier's time limit", () => {
  it("stops before a request that might not end within Zapier's 30 seconds, and says what was not sent", async () => {
    const realNow = Date.now.bind(Date);
    let shift = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
    const sent = recordUploads((records, request) => {
      shift = 9_000; // the first request took nine seconds
      return allProcessed(records, request);
    });
    try {
      const error = await failureOf(runEvents({ events: events(2500) }));
      expect(sent).toHaveLength(1);
      expect(codeOf(error)).toBe('out_of_time');
      expect(messageOf(error)).toBe(
        "CleverTap saved 1000 of 2500 events; 1500 not sent (items 1001-2500). Don't replay the step: send only " +
          "the items not saved. Stopped before request 2 of 3 to end within Zapier's time limit.",
      );
    } finally {
      jest.restoreAllMocks();
    }
  });

  it("Finish still stops the step before a request that might not end within Zapier's 30 seconds", async () => {
    const realNow = Date.now.bind(Date);
    let shift = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
    const sent = recordUploads((records, request) => {
      shift = 9_000; // the first request took nine seconds
      return request === 1 ? refusing([3], 513)(records, request) : allProcessed(records, request);
    });
    try {
      const error = await failureOf(runEvents({ events: events(2500), onRefused: 'continue' }));
      expect(sent).toHaveLength(1);
      expect(codeOf(error)).toBe('out_of_time');
      expect(messageOf(error)).toMatch(
        /^CleverTap saved 999 of 2500 events; 1 not saved \(item 3\); 1500 not sent \(items 1001-2500\)\. /,
      );
      expect(messageOf(error)).toContain("Stopped before request 2 of 3 to end within Zapier's time limit.");
    } finally {
      jest.restoreAllMocks();
    }
  });
});

describe("the bulk step's output", () => {
  it('declares every key of the output, and every key of an item outcome under results[]', async () => {
    recordUploads((records) => [
      200,
      {
        status: 'partial',
        processed: records.length - 1,
        unprocessed: [{ status: 'fail', code: 513, error: 'ErrorCode: 513. Skipped record number : 2' }],
      },
    ]);
    const result = await runEvents({ events: [...events(2), {}], onRefused: 'continue' });
    const declared = bulkOutputFields.map((f) => f.key);
    // The list itself is declared by its children (results[]item, ...), as Zapier's line items are.
    expect([...declared.filter((key) => !key.startsWith('results[]')), 'results']).toEqual(
      Object.keys(result),
    );
    const itemKeys = new Set(result.results.flatMap((r) => Object.keys(r)));
    expect(
      declared.filter((key) => key.startsWith('results[]')).map((key) => key.slice('results[]'.length)),
    ).toEqual(['item', 'outcome', 'code', 'reason']);
    expect([...itemKeys].sort()).toEqual(['code', 'item', 'outcome', 'reason']);
  });
});

describe('a bulk perform: the shared fields, then every item, then the send', () => {
  it('a problem in a shared field stops the step before the items are read, and nothing is sent', async () => {
    const sent = recordUploads();
    const list = events(3).map((e, i) => (i === 1 ? { ...e, evtName: '' } : e));
    const error = await failureOf(runEvents({ events: list, recordsPerRequest: 'many' }));
    expect(codeOf(error)).toBe('invalid_input');
    expect(messageOf(error)).toMatch(/^Records Per Request: "many" is not a whole number/);
    expect(messageOf(error)).not.toContain('Event Name');
    expect(sent).toEqual([]);
  });

  it('serves both bulk actions with the same output', async () => {
    recordUploads();
    const fromEvents = await runEvents({ events: events(2) });
    const fromProfiles = await runProfiles({ profiles: profiles(2) });
    expect(fromProfiles).toEqual(fromEvents);
    expect(fromEvents).toMatchObject({ status: 'success', items: 2, saved: 2, savedItems: '1, 2' });
  });
});

describe('a bulk perform: Records Per Request and If CleverTap Refuses Items, read by the app for both bulk actions', () => {
  it.each([
    ['0', 'below 1'],
    ['1001', 'above 1000'],
    ['2.5', 'not whole'],
    ['many', 'not a number'],
    ['1,000', 'which Zapier would read as 1'],
    ['abc', 'which Zapier would read as 0'],
  ])('refuses Records Per Request %p (%s), naming the field, before anything is sent', async (size) => {
    const sent = recordUploads();
    const error = await failureOf(runEvents({ events: events(3), recordsPerRequest: size }));
    expect(codeOf(error)).toBe('invalid_input');
    expect(messageOf(error)).toMatch(/^Records Per Request: ".*" is not a whole number from 1 to 1000/);
    expect(messageOf(error)).toContain(`"${size}"`);
    expect(sent).toEqual([]);
  });

  it('sends at most Records Per Request records in each request', async () => {
    const sent = recordUploads();
    const result = await runEvents({ events: events(250), recordsPerRequest: '100' });
    expect(splits(sent)).toEqual([
      ['user-1', 'user-100', 100],
      ['user-101', 'user-200', 100],
      ['user-201', 'user-250', 50],
    ]);
    expect(result).toMatchObject({ requests: 3, processed: 250 });
  });

  it('takes a mapped Records Per Request as that number, for profiles too', async () => {
    const sent = recordUploads();
    const result = await runProfiles({ profiles: profiles(5), recordsPerRequest: ' 2 ' });
    expect(sent.map((s) => s.d.length)).toEqual([2, 2, 1]);
    expect(result).toMatchObject({ requests: 3, processed: 5, savedItems: '1, 2, 3, 4, 5' });
  });

  it.each(['maybe', 'true', 'skip'])(
    'refuses If CleverTap Refuses Items %p, naming the field, before anything is sent',
    async (choice) => {
      const sent = recordUploads();
      const error = await failureOf(runEvents({ events: events(3), onRefused: choice }));
      expect(codeOf(error)).toBe('invalid_input');
      expect(messageOf(error)).toMatch(/^If CleverTap Refuses Items: ".*" is not one of the choices/);
      expect(sent).toEqual([]);
    },
  );
});

describe('sendBulk: a connection with no usable region', () => {
  it('stops the step before any request, with the reconnect advice, not as "uncertain" items', async () => {
    const sent = recordUploads();
    const error = await failureOf(
      appTester(uploadEventsBulk, {
        authData: { ...authData, region: 'xx1' },
        inputData: { events: events(2) },
      }),
    );
    expect(codeOf(error)).toBe('invalid_region');
    expect(messageOf(error)).toMatch(/^The connection's Region "xx1" is not one CleverTap has/);
    expect(messageOf(error)).not.toContain('uncertain');
    expect(sent).toEqual([]);
  });
});
