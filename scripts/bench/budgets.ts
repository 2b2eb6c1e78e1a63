/** The performance budgets of issue 7 and how a results file is judged against them. */
import type { BenchResults } from './results';

export const BUDGETS = {
  /** Loading the app costs at most 10% more than loading zapier-platform-core alone (CPU time of the require). */
  coldStartRatio: 1.1,
  /** The app's own work per record at the largest allowed input, in CPU microseconds. */
  workUsPerRecord: 1000,
  /** The production zip, in bytes (1 MB read as 1,000,000: the stricter reading). */
  zipBytes: 1_000_000,
} as const;

export interface BudgetCheck {
  name: string;
  budget: string;
  actual: string;
  ok: boolean;
}

const missing = (name: string, budget: string): BudgetCheck => ({
  name,
  budget,
  actual: 'missing',
  ok: false,
});

/** Every budget, judged; a figure that is missing fails its budget. */
export function checkBudgets(results: Partial<BenchResults>): BudgetCheck[] {
  const checks: BudgetCheck[] = [];

  const ratioBudget = `<= ${BUDGETS.coldStartRatio.toFixed(2)}x core`;
  const ratio = results.coldStart?.ratio;
  checks.push(
    typeof ratio === 'number' && Number.isFinite(ratio)
      ? {
          name: 'cold start: app / core load time',
          budget: ratioBudget,
          actual: `${ratio.toFixed(3)}x (wall-clock ${results.coldStart?.wallRatio?.toFixed(3) ?? '?'}x)`,
          ok: ratio <= BUDGETS.coldStartRatio,
        }
      : missing('cold start: app / core load time', ratioBudget),
  );

  const workBudget = `< ${BUDGETS.workUsPerRecord} us`;
  const largest = results.work?.cases?.filter((c) => c.largest) ?? [];
  if (largest.length === 0) checks.push(missing('own work per record, largest input', workBudget));
  for (const c of largest)
    checks.push({
      name: `own work per record, ${c.label}`,
      budget: workBudget,
      actual: Number.isFinite(c.cpuUs) ? `${c.cpuUs.toFixed(0)} us CPU` : 'missing',
      ok: Number.isFinite(c.cpuUs) && c.cpuUs < BUDGETS.workUsPerRecord,
    });

  const growth = results.work?.growth;
  checks.push(
    growth
      ? {
          name: 'own work grows linearly with properties (1..256)',
          budget: 'linear',
          actual: `r2 ${growth.fit.r2.toFixed(3)}, superlinearity ${growth.superlinearity.toFixed(2)}`,
          ok: growth.linear,
        }
      : missing('own work grows linearly with properties (1..256)', 'linear'),
  );

  const zipBudget = `< ${BUDGETS.zipBytes.toLocaleString('en-US')} bytes`;
  const zip = results.zip?.production;
  checks.push(
    zip
      ? {
          name: 'build zip (production packages)',
          budget: zipBudget,
          actual: `${zip.bytes.toLocaleString('en-US')} bytes, ${zip.files} files`,
          ok: zip.bytes < BUDGETS.zipBytes,
        }
      : missing('build zip (production packages)', zipBudget),
  );
  return checks;
}
