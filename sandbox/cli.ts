// Command line: node dist/sandbox/cli.js [--port 4010] [--account ID:PASSCODE:REGION ...]
//   [--max-records N] [--max-concurrent N] [--not-found fail|empty]
// Prints where it listens and the base URL; stops on SIGINT/SIGTERM.
import { REGIONS, Region, SandboxAccount, SandboxOptions, startSandbox } from './index';

const USAGE = `Usage: node dist/sandbox/cli.js [--port 4010] [--account ID:PASSCODE:REGION ...]
       [--max-records N] [--max-concurrent N] [--max-concurrent-reads N] [--not-found fail|empty]
Regions: ${REGIONS.join(', ')}. Default account: TEST-ACCOUNT:test-passcode:eu1. Default port: 4010.`;

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

type FlagHandler = (options: SandboxOptions, value: string | undefined, flag: string) => void;

const FLAGS: Record<string, FlagHandler> = {
  '--port': (options, value, flag) => (options.port = parseCount(flag, value)),
  '--account': (options, value) =>
    (options.accounts = [...(options.accounts ?? []), parseAccount(value ?? '')]),
  '--max-records': (options, value, flag) => (options.maxRecordsPerCall = parseCount(flag, value)),
  '--max-concurrent': (options, value, flag) => (options.maxConcurrent = parseCount(flag, value)),
  '--max-concurrent-reads': (options, value, flag) => (options.maxConcurrentReads = parseCount(flag, value)),
  '--not-found': (options, value) => {
    if (value !== 'fail' && value !== 'empty')
      throw new Error(`--not-found must be fail or empty; got "${value}"`);
    options.profileNotFound = value;
  },
};

export function parseArgs(args: string[]): SandboxOptions {
  const options: SandboxOptions = { port: 4010 };
  let i = 0;
  while (i < args.length) {
    const [flag = '', inline] = (args[i] ?? '').split(/=(.*)/s, 2);
    const handler = FLAGS[flag];
    if (!handler) throw new Error(`Unknown option "${args[i]}"`);
    const value = inline ?? args[i + 1];
    i += inline === undefined ? 2 : 1;
    handler(options, value, flag);
  }
  return options;
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox(parseArgs(process.argv.slice(2)));
  console.log(`CleverTap sandbox listening on ${sandbox.url}`);
  console.log(`CLEVERTAP_API_BASE_URL=${sandbox.baseUrl}`);
  for (const account of sandbox.accounts) console.log(`account ${account.id} (region ${account.region})`);
  console.log(`inspect: ${sandbox.url}/__sandbox/received, ${sandbox.url}/__sandbox/store`);
  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    console.error(USAGE);
    process.exit(2);
  });
}
