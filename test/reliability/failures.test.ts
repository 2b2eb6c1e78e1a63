/**
 * Failures, enumerated: every answer CleverTap can give (and a lost connection, and silence) for every action of the
 * app definition and the connection test (scenarios.ts). Each maps to the right Zapier error class and message,
 * nothing failed is reported as a success, and exactly the expected number of requests is sent: no blind retry (an
 * event sent twice is stored twice). The connection test alone sends more after a refusal: the read-only
 * wrong-region probe.
 */
import zapier from 'zapier-platform-core';
import { messageOf, SECRET_PASSCODE, quietCoreMemoryGuard } from './harness';
import { runScenario, SCENARIOS, SUBJECTS } from './scenarios';

quietCoreMemoryGuard();

describe.each(SUBJECTS.map((a) => [a.id, a] as const))('%s', (_id, action) => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const expected = scenario.expect(action);
    const outcome = await runScenario(action, scenario);
    expect(outcome.requests).toBe(expected.requests);
    if (!expected.error) {
      expect(outcome.error).toBeUndefined();
      if (action.kind === 'search') expect(Array.isArray(outcome.result)).toBe(true);
      else expect(outcome.result).toEqual(expect.any(Object));
      return;
    }
    // No false success.
    expect(outcome.result).toBeUndefined();
    const error = outcome.error as Error;
    expect(error?.name).toBe(expected.error);
    const cls = {
      AppError: zapier.errors.Error,
      ExpiredAuthError: zapier.errors.ExpiredAuthError,
      ThrottledError: zapier.errors.ThrottledError,
    }[expected.error];
    expect(error).toBeInstanceOf(cls);
    const message = messageOf(error);
    if (expected.message) expect(message).toMatch(expected.message);
    if (expected.delay !== undefined)
      expect(JSON.parse(error.message)).toMatchObject({ delay: expected.delay });
    // Never the passcode, never the record CleverTap echoed back.
    expect(error.message).not.toContain(SECRET_PASSCODE);
    expect(error.message).not.toContain('ECHOED');
    expect(error.message).not.toContain('echoed-user');
  });
});
