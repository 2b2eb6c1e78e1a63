// Command line: node dist-tools/sandbox/cli.js [--port 4010] [--account ID:PASSCODE:REGION ...] [--max-records N]
//   [--max-concurrent N] [--max-concurrent-reads N] [--max-concurrent-acts N] [--not-found SHAPE]
//   [--campaign ID ...] [--keep-running]
// Prints where it listens and the base URL; stops on SIGINT/SIGTERM, and when the process that started it is gone.
import {
  PROFILE_NOT_FOUND_SHAPES,
  REGIONS,
  Region,
  SandboxAccount,
  SandboxOptions,
  startSandbox,
} from './index';
import { ProfileNotFoundShape } from './state';

const USAGE = `Usage: node dist-tools/sandbox/cli.js [--port 4010] [--account ID:PASSCODE:REGION ...]
       [--max-records N] [--max-concurrent N] [--max-concurrent-reads N] [--max-concurrent-acts N]
       [--not-found ${PROFILE_NOT_FOUND_SHAPES.join('|')}] [--campaign ID ...] [--keep-running]
Regions: ${REGIONS.join(', ')}. Default account: TEST-ACCOUNT:test-passcode:eu1. Default port: 4010.
--campaign: an External Trigger campaign id the account has (repeat it; without it, any id of digits is accepted).
--keep-running: do not stop when the process that started the sandbox (npm, a script's shell) goes away.`;

export interface CliOptions extends SandboxOptions {
  /** Set by --keep-running: the sandbox does not stop when its parent process goes away. */
  keepRunning?: boolean;
}

function parseAccount(text: string): SandboxAccount {
  const [id, passcode, region, ...rest] = text.split(':');
  if (!id || !passcode || !region || rest.length > 0 || !(REGIONS as readonly string[]).includes(region))
    throw new Error(
      `--account must be ID:PASSCODE:REGION with a region of ${REGIONS.join(', ')}; got "${text}"`,
    );
  return { id, passcode, region: region as Region };
}

function parseCount(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a whole number; got "${text}"`);
  return value;
}

type FlagHandler = (options: CliOptions, value: string | undefined, flag: string) => void;

/** Flags that take a value ("--flag value" or "--flag=value"). */
const FLAGS: Record<string, FlagHandler> = {
  '--port': (options, value, flag) => (options.port = parseCount(flag, value)),
  '--account': (options, value) =>
    (options.accounts = [...(options.accounts ?? []), parseAccount(value ?? '')]),
  '--max-records': (options, value, flag) => (options.maxRecordsPerCall = parseCount(flag, value)),
  '--max-concurrent': (options, value, flag) => (options.maxConcurrent = parseCount(flag, value)),
  '--max-concurrent-reads': (options, value, flag) => (options.maxConcurrentReads = parseCount(flag, value)),
  '--max-concurrent-acts': (options, value, flag) => (options.maxConcurrentActs = parseCount(flag, value)),
  '--not-found': (options, value) => {
    if (!(PROFILE_NOT_FOUND_SHAPES as readonly (string | undefined)[]).includes(value))
      throw new Error(`--not-found must be one of ${PROFILE_NOT_FOUND_SHAPES.join(', ')}; got "${value}"`);
    options.profileNotFound = value as ProfileNotFoundShape;
  },
  '--campaign': (options, value) => {
    if (!/^\d+$/.test(value ?? ''))
      throw new Error(`--campaign needs a campaign id of digits; got "${value}"`);
    options.campaigns = [...(options.campaigns ?? []), value as string];
  },
};

/** Flags that take no value. */
const SWITCHES: Record<string, (options: CliOptions) => void> = {
  '--keep-running': (options) => (options.keepRunning = true),
};

export function parseArgs(args: string[]): CliOptions {
  const options: CliOptions = { port: 4010 };
  let i = 0;
  while (i < args.length) {
    const [flag = '', inline] = (args[i] ?? '').split(/=(.*)/s, 2);
    const toggle = SWITCHES[flag];
    if (toggle && inline === undefined) {
      toggle(options);
      i += 1;
      continue;
    }
    const handler = FLAGS[flag];
    if (!handler) throw new Error(`Unknown option "${args[i]}"`);
    const value = inline ?? args[i + 1];
    i += inline === undefined ? 2 : 1;
    handler(options, value, flag);
  }
  return options;
}

/**
 * Calls `onGone` once the process that started this one has ended. An orphan is handed to another parent (init or
 * a subreaper), so a changed `process.ppid` is the sign; it is read every `intervalMs` on an unref'd timer, which
 * never keeps a process alive. Nothing is watched when the parent is already init (or none). Returns a stop function.
 */
export function watchParent(onGone: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  if (parent <= 1) return () => undefined;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const { keepRunning, ...options } = parseArgs(process.argv.slice(2));
  const sandbox = await startSandbox(options);
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${why}: stopping`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  if (!keepRunning) watchParent(() => stop('parent process gone'));
  // Printed once the signal handlers are in place: whoever reads the address may stop the server at once.
  console.log(`CleverTap sandbox listening on ${sandbox.url}`);
  console.log(`CLEVERTAP_API_BASE_URL=${sandbox.baseUrl}`);
  for (const account of sandbox.accounts) console.log(`account ${account.id} (region ${account.region})`);
  const inspect = ['received', 'lookups', 'schema-reads', 'acts', 'store', 'subscriptions', 'inbox'];
  console.log(`inspect: ${inspect.map((route) => `${sandbox.url}/__sandbox/${route}`).join(', ')}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  });
}
