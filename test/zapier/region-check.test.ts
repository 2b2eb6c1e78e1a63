/**
 * The region check in every step: a 401 in the connection's region makes the step ask the other regions the
 * connection test's read-only question (a profile nobody has), and the message leads with the region the credentials
 * belong to. Through the boundary tester, with nock on every region's host: a single upload, an acting call, a
 * lookup and a bulk step; then "no other region accepts", "no time left", and the probe never probing again.
 */
import nock from 'nock';
import zapier from 'zapier-platform-core';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as triggerCampaign } from '../../src/creates/trigger_campaign';
import { perform as uploadEventsBulk } from '../../src/creates/upload_events_bulk';
import { perform as findProfile } from '../../src/searches/find_profile';
import { REGIONS, Region, REGION_VALUES } from '../../src/clevertap/regions';
import { PROBE_BUDGET_MS } from '../../src/clevertap/region-probe';
import { CONNECTION_CHECK_IDENTITY } from '../../src/zapier/region-check';
import { credentialsMessage } from '../../src/zapier/words';
import { appTester, authData, messageOf, PASSCODE } from '../helpers';

const REFUSED = { status: 'fail', error: 'Invalid Credentials', code: 401 };
const FOUND_IN_INDIA =
  'Wrong region: these credentials belong to India (in1), not Europe (eu1). Reconnect your CleverTap account and ' +
  'pick India (in1) as the Region.';

interface Seen {
  region: Region;
  method: string;
  path: string;
}

/**
 * Every region's host: the connection's (eu1) refuses whatever the step sends (after moving the clock on by `slowMs`),
 * `accepts` answers the region check's lookup, every other region refuses it. Every request is recorded.
 */
function regions(accepts: Region | undefined, slowMs = 0): Seen[] {
  const seen: Seen[] = [];
  for (const region of REGION_VALUES)
    for (const method of ['GET', 'POST'])
      nock(`https://${REGIONS[region].host}`)
        .persist()
        .intercept(/.*/, method)
        .reply(function (uri) {
          seen.push({ region, method: this.req.method, path: uri });
          if (region === 'eu1') {
            if (slowMs) jest.setSystemTime(Date.now() + slowMs);
            return [401, REFUSED];
          }
          return region === accepts
            ? [200, { status: 'fail', error: 'User not found', code: 404 }]
            : [401, REFUSED];
        });
  return seen;
}

const failureOf = (run: Promise<unknown>) =>
  run.then(
    (result) => {
      throw new Error(`expected the step to fail, but it returned ${JSON.stringify(result)}`);
    },
    (error: unknown) => error as Error,
  );

/** The region check's question: the read-only lookup of a profile nobody has, once in each other region. */
function expectRegionCheck(seen: Seen[], first: { method: string; path: RegExp }): void {
  expect(seen[0]).toMatchObject({ region: 'eu1', method: first.method });
  expect(seen[0]?.path).toMatch(first.path);
  const probes = seen.slice(1);
  expect(probes.map((s) => s.region).sort()).toEqual(REGION_VALUES.filter((r) => r !== 'eu1').sort());
  for (const probe of probes) {
    expect(probe.method).toBe('GET');
    expect(probe.path).toBe(`/1/profile.json?identity=${CONNECTION_CHECK_IDENTITY}`);
  }
}

function expectShown(error: Error, message: string | RegExp): void {
  expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
  const shown = messageOf(error).split('\nWhat happened:')[0] ?? '';
  if (typeof message === 'string') expect(shown).toBe(message);
  else expect(shown).toMatch(message);
  expect(shown.length).toBeLessThanOrEqual(250);
  expect(error.message).not.toContain(PASSCODE);
}

afterEach(() => {
  jest.useRealTimers();
});

describe('a step that meets a 401 in the wrong region leads with the region the credentials belong to', () => {
  it('a single upload (Upload Event)', async () => {
    const seen = regions('in1');
    const error = await failureOf(
      appTester(uploadEvent, { authData, inputData: { evtName: 'Deal Won', identity: '51' } }),
    );
    expectShown(error, FOUND_IN_INDIA);
    expectRegionCheck(seen, { method: 'POST', path: /^\/1\/upload$/ });
  });

  it('an acting call (Trigger Campaign)', async () => {
    const seen = regions('in1');
    const error = await failureOf(
      appTester(triggerCampaign, { authData, inputData: { campaignId: '1695721550', identity: '51' } }),
    );
    expectShown(error, FOUND_IN_INDIA);
    expectRegionCheck(seen, { method: 'POST', path: /^\/1\/send\/externaltrigger\.json$/ });
  });

  it('a lookup (Find User Profile)', async () => {
    const seen = regions('in1');
    const error = await failureOf(
      appTester(findProfile, { authData, inputData: { identity: 'ada@example.com' } }),
    );
    expectShown(error, FOUND_IN_INDIA);
    expectRegionCheck(seen, { method: 'GET', path: /^\/1\/profile\.json\?identity=ada%40example\.com$/ });
  });

  it("a bulk step: the found region is the report's reason, after the counts", async () => {
    const seen = regions('in1');
    const error = await failureOf(
      appTester(uploadEventsBulk, {
        authData,
        inputData: {
          events: [
            { evtName: 'Deal Won', identity: '51' },
            { evtName: 'Deal Won', identity: '52' },
          ],
        },
      }),
    );
    expectShown(
      error,
      /^CleverTap saved 0 of 2 events; 2 not saved \(items 1-2\)\. Request 1 of 1 failed: Wrong region: the credentials belong to India \(in1\), not Europe \(eu1\)\. Reconnect your CleverTap account\./,
    );
    expectRegionCheck(seen, { method: 'POST', path: /^\/1\/upload$/ });
  });
});

describe('when the region check finds no region', () => {
  it('no other region accepts: wrong Account ID or Passcode, and the probe asks each region once', async () => {
    const seen = regions(undefined);
    const error = await failureOf(
      appTester(uploadEvent, { authData, inputData: { evtName: 'Deal Won', identity: '51' } }),
    );
    expectShown(
      error,
      /^Wrong Account ID or Passcode: CleverTap refused them in Europe \(eu1\) and in every other region\. /,
    );
    // The probe's own refusals do not start another probe: one upload, five lookups, nothing more.
    expect(seen).toHaveLength(6);
    expectRegionCheck(seen, { method: 'POST', path: /^\/1\/upload$/ });
  });

  it("no time left in Zapier's 30 seconds: no region is asked, and the refusal stands", async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const seen = regions('in1', PROBE_BUDGET_MS);
    const error = await failureOf(
      appTester(uploadEvent, { authData, inputData: { evtName: 'Deal Won', identity: '51' } }),
    );
    expectShown(error, credentialsMessage('eu1'));
    expect(seen.map((s) => s.region)).toEqual(['eu1']);
  });
});
