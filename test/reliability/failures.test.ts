/**
 * Failures, enumerated: every answer CleverTap can give (and a lost connection, and silence) for every action of the
 * app definition and the connection test (scenarios.ts), each step run through Zapier's boundary (../boundary.ts).
 * Each maps to the right Zapier error class and message, nothing failed is reported as a success, and exactly the
 * expected number of requests is sent, each to the API the step is for: no blind retry (an event sent twice is stored
 * twice, a campaign message sent twice reaches the user twice). Only a refusal of the credentials sends more, in every
 * step: the read-only wrong-region probe (src/zapier/region-check.ts).
 *
 * Every message fits what Zapier shows (250 characters of the app's part; core appends "What happened: ..." to some)
 * with the essential inside: the region for a credentials error, the saved count and the item numbers for a bulk
 * report.
 */
import zapier from 'zapier-platform-core';
import { REGIONS, regionName, type Region } from '../../src/clevertap/regions';
import {
  appPartOf,
  connection,
  messageOf,
  quietCoreMemoryGuard,
  routeFor,
  routeOf,
  SECRET_PASSCODE,
  SHOWN,
} from './harness';
import { isBulk, runScenario, SCENARIOS, SCHEMA_SUBJECTS, schemaExpected, SUBJECTS } from './scenarios';
import { clearZapierCache } from '../boundary';

quietCoreMemoryGuard();

const REGION_NAMES = (Object.keys(REGIONS) as Region[]).map(regionName);

describe.each(SUBJECTS.map((a) => [a.id, a] as const))('%s', (_id, action) => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const expected = scenario.expect(action);
    const outcome = await runScenario(action, scenario);
    expect(outcome.requests).toBe(expected.requests);
    // The step's request went to the API the step is for (a trigger to the External Trigger API, and so on); after
    // a refusal of the credentials, the region check's read-only lookups (routeFor the connection test) follow.
    const [first, ...probes] = outcome.paths.map((path) => routeOf(path) ?? path);
    expect(first).toBe(routeFor(action));
    expect(probes).toEqual(probes.map(() => routeFor(connection)));
    if (!expected.error) {
      expect(outcome.error).toBeUndefined();
      if (action.kind === 'search') expect(Array.isArray(outcome.result)).toBe(true);
      else expect(outcome.result).toEqual(expect.any(Object));
      if ('result' in expected) expect(outcome.result).toEqual(expected.result);
      return;
    }
    // No false success.
    expect(outcome.result).toBeUndefined();
    const error = outcome.error as Error;
    // What the user is shown is the whole of the app's message, first (a longer one would fail the class check
    // below with the boundary's own error, whose text says so).
    const shown = appPartOf(error);
    expect(shown.length).toBeLessThanOrEqual(SHOWN);
    expect(error?.name).toBe(expected.error);
    const cls = {
      AppError: zapier.errors.Error,
      ExpiredAuthError: zapier.errors.ExpiredAuthError,
      ThrottledError: zapier.errors.ThrottledError,
    }[expected.error];
    expect(error).toBeInstanceOf(cls);
    const message = messageOf(error);
    if (expected.message) expect(shown).toMatch(expected.message);
    for (const fact of expected.essential ?? []) expect(shown).toContain(fact);
    if (expected.leads) expect(shown.split(/\.\s/)[0]).toContain(expected.leads);
    // A credentials error names a region; a bulk report starts with the saved count and the item numbers.
    if (expected.error === 'ExpiredAuthError')
      expect(REGION_NAMES.some((name) => shown.includes(name))).toBe(true);
    if (isBulk(action))
      expect(shown).toMatch(
        /^CleverTap saved 0 of 1 (events|profiles); 1 (not saved|uncertain) \(item 1\)\. /,
      );
    if (expected.delay !== undefined)
      expect(JSON.parse(error.message)).toMatchObject({ delay: expected.delay });
    // Never the passcode, never the record CleverTap echoed back.
    expect(error.message).not.toContain(SECRET_PASSCODE);
    expect(error.message).not.toContain('ECHOED');
    expect(error.message).not.toContain('echoed-user');
    expect(message).not.toContain(SECRET_PASSCODE);
  });
});

describe.each(SCHEMA_SUBJECTS.map((a) => [a.id, a] as const))('%s (getSchema)', (_id, subject) => {
  beforeEach(() => {
    clearZapierCache();
  });

  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const expected = schemaExpected(subject, scenario);
    const outcome = await runScenario(subject, scenario);
    expect(outcome.requests).toBe(expected.requests);
    const routes = outcome.paths.map((path) => routeOf(path) ?? path);
    if (!expected.error) {
      // The read, then (a guarded step) the upload of an event the account has.
      expect(outcome.error).toBeUndefined();
      expect(routes).toEqual(subject.kind === 'dropdown' ? ['schema'] : ['schema', 'upload']);
      if ('result' in expected) expect(outcome.result).toEqual(expected.result);
      return;
    }
    // One read, and nothing else: no upload after a read that failed, no second read; after a refusal, only the
    // other five regions' read-only lookups (the region check).
    const probes = expected.requests - 1;
    expect(routes).toEqual(['schema', ...Array<string>(probes).fill('profile')]);
    expect(outcome.result).toBeUndefined();
    const error = outcome.error as Error;
    const shown = appPartOf(error);
    expect(shown.length).toBeLessThanOrEqual(SHOWN);
    expect(error?.name).toBe(expected.error);
    if (expected.message) expect(shown).toMatch(expected.message);
    if (expected.leads) expect(shown.split(/\.\s/)[0]).toContain(expected.leads);
    for (const word of expected.essential ?? []) expect(shown).toContain(word);
    expect(error.message).not.toContain(SECRET_PASSCODE);
    expect(error.message).not.toMatch(/ECHOED|echoed-user/);
  });
});
