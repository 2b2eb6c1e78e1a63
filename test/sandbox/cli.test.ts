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
    });
  });

  test.each([
    [['--account', 'A1:pass1:mars']],
    [['--account', 'A1:pass1']],
    [['--port', 'abc']],
    [['--not-found', 'maybe']],
    [['--colour', 'red']],
  ])('refuses %j', (args) => {
    expect(() => parseArgs(args)).toThrow();
  });
});

describe('node cli.js', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeAll(() => {
    // Transpile the sandbox's sources to JavaScript, as `npm run build` does into dist/sandbox.
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

  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
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

  test('exits 2 with the usage on a bad argument', async () => {
    const cli = run(['--account', 'nonsense']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/Usage: node dist\/sandbox\/cli\.js/);
  });
});
