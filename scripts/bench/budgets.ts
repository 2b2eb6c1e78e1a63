/** The performance budgets (issue 7; the zip's, issue 12) and how a results file is judged against them. */
import type { BenchResults } from './results';

export const BUDGETS = {
  /** Loading the app costs at most 10% more than loading zapier-platform-core alone (CPU time of the require). */
  coldStartRatio: 1.1,
  /** The app's own work per record at the largest allowed input, in CPU microseconds. */
  workUsPerRecord: 1000,
  /**
   * The app's own share of the production zip (everything outside zapier-platform-core's dependency tree), in bytes
   * (350 KB read as 350,000: the stricter reading). The whole zip is the platform's size plus this; it is printed.
   */
  appZipBytes: 350_000,
  /**
   * The requests one run of an action may send, by bench row (issue 18): the Event Name guard off changes nothing
   * (the upload alone); on, the account's events are read at most once per connection per cache period, so a warm
   * cache adds nothing and a connection's first run adds one getSchema read.
   */
  requestsPerRun: {
    upload_event: { schema: 0, upload: 1 },
    'upload_event guard warm': { schema: 0, upload: 1 },
    'upload_event guard cold': { schema: 1, upload: 1 },
  } as Record<string, { schema: number; upload: number }>,
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

  for (const [id, expected] of Object.entries(BUDGETS.requestsPerRun)) {
    const name = `requests per run, ${id}`;
    const budget = `${expected.schema} getSchema + ${expected.upload} upload`;
    const row = results.actions?.find((a) => a.id === id);
    const actual = row?.requestsPerRun;
    checks.push(
      actual
        ? {
            name,
            budget,
            actual: `${actual.schema} getSchema + ${actual.upload} upload`,
            ok: actual.schema === expected.schema && actual.upload === expected.upload,
          }
        : missing(name, budget),
    );
  }

  const zipBudget = `<= ${BUDGETS.appZipBytes.toLocaleString('en-US')} bytes`;
  const app = results.zip?.app;
  const whole = results.zip?.production;
  const zipName = "the app's own share of the production zip (outside core's tree)";
  checks.push(
    app
      ? {
          name: zipName,
          budget: zipBudget,
          actual:
            `${app.bytes.toLocaleString('en-US')} bytes, ${app.files} files` +
            (whole ? ` (whole zip ${whole.bytes.toLocaleString('en-US')} bytes, ${whole.files} files)` : ''),
          ok: app.bytes <= BUDGETS.appZipBytes,
        }
      : missing(zipName, zipBudget),
  );
  return checks;
}
