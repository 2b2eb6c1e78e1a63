/**
 * End-to-end: Find User Profile through core's tester, with Zapier's boundary around each step (test/boundary.ts),
 * against the sandbox over real HTTP, including the
 * find-or-create round trip with Create/Update User Profile and both not-found shapes the sandbox can answer.
 */
import { perform as findProfile } from '../../src/searches/find_profile';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { authDataOf, useSandbox } from './harness';
import { failureOf, messageOf } from '../helpers';
import { boundaryTester } from '../boundary';

const appTester = boundaryTester;

const ACCOUNT = { id: 'E2E-FIND', passcode: 'e2e-find-passcode-SECRET', region: 'eu1' as const };
const authData = authDataOf(ACCOUNT);

const sandbox = useSandbox({ accounts: [ACCOUNT] });

const find = (inputData: Record<string, unknown>, auth = authData) =>
  appTester(findProfile, { authData: auth, inputData });

async function createAda() {
  await appTester(upsertProfile, {
    authData,
    inputData: { identity: 'ada-51', name: 'Ada Lovelace', email: 'ada+zap@example.com' },
  });
  return sandbox().store.profile('identity', 'ada-51');
}

describe('Find User Profile against the sandbox', () => {
  it('finds nobody, then finds the profile Create/Update User Profile made (find or create)', async () => {
    await expect(find({ identity: 'ada-51' })).resolves.toEqual([]);

    const stored = await createAda();

    const expected = {
      objectId: stored?.objectId,
      objectIds: stored?.objectId,
      identity: 'ada-51',
      Name: 'Ada Lovelace',
      Email: 'ada+zap@example.com',
    };
    await expect(find({ identity: 'ada-51' })).resolves.toEqual([expected]);
    await expect(find({ email: 'ada+zap@example.com' })).resolves.toEqual([expected]);
    await expect(find({ objectId: stored?.objectId })).resolves.toEqual([expected]);

    const lookups = sandbox().lookups();
    expect(lookups.map((l) => l.query)).toEqual([
      { identity: 'ada-51' },
      { identity: 'ada-51' },
      { email: 'ada+zap@example.com' },
      { objectId: stored?.objectId },
    ]);
    expect(lookups.every((l) => l.accountId === ACCOUNT.id && l.status === 200)).toBe(true);
  });

  it.each(['fail', 'empty'] as const)('returns [] for the "%s" not-found answer', async (shape) => {
    sandbox().configure({ profileNotFound: shape });
    await expect(find({ email: 'nobody@example.com' })).resolves.toEqual([]);
    expect(sandbox().lookups()[0]?.answer).toEqual(
      shape === 'fail' ? { status: 'fail', error: 'User not found', code: 404 } : { status: 'success' },
    );
  });

  it('a wrong passcode: ExpiredAuthError, not "not found"', async () => {
    const error = await failureOf(find({ identity: 'ada-51' }, { ...authData, passcode: 'wrong' }));
    expect(error.name).toBe('ExpiredAuthError');
    // Every region of the sandbox refuses it too (the step asks them, as the connection test does).
    expect(messageOf(error)).toMatch(
      /^Wrong Account ID or Passcode: CleverTap refused them in Europe \(eu1\) and in every other region\./,
    );
  });

  it('CleverTap unavailable: an error, not "not found"', async () => {
    sandbox().faults.failNext(503, 1, { on: 'profile' });
    const error = await failureOf(find({ identity: 'ada-51' }));
    expect(messageOf(error)).toBe(
      'CleverTap is unavailable right now (HTTP 503). Try again in a few minutes.',
    );
  });

  it('an answer that is not JSON: an error, not "not found"', async () => {
    sandbox().faults.nonJsonNext(1, undefined, 'profile');
    const error = await failureOf(find({ identity: 'ada-51' }));
    expect(messageOf(error)).toBe(
      'CleverTap answered the lookup with something other than a profile answer (HTTP 200).',
    );
  });

  it('a dropped connection: an error saying a replay is safe', async () => {
    sandbox().faults.dropNext(1, 'profile');
    const error = await failureOf(find({ identity: 'ada-51' }));
    expect(messageOf(error)).toMatch(
      /^The connection to CleverTap failed \(.+\)\. Nothing is known to be saved; it is safe/,
    );
  });

  it('invalid input reaches no server', async () => {
    const error = await failureOf(find({ identity: 'ada-51', email: 'ada@example.com' }));
    expect(messageOf(error)).toMatch(/^Identity \/ Email: fill in only one of them/);
    expect(sandbox().lookups()).toEqual([]);
  });
});
