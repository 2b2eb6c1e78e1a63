/**
 * What the bench's parts share: where the project is, how a measurement runs in a fresh process, and the arithmetic
 * of repeated runs. Imports only Node's built-ins, so a child process pays nothing for it before its own timer starts.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The project root: this file runs as dist-tools/scripts/bench/common.js. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The app's public entry, as the Zapier CLI and the build's wrapper load it. */
export const APP_ENTRY = path.join(ROOT, 'index.js');

/** zapier-platform-core as the app resolves it. */
export const CORE_ENTRY = require.resolve('zapier-platform-core', { paths: [ROOT] });

/**
 * The CPU clock of every "CPU" figure: the process's CPU time (getrusage through process.cpuUsage, microseconds).
 * On a machine shared with other work, wall-clock time also counts the time this process waited for a core, which is
 * noise here; CPU time does not. It does count V8's background threads (concurrent compiler, GC marking), which a
 * dedicated core would partly hide, so it errs on the side of cost. (Linux's per-thread schedstat was tried: it moves
 * in 4 ms scheduler ticks, too coarse for batches of a few milliseconds.)
 */
export const CPU_CLOCK = 'process CPU time (process.cpuUsage: user + system, all threads)';

/** Microseconds of CPU time so far; only differences between two readings mean anything. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** require() of a module given by path at run time, as Zapier's wrapper loads the app: no import can say it. */
export function load<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(id) as T;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * Runs a measurement in a fresh process. The last line of its stdout is its result, as JSON; anything before it is
 * ignored. dist/ is shared with whoever else builds in this work tree: a child that finds a compiled module missing
 * (a rebuild in progress) is run again, up to three times, two seconds apart.
 */
export async function runChild<T>(script: string, args: string[] = [], nodeArgs: string[] = []): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runChildOnce<T>(script, args, nodeArgs);
    } catch (error) {
      if (attempt >= 3 || !/Cannot find module/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

function runChildOnce<T>(script: string, args: string[], nodeArgs: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, path.join(__dirname, `${script}.js`), ...args], {
      cwd: ROOT,
      env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) {
        reject(new Error(`${script} ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(-800)}`));
        return;
      }
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON result: ${stdout.slice(-400)} ${stderr.slice(-400)}`));
      }
    });
  });
}

/** A child's way to hand its result to the parent. */
export function report(result: unknown): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Runs a child's main and turns a failure into a non-zero exit with the reason on stderr. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
