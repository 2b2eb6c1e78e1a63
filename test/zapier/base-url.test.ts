/** Where requests go (src/zapier/base-url.ts): the region's host, or the developer's override; never elsewhere. */
import nock from 'nock';
import answers from '../fixtures/clevertap-answers.json';
import { BASE_URL_VARIABLE, regionOf } from '../../src/zapier/base-url';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { appErrorOf, appTester, authData, EU_HOST, PASSCODE, failureOf } from '../helpers';

const runProfile = (inputData: Record<string, unknown>) => appTester(upsertProfile, { authData, inputData });

describe('regionOf', () => {
  it("is the connection's region when CleverTap has it, else undefined", () => {
    expect(regionOf({ authData: { region: 'in1' } })).toBe('in1');
    expect(regionOf({ authData: { region: 'xx1' } })).toBeUndefined();
    expect(regionOf({ authData: { region: 'toString' } })).toBeUndefined();
    expect(regionOf({ authData: {} })).toBeUndefined();
  });
});

describe('where requests go (baseUrlFor)', () => {
  const saved = process.env[BASE_URL_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[BASE_URL_VARIABLE];
    else process.env[BASE_URL_VARIABLE] = saved;
  });

  it.each([
    ['in1', 'https://in1.api.clevertap.com'],
    ['us1', 'https://us1.api.clevertap.com'],
    ['mec1', 'https://mec1.api.clevertap.com'],
  ])('posts to the %s region host', async (region, host) => {
    const scope = nock(host).post('/1/upload').reply(200, answers.success);
    await appTester(upsertProfile, { authData: { ...authData, region }, inputData: { identity: 'u1' } });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a region CleverTap does not have, naming it and the regions, without sending anything', async () => {
    const scope = nock(EU_HOST).post('/1/upload').reply(200, answers.success);
    const error = await appTester(upsertProfile, {
      authData: { ...authData, region: 'xx1' },
      inputData: { identity: 'u1' },
    }).catch((e: unknown) => e);
    expect(appErrorOf(error)).toEqual({
      message:
        'The connection\'s Region "xx1" is not one CleverTap has (eu1, in1, sg1, us1, aps3, mec1). Reconnect your ' +
        'CleverTap account and pick its region.',
      code: 'invalid_region',
      status: 400,
    });
    expect(scope.isDone()).toBe(false);
  });

  it("sends every region to the developer's server when the override is set, {region} replaced", async () => {
    process.env[BASE_URL_VARIABLE] = 'http://127.0.0.1:4010/{region}/';
    const scope = nock('http://127.0.0.1:4010', { reqheaders: { 'x-clevertap-passcode': PASSCODE } })
      .post('/in1/1/upload')
      .reply(200, answers.success);
    await appTester(upsertProfile, {
      authData: { ...authData, region: 'in1' },
      inputData: { identity: 'u1' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each(['ftp://127.0.0.1:4010', 'not a url', 'http://user:secret@127.0.0.1:4010'])(
    'refuses an override that is not a plain http(s) address (%p), without sending anything',
    async (override) => {
      process.env[BASE_URL_VARIABLE] = override;
      const scope = nock(EU_HOST).post('/1/upload').reply(200, answers.success);
      const error = await failureOf(runProfile({ identity: 'u1' }));
      expect(appErrorOf(error)).toEqual({
        message:
          'CLEVERTAP_API_BASE_URL is set to something that is not an http(s) address; fix or remove it.',
        code: 'invalid_base_url',
        status: 500,
      });
      expect(scope.isDone()).toBe(false);
    },
  );
});
