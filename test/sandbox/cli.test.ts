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

/** The tests that start node: a loaded machine only makes them slower, so their bound is generous. */
const CHILD_TIMEOUT_MS = 30_000;

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

  /** A child's output as it comes, and a way to wait for a line in it. */
  interface Output {
    text: () => string;
    /** Resolves with the first match once the output has it; rejects if the output ends without it. */
    waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  }

  /**
   * Collects the output of `started`: waiting for a line is driven by the child's output events, not by a clock, so a
   * slow start on a loaded machine only takes longer (bounded by the test's timeout, CHILD_TIMEOUT_MS).
   */
  function collect(started: ChildProcess): Output {
    let text = '';
    const waiters: (() => void)[] = [];
    const wake = () => waiters.splice(0).forEach((wakeUp) => wakeUp());
    const append = (chunk: Buffer) => {
      text += chunk.toString();
      wake();
    };
    started.stdout?.on('data', append);
    started.stderr?.on('data', append);
    let ended = false;
    started.stdout?.on('close', () => {
      ended = true;
      wake();
    });
    const waitFor = async (pattern: RegExp): Promise<RegExpMatchArray> => {
      for (;;) {
        const match = pattern.exec(text);
        if (match) return match;
        if (ended) throw new Error(`no ${pattern} in: ${text}`);
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    };
    return { text: () => text, waitFor };
  }

  function run(args: string[]): {
    process: ChildProcess;
    output: () => string;
    waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
    exited: Promise<number | null>;
  } {
    const started = spawn(process.execPath, [join(dir, 'cli.js'), ...args], {
      env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
    });
    child = started;
    const { text, waitFor } = collect(started);
    // 'close', not 'exit': the output is complete only once the child's pipes have closed.
    const exited = new Promise<number | null>((resolve) => started.on('close', (code) => resolve(code)));
    return { process: started, output: text, waitFor, exited };
  }

  test(
    'prints where it listens and the base URL, serves, and stops on SIGTERM',
    async () => {
      const cli = run(['--port', '0', '--account', 'CLI-ACC:cli-pass:sg1']);
      const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, baseUrl] = await cli.waitFor(/CLEVERTAP_API_BASE_URL=(\S+)/);
      expect(baseUrl).toBe(`${url}/{region}`);
      expect(cli.output()).not.toContain('cli-pass');
      const response = await fetch(`${url}/sg1/1/profile.json?identity=x`, {
        headers: credentials({ id: 'CLI-ACC', passcode: 'cli-pass' }),
      });
      expect(await response.json()).toEqual({ status: 'fail', error: 'User not found', code: 404 });
      cli.process.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    },
    CHILD_TIMEOUT_MS,
  );

  test(
    'stops on SIGINT',
    async () => {
      const cli = run(['--port=0']);
      await cli.waitFor(/CLEVERTAP_API_BASE_URL=/);
      cli.process.kill('SIGINT');
      expect(await cli.exited).toBe(0);
    },
    CHILD_TIMEOUT_MS,
  );

  test(
    'stops when the process that started it is killed, as when npm is, and frees the port',
    async () => {
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
      const { text, waitFor } = collect(parent);
      // The pipe closes when every process writing to it has ended: the launcher and the sandbox.
      const allEnded = new Promise((resolve) => parent.stdout.on('close', resolve));
      const [, pid] = await waitFor(/sandbox pid (\d+)/);
      grandchild = Number(pid);
      const [, url] = await waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      expect((await fetch(`${url}/__sandbox/health`)).status).toBe(200);
      parent.kill('SIGKILL');
      await allEnded;
      expect(text()).toContain('parent process gone: stopping');
      await expect(fetch(`${url}/__sandbox/health`)).rejects.toThrow(/fetch failed/);
    },
    CHILD_TIMEOUT_MS,
  );

  test(
    'exits 2 with the usage on a bad argument',
    async () => {
      const cli = run(['--account', 'nonsense']);
      expect(await cli.exited).toBe(2);
      expect(cli.output()).toMatch(/Usage: node dist-tools\/sandbox\/cli\.js/);
    },
    CHILD_TIMEOUT_MS,
  );
});

/** Ends a process this test started, if it still runs (a failed test must not leave a sandbox on a port). */
function killIfRunning(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
