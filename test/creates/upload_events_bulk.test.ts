import nock from 'nock';
import { perform } from '../../src/creates/upload_events_bulk';
import { allProcessed, appTester, authData, EU_HOST, messageOf, recordUploads, UploadBody } from '../helpers';

/** n line items as a line-item trigger hands them over: text values, JSON text for the properties. */
const events = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    evtName: 'Deal Won',
    identity: `user-${i + 1}`,
    ts: '1714573800000',
    evtData: `{"Deal ID": "${i + 1}", "Amount": ${(i + 1) * 10}}`,
  }));

/** The item numbers in each request, read from the identities, as [first, last, count]. */
const splits = (sent: UploadBody[]) =>
  sent.map(({ d }) => [d[0]?.identity, d[d.length - 1]?.identity, d.length]);

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    (result) => {
      throw new Error(`expected the step to fail, but it returned ${JSON.stringify(result)}`);
    },
    (error: unknown) => error as Error,
  );
const codeOf = (error: Error) => (JSON.parse(error.message) as { code: string; status: number }).code;

describe('Upload Events in Bulk', () => {
  it('sends one line item as one event record, read like Upload Event reads its fields', async () => {
    const sent = recordUploads();
    const result = await run({
      events: [
        {
          evtName: ' Deal Won ',
          identity: '51',
          ts: '2024-05-01T14:30:00Z',
          evtData: '{"Deal Name": "Acme renewal", "Amount": 1200.5,}',
        },
      ],
    });
    expect(sent).toEqual([
      {
        d: [
          {
            type: 'event',
            identity: '51',
            ts: 1714573800,
            evtName: 'Deal Won',
            evtData: { 'Deal Name': 'Acme renewal', Amount: 1200.5 },
          },
        ],
      },
    ]);
    expect(result).toEqual({ status: 'success', items: 1, processed: 1, failed: 0, requests: 1, skipped: 0 });
  });

  it('takes items whose values are already parsed (objects, numbers) and an Object ID as the user', async () => {
    const sent = recordUploads();
    await run({
      events: [
        { evtName: 'Signed Up', objectId: '__g123', ts: 1714573800, evtData: { Plan: 'Gold', Seats: 3 } },
      ],
    });
    expect(sent[0]?.d).toEqual([
      {
        type: 'event',
        objectId: '__g123',
        ts: 1714573800,
        evtName: 'Signed Up',
        evtData: { Plan: 'Gold', Seats: 3 },
      },
    ]);
  });

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
    const result = await run({ events: events(n) });
    expect(splits(sent)).toEqual(expected);
    expect(sent.flatMap((s) => s.d.map((r) => r.identity))).toEqual(events(n).map((e) => e.identity));
    expect(sent[0]?.d[0]).toEqual({
      type: 'event',
      identity: 'user-1',
      ts: 1714573800,
      evtName: 'Deal Won',
      evtData: { 'Deal ID': '1', Amount: 10 },
    });
    expect(result).toEqual({
      status: 'success',
      items: n,
      processed: n,
      failed: 0,
      requests: expected.length,
      skipped: 0,
    });
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
    await run({ events: events(2500) });
    expect(most).toBe(1);
  });

  it('sends at most Records Per Request records in each request', async () => {
    const sent = recordUploads();
    const result = await run({ events: events(250), recordsPerRequest: 100 });
    expect(splits(sent)).toEqual([
      ['user-1', 'user-100', 100],
      ['user-101', 'user-200', 100],
      ['user-201', 'user-250', 50],
    ]);
    expect(result).toMatchObject({ requests: 3, processed: 250 });
  });

  it.each(['0', '1001', '2.5', 'many'])(
    'refuses Records Per Request %p before sending anything',
    async (size) => {
      const sent = recordUploads();
      const error = await failureOf(run({ events: events(3), recordsPerRequest: size }));
      expect(messageOf(error)).toMatch(/^Records Per Request: ".*" is not a whole number from 1 to 1000/);
      expect(sent).toEqual([]);
    },
  );

  it('reports every invalid item together, by item number and field, and sends nothing', async () => {
    const sent = recordUploads();
    const list: Record<string, unknown>[] = events(2500);
    list[1] = { ...list[1]!, evtName: '' };
    list[4] = { ...list[4]!, objectId: '__g1' };
    list[1499] = { ...list[1499]!, evtName: 'App Launched', ts: 'yesterday', evtData: '{"Amount": }' };
    const error = await failureOf(run({ events: list }));
    const message = messageOf(error);
    expect(codeOf(error)).toBe('invalid_input');
    expect(message).toMatch(/^Events: 3 of the 2500 items have problems, so nothing was sent\. /);
    expect(message).toContain('Item 2, Event Name: fill in the name of the event');
    expect(message).toContain('Item 5, Identity / Object ID: fill in only one of them.');
    expect(message).toContain('Item 1500, Event Name: the event name is "App Launched"');
    expect(message).toContain('Item 1500, Creation Date: "yesterday" is not a date');
    expect(message).toContain('Item 1500, Event Properties (JSON): this is not valid JSON.');
    expect(message).toMatch(/Correct them and try again\.$/);
    expect(sent).toEqual([]);
  });

  it('spells out ten problems and lists the items of the rest', async () => {
    const sent = recordUploads();
    const list = events(30).map((e, i) => (i % 2 ? { ...e, evtName: 'a.b' } : e));
    const message = messageOf(await failureOf(run({ events: list })));
    expect(message).toContain('15 of the 30 items have problems');
    expect(message.match(/Item \d+, Event Name/g)).toHaveLength(10);
    expect(message).toContain('And 5 more problems in items 22, 24, 26, 28, 30.');
    expect(sent).toEqual([]);
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
    const error = await failureOf(run({ events: list }));
    expect(sent[0]?.d.map((r) => r.identity)).toEqual(['user-1', 'user-3']);
    // Record 2 of the request is item 3 of the step: item 2 was empty.
    expect(messageOf(error)).toContain('item 3: the event is one CleverTap records itself');
    expect(messageOf(error)).toContain('Saved: item 1.');

    nock.cleanAll();
    recordUploads();
    expect(await run({ events: list })).toMatchObject({ items: 2, processed: 2, skipped: 2 });
  });

  it('takes a single item that is not in a list as a list of one', async () => {
    const sent = recordUploads();
    await run({ events: { evtName: 'Signed Up', identity: 'u1' } });
    expect(sent[0]?.d).toEqual([{ type: 'event', identity: 'u1', evtName: 'Signed Up', evtData: {} }]);
  });

  it.each([
    [
      'a list item that is not a line item',
      [{ evtName: 'A', identity: 'u1' }, 42],
      /^Events: item 2 is not a line item/,
    ],
    ['text instead of line items', 'Deal Won', /^Events: this must be a list of line items/],
  ])('refuses %s before sending anything', async (_what, list, expected) => {
    const sent = recordUploads();
    expect(messageOf(await failureOf(run({ events: list })))).toMatch(expected);
    expect(sent).toEqual([]);
  });

  it.each([
    ['no list at all', undefined],
    ['an empty list', []],
    ['only empty items', [{ evtName: '', identity: '' }, {}]],
  ])('stops without an error when there is nothing to send: %s', async (_what, list) => {
    const sent = recordUploads();
    const error = await failureOf(run({ events: list }));
    expect(error.name).toBe('HaltedError');
    expect(error.message.split('\n')[0]).toMatch(
      /^Events: the list has no items with data.*, so nothing was sent\.$/,
    );
    expect(sent).toEqual([]);
  });

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
    const error = await failureOf(run({ events: events(2500) }));
    const message = messageOf(error);
    expect(splits(sent)).toHaveLength(3);
    expect(codeOf(error)).toBe('partly_saved');
    expect(message).toContain('CleverTap confirmed 2498 of the 2500 events as saved, in 3 requests.');
    expect(message).toContain('Saved: items 1-1004, 1006-1999, 2001-2500.');
    expect(message).toContain(
      'Not saved, refused one by one: item 1005: the record is not a valid event (check the event name and ' +
        'property names) (CleverTap code 512); item 2000: the event has been discarded in the CleverTap ' +
        'dashboard (Settings > Events) (CleverTap code 528).',
    );
    expect(message).toContain(
      'Do not replay this whole step: it would send items 1-1004, 1006-1999, 2001-2500',
    );
    expect(message).not.toContain('do-not-echo');
    expect(message).not.toContain('user-1005');
  });

  it('the whole second request fails after the first was saved: stops, says what was stored and what was not', async () => {
    const sent = recordUploads((records, request) =>
      request === 2
        ? [503, { status: 'fail', error: 'Service unavailable, retry later', code: 503 }]
        : allProcessed(records, request),
    );
    const error = await failureOf(run({ events: events(2500) }));
    expect(splits(sent)).toEqual([
      ['user-1', 'user-1000', 1000],
      ['user-1001', 'user-2000', 1000],
    ]);
    expect(error.name).toBe('AppError');
    expect(codeOf(error)).toBe('partly_saved');
    expect(messageOf(error)).toBe(
      'Request 2 of 3 (items 1001-2000) failed: CleverTap is unavailable right now (HTTP 503). Try again in a few ' +
        'minutes. CleverTap confirmed 1000 of the 2500 events as saved, in 2 requests. Saved: items 1-1000. Not saved, in the ' +
        'failed request: items 1001-2000. Not sent: items 2001-2500. Do not replay this whole step: it would send ' +
        'items 1-1000 again and CleverTap, which has no duplicate check, would store those events twice. Send only ' +
        'the items that were not saved, in a new run with a list that leaves out the saved ones.',
    );
  });

  describe('HTTP 429: Zapier retries a ThrottledError by running the whole step again', () => {
    it('in the first request nothing was saved: stays a ThrottledError, so Zapier retries', async () => {
      const sent = recordUploads(() => [
        429,
        { status: 'fail', error: 'Too many concurrent requests', code: 429 },
      ]);
      const error = await failureOf(run({ events: events(2500) }));
      expect(sent).toHaveLength(1);
      expect(error.name).toBe('ThrottledError');
      const { message, delay } = JSON.parse(error.message) as { message: string; delay: number };
      expect(delay).toBe(60);
      expect(message).toContain('Request 1 of 3 (items 1-1000) failed: CleverTap is busy');
      expect(message).toContain('Nothing was saved, so it is safe to replay this step.');
    });

    it('after events were saved: an AppError, because a retry would store items 1-1000 twice', async () => {
      const sent = recordUploads((records, request) =>
        request === 2
          ? [429, { status: 'fail', error: 'Too many concurrent requests', code: 429 }]
          : allProcessed(records, request),
      );
      const error = await failureOf(run({ events: events(2500) }));
      expect(sent).toHaveLength(2);
      expect(error.name).toBe('AppError');
      expect(codeOf(error)).toBe('throttled_partly_saved');
      expect(messageOf(error)).toContain('Saved: items 1-1000.');
      expect(messageOf(error)).toContain('would store those events twice');
    });
  });

  it('credentials refused in a later request: still ExpiredAuthError, with what was saved', async () => {
    recordUploads((records, request) =>
      request === 2
        ? [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }]
        : allProcessed(records, request),
    );
    const error = await failureOf(run({ events: events(1500) }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain(
      'Request 2 of 2 (items 1001-1500) failed: CleverTap did not accept the Account ID',
    );
    expect(error.message).toContain('Saved: items 1-1000.');
  });

  it("stops before a request that might not end within Zapier's 30 seconds, and says what was not sent", async () => {
    const realNow = Date.now.bind(Date);
    let shift = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shift);
    const sent = recordUploads((records, request) => {
      shift = 9_000; // the first request took nine seconds
      return allProcessed(records, request);
    });
    try {
      const error = await failureOf(run({ events: events(2500) }));
      expect(sent).toHaveLength(1);
      expect(codeOf(error)).toBe('out_of_time');
      expect(messageOf(error)).toMatch(
        /^The step stopped before request 2 of 3 so that it ends within Zapier's/,
      );
      expect(messageOf(error)).toContain('Saved: items 1-1000. Not sent: items 1001-2500.');
    } finally {
      jest.restoreAllMocks();
    }
  });
});
