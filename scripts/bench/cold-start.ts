/**
 * One cold-start sample, run by the bench in a fresh process: `node cold-start.js app|core|node`.
 *
 * `app` requires the app's root entry (index.js, which loads the compiled definition and, through it,
 * zapier-platform-core), `core` requires zapier-platform-core alone, `node` requires nothing (Node's own baseline).
 * The timers bracket only that require; everything before it (this file and Node's built-ins) is the same for the
 * three. Prints {target, loadMs, loadCpuMs, maxRssKb, heapUsedKb}: wall-clock and CPU time of the require (CPU_CLOCK
 * in common.ts), the process's peak resident memory after loading, and the heap still in use after a full garbage
 * collection (run with --expose-gc).
 */
import { performance } from 'node:perf_hooks';
import { APP_ENTRY, CORE_ENTRY, cpuMicros, report } from './common';

const TARGETS: Record<string, string | undefined> = { app: APP_ENTRY, core: CORE_ENTRY, node: undefined };

function main(): void {
  const target = process.argv[2] ?? '';
  if (!(target in TARGETS)) throw new Error(`usage: cold-start.js ${Object.keys(TARGETS).join('|')}`);
  const entry = TARGETS[target];
  const cpu = cpuMicros();
  const start = performance.now();
  // A plain require, as Zapier's wrapper does it, with no helper in between.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (entry) require(entry);
  const loadMs = performance.now() - start;
  const cpuUs = cpuMicros() - cpu;
  (globalThis as { gc?: () => void }).gc?.();
  report({
    target,
    loadMs,
    loadCpuMs: cpuUs / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    heapUsedKb: Math.round(process.memoryUsage().heapUsed / 1024),
  });
}

main();
