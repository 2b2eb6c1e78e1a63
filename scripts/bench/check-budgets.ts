/**
 * `npm run bench:check`: judges a bench results file (default bench-results/latest.json) against the budgets of
 * budgets.ts. Exits 1 when a budget is exceeded or its figure is missing, 2 when the file cannot be read.
 * Not part of the unit tests: the figures depend on the machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkBudgets } from './budgets';
import type { BenchResults } from './results';

function main(): number {
  const file = path.resolve(process.argv[2] ?? 'bench-results/latest.json');
  let results: Partial<BenchResults>;
  try {
    results = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BenchResults>;
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}. Run \`npm run bench\` first.`);
    return 2;
  }
  const checks = checkBudgets(results);
  const m = results.machine;
  console.log(
    `Budgets for ${file}${m ? ` (${results.generatedAt}, ${m.nproc} x ${m.cpuModel}, Node ${m.node})` : ''}`,
  );
  for (const check of checks)
    console.log(`${check.ok ? 'ok  ' : 'FAIL'}  ${check.name}: ${check.actual} (budget ${check.budget})`);
  const failed = checks.filter((check) => !check.ok);
  console.log(failed.length ? `${failed.length} of ${checks.length} budgets not met.` : 'All budgets met.');
  return failed.length ? 1 : 0;
}

process.exitCode = main();
