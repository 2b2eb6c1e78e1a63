/**
 * One cold-start sample, run by the bench in a fresh process: `node cold-start.js app|core|node`.
 *
 * `core` requires zapier-platform-core alone; `node` requires nothing (Node's own baseline); `app` loads the app's root
 * entry (index.js) in two timed steps: zapier-platform-core first, then index.js. The compiled definition's first
 * require is zapier-platform-core, so this is the same work in the same order as requiring index.js alone; the split
 * shows what the app adds on top of core inside one process, free of the noise between processes on a shared machine.
 * The timers bracket only the requires; everything before them (this file and Node's built-ins) is the same for all.
 * Prints {target, loadMs, loadCpuMs, coreMs, coreCpuMs, maxRssKb, heapUsedKb}: wall-clock and CPU time (CPU_CLOCK in
 * common.ts) of the whole load and of its core part, the process's peak resident memory after loading, and the heap
 * still in use after a full garbage collection (run with --expose-gc).
 */
import { performance } from 'node:perf_hooks';
import { APP_ENTRY, CORE_ENTRY, cpuMicros, report } from './common';

const STEPS: Record<string, string[]> = { app: [CORE_ENTRY, APP_ENTRY], core: [CORE_ENTRY], node: [] };

function main(): void {
  const target = process.argv[2] ?? '';
  const steps = STEPS[target];
  if (!steps) throw new Error(`usage: cold-start.js ${Object.keys(STEPS).join('|')}`);
  const wall = [performance.now()];
  const cpu = [cpuMicros()];
  for (const entry of steps) {
    // A plain require, as Zapier's wrapper does it, with no helper in between.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(entry);
    wall.push(performance.now());
    cpu.push(cpuMicros());
  }
  const at = (list: number[], step: number) =>
    (list[Math.min(step, list.length - 1)] ?? NaN) - (list[0] ?? NaN);
  (globalThis as { gc?: () => void }).gc?.();
  report({
    target,
    loadMs: at(wall, steps.length),
    loadCpuMs: at(cpu, steps.length) / 1000,
    coreMs: at(wall, 1),
    coreCpuMs: at(cpu, 1) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    heapUsedKb: Math.round(process.memoryUsage().heapUsed / 1024),
  });
}

main();
