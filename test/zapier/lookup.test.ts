/** What a lookup's answers mean (src/zapier/lookup.ts), through Find User Profile, CleverTap mocked by nock. */
import nock from 'nock';
import { perform as findProfile } from '../../src/searches/find_profile';
import { appErrorOf, appTester, authData, EU_HOST, messageOf, PASSCODE, failureOf } from '../helpers';

const runLookup = (inputData: Record<string, unknown>) => appTester(findProfile, { authData, inputData });

/** A lookup interceptor that refuses any Content-Type header and needs the credentials. */
const lookup = (host = EU_HOST) =>
  nock(host, {
    reqheaders: { 'x-clevertap-account-id': authData.accountId, 'x-clevertap-passcode': PASSCODE },
    badheaders: ['content-type'],
  }).get('/1/profile.json');

describe("getProfile: a lookup's answers", () => {
  it('returns [] for an HTTP 404 whose JSON body says the user was not found, so Find or Create creates it', async () => {
    const scope = lookup()
      .query({ identity: 'nobody' })
      .reply(404, { status: 'fail', error: 'User not found', code: 404 });

    await expect(runLookup({ identity: 'nobody' })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('throws for an HTTP 404 without a not-found answer (an HTML page, a wrong address), never "no match"', async () => {
    const scope = lookup()
      .query(true)
      .reply(404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' });

    const error = await failureOf(runLookup({ identity: 'u1' }));

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(messageOf(error)).toBe('CleverTap did not find that API address (HTTP 404): no details given');
  });

  it('a 404 with a JSON answer that is not "not found" is thrown too, with CleverTap\'s text', async () => {
    lookup().query(true).reply(404, { status: 'fail', error: 'No such endpoint', code: 400 });
    const error = await failureOf(runLookup({ identity: 'u1' }));
    expect(appErrorOf(error)).toEqual({
      message: 'CleverTap did not find that API address (HTTP 404): No such endpoint',
      code: 'rejected',
      status: 404,
    });
  });

  it('throws, rather than report "not found", for a 200 fail about credentials', async () => {
    lookup().query(true).reply(200, { status: 'fail', error: 'Account ID is not valid' });

    const error = await failureOf(runLookup({ identity: 'u1' }));

    expect(messageOf(error)).toBe(
      "CleverTap refused the lookup: Account ID is not valid. Check that the connection's Account ID, Passcode and " +
        'Region are right and that this passcode may read profiles, then reconnect your CleverTap account.',
    );
  });

  it('throws, rather than report "not found", for any other 200 fail', async () => {
    lookup().query(true).reply(200, { status: 'fail', error: 'Identity is malformed', code: 400 });

    const error = await failureOf(runLookup({ identity: 'u1' }));

    expect(messageOf(error)).toBe(
      'CleverTap could not look up the profile: Identity is malformed. Check the value you searched by and try again.',
    );
  });

  it('throws for an answer that is not a lookup answer', async () => {
    lookup().query(true).reply(200, '<html>Maintenance</html>', { 'Content-Type': 'text/html' });

    const error = await failureOf(runLookup({ identity: 'u1' }));

    expect(messageOf(error)).toBe(
      'CleverTap answered the lookup with something other than a profile answer (HTTP 200).',
    );
  });

  it('codes its refusals for Zapier: auth_failed, lookup_failed, unexpected_answer', async () => {
    const codes: unknown[] = [];
    for (const body of [
      { status: 'fail', error: 'Account ID is not valid' },
      { status: 'fail', error: 'Identity is malformed', code: 400 },
      '<html>Maintenance</html>',
    ]) {
      lookup().query(true).reply(200, body);
      const { code, status } = appErrorOf(await failureOf(runLookup({ identity: 'u1' })));
      codes.push([code, status]);
    }
    expect(codes).toEqual([
      ['auth_failed', 401],
      ['lookup_failed', 502],
      ['unexpected_answer', 502],
    ]);
  });
});
