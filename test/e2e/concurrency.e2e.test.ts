/**
 * End-to-end: 25 actions fired at once against CleverTap's concurrency limit (15 uploads in flight per account, as
 * the sandbox enforces it). Every upload is held by the sandbox until the test releases it, once 15 are held and the
 * other 10 answered, so the limit is really reached however fast the machine is. Each action must either succeed
 * with its record in the server's store, or fail with ThrottledError with nothing stored: no record lost behind a
 * success, no failure reported for a record that landed, none counted twice.
 */
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { authDataOf, useSandbox } from './harness';
import { boundaryTester } from '../boundary';

const appTester = boundaryTester;

const ACCOUNT = { id: 'E2E-CONCURRENCY', passcode: 'e2e-concurrency-passcode', region: 'sg1' as const };
const authData = authDataOf(ACCOUNT);
const MAX_CONCURRENT = 15;
const ACTIONS = 25;

const sandbox = useSandbox({ accounts: [ACCOUNT], maxConcurrent: MAX_CONCURRENT }, { resetEachTest: false });

type Outcome =
  | { user: string; kind: 'profile' | 'event'; ok: true }
  | { user: string; kind: 'profile' | 'event'; ok: false; error: Error };

/** Action i: even ones upsert a profile, odd ones upload an event; each for its own user, so each is traceable. */
function fire(i: number): Promise<Outcome> {
  const user = `burst-user-${i}`;
  const kind = i % 2 === 0 ? 'profile' : 'event';
  const inputData: Record<string, unknown> =
    kind === 'profile'
      ? { identity: user, properties: { Burst: String(i) } }
      : { identity: user, evtName: 'Burst Event', eventProperties: { N: String(i) } };
  const run =
    kind === 'profile'
      ? appTester(upsertProfile, { authData, inputData })
      : appTester(uploadEvent, { authData, inputData });
  return run.then(
    (output: unknown) => {
      expect(output).toMatchObject({ status: 'success', processed: 1, identity: user });
      return { user, kind, ok: true };
    },
    (error: Error) => ({ user, kind, ok: false, error }),
  );
}

it(`${ACTIONS} actions at once: each is stored and reported, or throttled and absent`, async () => {
  sandbox().faults.holdNext('always', 'upload');
  const running = Promise.all(Array.from({ length: ACTIONS }, (_, i) => fire(i)));
  // The limit is reached: 15 uploads held in flight, the other 10 already answered. Then the held ones go on.
  await sandbox().when(
    () =>
      sandbox().faults.held() === MAX_CONCURRENT && sandbox().received().length === ACTIONS - MAX_CONCURRENT,
  );
  sandbox().faults.release();
  const outcomes = await running;

  const failures = outcomes.filter((o) => !o.ok);
  for (const failure of failures) {
    expect(failure.error.name).toBe('ThrottledError');
    expect(JSON.parse(failure.error.message)).toMatchObject({
      message: expect.stringContaining('(HTTP 429)'),
      delay: 60,
    });
  }

  const profiles = sandbox().store.profiles();
  const events = sandbox().store.events();
  for (const outcome of outcomes) {
    const storedProfile = profiles.filter((p) => p.identity === outcome.user);
    const storedEvents = events.filter((e) => e.userKey.value === outcome.user);
    if (outcome.kind === 'profile') {
      expect({ user: outcome.user, stored: storedProfile.length }).toEqual({
        user: outcome.user,
        stored: outcome.ok ? 1 : 0,
      });
      if (outcome.ok)
        expect(storedProfile[0]?.profileData).toEqual({ Burst: Number(outcome.user.split('-').pop()) });
    } else {
      expect({ user: outcome.user, stored: storedEvents.length }).toEqual({
        user: outcome.user,
        stored: outcome.ok ? 1 : 0,
      });
    }
  }
  // Nothing else landed: no extra or duplicated records.
  const succeeded = outcomes.filter((o) => o.ok);
  expect(profiles.length + events.length).toBe(
    succeeded.filter((o) => o.kind === 'profile').length +
      succeeded.filter((o) => o.kind === 'event').length * 2,
  ); // an event for a new user also creates that user's profile

  // The server saw exactly one call per action (no hidden retries), and its answers match what the app reported.
  const received = sandbox().received();
  expect(received).toHaveLength(ACTIONS);
  expect(received.filter((r) => r.status === 429)).toHaveLength(failures.length);
  expect(received.filter((r) => r.status === 200)).toHaveLength(succeeded.length);

  // The limit was really reached: the 15 in flight were held and saved, the other 10 met the limit.
  expect(succeeded).toHaveLength(MAX_CONCURRENT);
  expect(failures).toHaveLength(ACTIONS - MAX_CONCURRENT);
}, 60_000);
