import { datesIn, explainAnswer, explainDates } from '../../scripts/demo-explain';

describe("the demo's dates", () => {
  it('reads $D_ values and epoch-seconds ts as the dates they mean, wherever they are in a record', () => {
    const body = {
      d: [
        { ts: 1714573800, evtData: { 'Close Date': '$D_1717200000', Note: '$D_ is not a date', Count: 3 } },
      ],
    };
    expect(datesIn(body)).toEqual([
      { name: 'ts', raw: '1714573800', date: '2024-05-01 14:30:00 UTC', kind: 'epoch seconds' },
      { name: 'Close Date', raw: '$D_1717200000', date: '2024-06-01 00:00:00 UTC', kind: 'date value' },
    ]);
  });

  it('tells each date once per step, and nothing for a value without dates', () => {
    const seen = new Set<string>();
    const record = { DOB: '$D_1487576752' };
    expect(explainDates(record, seen)).toEqual([
      `"DOB": $D_1487576752 is CleverTap's form of a date (epoch seconds after $D_): 2017-02-20 07:45:52 UTC.`,
    ]);
    expect(explainDates({ profileData: record }, seen)).toEqual([]);
    expect(explainDates({ ts: '2024-05-01T14:30:00Z', Amount: 1200.5 }, new Set())).toEqual([]);
  });
});

describe("the demo's words for CleverTap's answers", () => {
  const lookup = (status: number, answer: unknown) => ({
    route: 'lookup',
    status,
    answer,
    query: { identity: 'zapier-connection-check-no-such-user' },
  });
  const connection = { connectionTest: true as const, regionName: 'India (in1)' };

  it.each([
    ['fail', 200, { status: 'fail', error: 'User not found', code: 404 }],
    ['fail with HTTP 404', 404, { status: 'fail', error: 'User not found', code: 404 }],
    ['no record', 200, { status: 'success' }],
    ['a null record', 200, { status: 'success', record: null }],
  ])(
    "explains the connection test's not-found answer (%s) as expected, and the connection as working",
    (_shape, status, answer) => {
      const [line, ...rest] = explainAnswer(lookup(status, answer), connection);
      expect(rest).toEqual([]);
      expect(line).toMatch(
        /^No profile has identity "zapier-connection-check-no-such-user", and that is the answer/,
      );
      expect(line).toContain('India (in1)');
      expect(line).toMatch(/HTTP 401/);
    },
  );

  it('says a not-found lookup outside the connection test is no match, without claiming a connection', () => {
    const lines = explainAnswer(lookup(200, { status: 'fail', error: 'User not found', code: 404 }));
    expect(lines).toEqual([
      `No profile has identity "zapier-connection-check-no-such-user": CleverTap's answer when nobody matches.`,
    ]);
  });

  it('counts what a found profile holds', () => {
    const [line] = explainAnswer(
      lookup(200, { status: 'success', record: { Name: 'Ada', Email: 'a@b.co', platformInfo: [{}, {}] } }),
    );
    expect(line).toContain('2 properties and 2 entries in platformInfo');
  });

  it('reads an upload answer by its counts, and lists each refused record with its code', () => {
    expect(
      explainAnswer({
        route: 'upload',
        status: 200,
        answer: { status: 'success', processed: 1, unprocessed: [] },
      }),
    ).toEqual([expect.stringMatching(/^CleverTap stored 1 record \(processed: 1\) and refused 0 /)]);
    const partial = explainAnswer({
      route: 'upload',
      status: 200,
      answer: {
        status: 'partial',
        processed: 1,
        unprocessed: [{ status: 'fail', code: 515, error: 'Invalid email' }],
      },
    });
    expect(partial[0]).toMatch(/^CleverTap stored 1 record \(processed: 1\) and refused 1\./);
    expect(partial[1]).toBe('Refused with code 515: Invalid email');
  });

  it("reads getSchema's lists: events with CleverTap's system events among them, profile properties", () => {
    const events = { status: 'success', events: [{ name: 'App Launched' }, { name: 'Deal Won' }] };
    expect(
      explainAnswer({ route: 'schema', status: 200, answer: events, query: { type: 'events' } }),
    ).toEqual([
      expect.stringMatching(/^CleverTap lists the 2 event names the account has, its own system events/),
    ]);
    const properties = { status: 'success', userProperties: [{ name: 'Plan' }] };
    expect(
      explainAnswer({ route: 'schema', status: 200, answer: properties, query: { type: 'userProperties' } }),
    ).toEqual(['CleverTap lists the 1 profile property the account has.']);
    expect(
      explainAnswer({ route: 'schema', status: 200, answer: { status: 'fail', error: 'Nope' }, query: {} }),
    ).toEqual(['CleverTap refused the call (HTTP 200): Nope.']);
  });

  it('says a queued campaign is not a delivered one, and names refusals and 401s', () => {
    expect(explainAnswer({ route: 'trigger', status: 200, answer: { status: 'success' } })[0]).toMatch(
      /queued .* does not say the message was delivered/,
    );
    expect(
      explainAnswer({
        route: 'trigger',
        status: 400,
        answer: { status: 'fail', error: 'Bad campaign', code: 9 },
      }),
    ).toEqual(['CleverTap refused the call (HTTP 400): Bad campaign.']);
    expect(
      explainAnswer({
        route: 'upload',
        status: 401,
        answer: { status: 'fail', error: 'Invalid Credentials' },
      })[0],
    ).toMatch(/^HTTP 401: CleverTap refused the Account ID or Passcode/);
    expect(explainAnswer({ route: 'upload', status: 502, answer: '<html>' })[0]).toMatch(
      /not in CleverTap's usual/,
    );
  });
});
