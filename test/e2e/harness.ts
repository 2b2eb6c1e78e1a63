/**
 * The set-up every end-to-end file shares: a local CleverTap-compatible sandbox on a free loopback port for the
 * file's tests, the app pointed at it through CLEVERTAP_API_BASE_URL (restored afterwards), and an empty store before
 * each test. Call `useSandbox` at the top of a file; it registers the jest hooks and returns the running sandbox's
 * getter.
 */
import { startSandbox, Sandbox, SandboxOptions } from '../../sandbox';

const BASE_URL_VARIABLE = 'CLEVERTAP_API_BASE_URL';

export function useSandbox(options: SandboxOptions, { resetEachTest = true } = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  let savedBaseUrl: string | undefined;

  beforeAll(async () => {
    sandbox = await startSandbox({ ...options, port: 0 });
    savedBaseUrl = process.env[BASE_URL_VARIABLE];
    process.env[BASE_URL_VARIABLE] = sandbox.baseUrl;
  });

  afterAll(async () => {
    if (savedBaseUrl === undefined) delete process.env[BASE_URL_VARIABLE];
    else process.env[BASE_URL_VARIABLE] = savedBaseUrl;
    await sandbox?.close();
  });

  if (resetEachTest) beforeEach(() => sandbox?.reset());

  return () => {
    if (!sandbox) throw new Error('the sandbox is started in beforeAll: use it inside tests');
    return sandbox;
  };
}

/** The connection a test account gives, as Zapier's bundle.authData. */
export function authDataOf(account: { id: string; passcode: string; region: string }) {
  return { accountId: account.id, passcode: account.passcode, region: account.region };
}
