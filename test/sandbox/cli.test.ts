// The command line: argument parsing, and the real entry point run as a child process.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { parseArgs } from '../../sandbox/cli';
import { credentials } from './helpers';

describe('parseArgs', () => {
  test('defaults to port 4010 and the default account', () => {
    expect(parseArgs([])).toEqual({ port: 4010 });
  });

  test('reads port, several accounts and settings, with "--flag value" or "--flag=value"', () => {
    expect(
      parseArgs([
        '--port',
        '0',
        '--account',
        'A1:pass1:eu1',
        '--account=B2:pass2:in1',
        '--max-records',
        '100',
        '--max-concurrent=3',
        '--max-concurrent-reads',
        '1',
        '--not-found',
        'empty',
        '--max-concurrent-acts=2',
        '--campaign',
        '1695721550',
        '--campaign=42',
        '--keep-running',
      ]),
    ).toEqual({
      port: 0,
      accounts: [
        { id: 'A1', passcode: 'pass1', region: 'eu1' },
        { id: 'B2', passcode: 'pass2', region: 'in1' },
      ],
      maxRecordsPerCall: 100,
      maxConcurrent: 3,
      maxConcurrentReads: 1,
      profileNotFound: 'empty',
      maxConcurrentActs: 2,
      campaigns: ['1695721550', '42'],
      keepRunning: true,
    });
  });

  test.each(['fail', 'fail404', 'empty', 'null'])('--not-found %s', (shape) => {
    expect(parseArgs(['--not-found', shape])).toEqual({ port: 4010, profileNotFound: shape });
  });

  test.each([
    [['--account', 'A1:pass1:mars']],
    [['--account', 'A1:pass1']],
    [['--port', 'abc']],
    [['--not-found', 'maybe']],
    [['--colour', 'red']],
    [['--campaign', 'welcome']],
    [['--campaign']],
    [['--max-concurrent-acts', 'three']],
    [['--keep-running=yes']],
  ])('refuses %j', (args) => {
    expect(() => parseArgs(args)).toThrow();
  });
});

describe('node cli.js', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    // Transpile the sandbox's sources to JavaScript, as `npm run build` does into dist-tools/sandbox.
    dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
    const sources = join(__dirname, '..', '..', 'sandbox');
    for (const file of readdirSync(sources).filter((name) => name.endsWith('.ts'))) {
      const { outputText } = ts.transpileModule(readFileSync(join(sources, file), 'utf8'), {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
      });
      writeFileSync(join(dir, file.replace(/\.ts$/, '.js')), outputText);
    }
  });

  /** A sandbox started by a stand-in parent, not by the test itself. */
  let grandchild: number | undefined;

  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    if (grandchild !== undefined) killIfRunning(grandchild);
    grandchild = undefined;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function run(args: string[]): {
    process: ChildProcess;
    output: () => string;
    exited: Promise<number | null>;
  } {
    const started = spawn(process.execPath, [join(dir, 'cli.js'), ...args], {
      env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
    });
    child = started;
    let output = '';
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => started.on('exit', (code) => resolve(code)));
    return { process: started, output: () => output, exited };
  }

  async function waitFor(output: () => string, pattern: RegExp): Promise<RegExpMatchArray> {
    for (let i = 0; i < 100; i += 1) {
      const match = pattern.exec(output());
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no ${pattern} in: ${output()}`);
  }

  test('prints where it listens and the base URL, serves, and stops on SIGTERM', async () => {
    const cli = run(['--port', '0', '--account', 'CLI-ACC:cli-pass:sg1']);
    const [, url] = await waitFor(cli.output, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect(cli.output()).toContain(`CLEVERTAP_API_BASE_URL=${url}/{region}`);
    expect(cli.output()).not.toContain('cli-pass');
    const response = await fetch(`${url}/sg1/1/profile.json?identity=x`, {
      headers: credentials({ id: 'CLI-ACC', passcode: 'cli-pass' }),
    });
    expect(await response.json()).toEqual({ status: 'fail', error: 'User not found', code: 404 });
    cli.process.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  test('stops on SIGINT', async () => {
    const cli = run(['--port=0']);
    await waitFor(cli.output, /CLEVERTAP_API_BASE_URL=/);
    cli.process.kill('SIGINT');
    expect(await cli.exited).toBe(0);
  });

  test('stops when the process that started it is killed, as when npm is, and frees the port', async () => {
    // A stand-in for npm: starts the sandbox with its own output, prints the sandbox's pid, and is then SIGKILLed.
    const launcher = [
      "const { spawn } = require('node:child_process');",
      "const cli = spawn(process.execPath, process.argv.slice(1), { stdio: 'inherit' });",
      'console.log(`sandbox pid ${cli.pid}`);',
      'setInterval(() => undefined, 1000);',
    ].join('\n');
    const parent = spawn(process.execPath, ['-e', launcher, join(dir, 'cli.js'), '--port', '0'], {
      env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
    });
    child = parent;
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    parent.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The pipe closes when every process writing to it has ended: the launcher and the sandbox.
    const allEnded = new Promise((resolve) => parent.stdout.on('close', resolve));
    const [, pid] = await waitFor(() => output, /sandbox pid (\d+)/);
    grandchild = Number(pid);
    const [, url] = await waitFor(() => output, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect((await fetch(`${url}/__sandbox/health`)).status).toBe(200);
    parent.kill('SIGKILL');
    await allEnded;
    expect(output).toContain('parent process gone: stopping');
    await expect(fetch(`${url}/__sandbox/health`)).rejects.toThrow(/fetch failed/);
  }, 20_000);

  test('exits 2 with the usage on a bad argument', async () => {
    const cli = run(['--account', 'nonsense']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/Usage: node dist-tools\/sandbox\/cli\.js/);
  });
});

/** Ends a process this test started, if it still runs (a failed test must not leave a sandbox on a port). */
function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
