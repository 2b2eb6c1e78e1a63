/**
 * `npm run bench`: what the app costs next to what Zapier's platform and the wire cost. A script, not a test.
 * Prints tables and writes the same figures to bench-results/latest.json; `npm run bench:check` judges that file
 * against the budgets (budgets.ts). Every figure is the median of repeated runs, each run a fresh Node process.
 *
 * 1. Cold start (cold-start.ts): loading the app's root entry (index.js) against loading zapier-platform-core, in
 *    fresh processes. The budgeted ratio is taken inside each app process (its whole load against its core part,
 *    which the entry requires first anyway), the median over processes; processes that load core alone give core's
 *    own figures and the ratio between separate processes, which on a shared machine is much noisier.
 *    Peak memory: the process's maximum resident set size after loading.
 * 2. Per action (actions.ts): N actions through core's app tester against the in-process sandbox, against N raw
 *    POSTs of the very payloads the app sent, with Node's own http client (same headers, same keep-alive agent).
 *    The difference is what core's pipeline, the app's middleware and the app's own work add to the wire's cost.
 *    Upload Event also with its Event Name guard on, cache warm and cache emptied before each run, with the requests
 *    each run sent (budgets.ts: the guard off adds none; on, at most one getSchema read per cache period).
 * 3. The app's own work (work.ts): upsert_profile's perform, called through the app's public entry with a `z` whose
 *    request is answered in-process (no socket, no core pipeline): parsing and checking inputs, typing values,
 *    building and serialising the record, reading the answer. Small input, a HubSpot contact, the largest CleverTap
 *    allows (256 properties of 512 characters, as key/value rows and as JSON text), and growth from 1 to 256 rows.
 * 4. The zip (zip.ts): built by the Zapier CLI under Node 22, measured as built and with dev-only packages removed,
 *    and the app's own share of it (outside zapier-platform-core's dependency tree). Built last, because the CLI's
 *    build script recompiles dist/ (the app the other parts load); the tools run from dist-tools/, which it leaves.
 *
 * Repetitions: --cold-runs N (BENCH_COLD_RUNS, default 15), --action-runs N (BENCH_ACTION_RUNS, 5),
 * --actions N per run (BENCH_ACTIONS, 100), --work-runs N (BENCH_WORK_RUNS, 5), --skip-zip (BENCH_SKIP_ZIP=1),
 * --quick (fewer of each), --out FILE (default bench-results/latest.json).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { median, ROOT, round, runChild } from './common';
import type {
  ActionFigures,
  BenchResults,
  ColdStart,
  GrowthPoint,
  LoadFigures,
  Machine,
  Work,
  Zip,
} from './results';
import { formatResults } from './table';
import { measureZip } from './zip';

interface Settings {
  coldRuns: number;
  actionRuns: number;
  actionsPerRun: number;
  warmupActions: number;
  workRuns: number;
  skipZip: boolean;
  out: string;
}

function settingsFrom(argv: string[], env: NodeJS.ProcessEnv): Settings {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const value = (flag: string, variable: string, normal: number, fast: number): number => {
    const index = argv.indexOf(flag);
    const text = index >= 0 ? argv[index + 1] : env[variable];
    if (text === undefined) return quick ? fast : normal;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} / ${variable} needs a whole number above 0`);
    return n;
  };
  const outIndex = argv.indexOf('--out');
  return {
    coldRuns: value('--cold-runs', 'BENCH_COLD_RUNS', 15, 5),
    actionRuns: value('--action-runs', 'BENCH_ACTION_RUNS', 5, 2),
    actionsPerRun: value('--actions', 'BENCH_ACTIONS', 100, 30),
    warmupActions: value('--warmup', 'BENCH_WARMUP', 20, 10),
    workRuns: value('--work-runs', 'BENCH_WORK_RUNS', 5, 2),
    skipZip: argv.includes('--skip-zip') || env.BENCH_SKIP_ZIP === '1',
    out: path.resolve(ROOT, (outIndex >= 0 ? argv[outIndex + 1] : undefined) ?? 'bench-results/latest.json'),
  };
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return '';
  }
}

function machine(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (line?.[1]) cpuModel = line[1].trim();
  } catch {
    // not Linux: os.cpus() said it
  }
  return {
    nproc: os.availableParallelism(),
    cpuModel,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverageBefore: os.loadavg().map((l) => round(l)),
    loadAverageAfter: [],
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    uncommittedFiles: git(['status', '--porcelain']).split('\n').filter(Boolean).length,
  };
}

const progress = (text: string) => process.stderr.write(`bench: ${text}\n`);

interface LoadSample {
  loadMs: number;
  loadCpuMs: number;
  coreMs: number;
  coreCpuMs: number;
  maxRssKb: number;
  heapUsedKb: number;
}

async function coldStart(runs: number): Promise<ColdStart> {
  const load = (target: string) => runChild<LoadSample>('cold-start', [target], ['--expose-gc']);
  for (const target of ['core', 'app']) await load(target); // the file system cache, warm for both
  const samples: Record<'node' | 'core' | 'app', LoadSample[]> = { node: [], core: [], app: [] };
  for (let run = 0; run < runs; run++) {
    progress(`cold start ${run + 1}/${runs}`);
    const order = run % 2 ? (['app', 'core', 'node'] as const) : (['core', 'app', 'node'] as const);
    for (const target of order) samples[target].push(await load(target));
  }
  const figures = (list: LoadSample[]): LoadFigures => ({
    loadCpuMs: round(median(list.map((s) => s.loadCpuMs)), 2),
    loadMs: round(median(list.map((s) => s.loadMs)), 2),
    maxRssMb: round(median(list.map((s) => s.maxRssKb)) / 1024, 1),
    heapUsedMb: round(median(list.map((s) => s.heapUsedKb)) / 1024, 2),
  });
  const core = figures(samples.core);
  const app = figures(samples.app);
  // In each app process: the whole load against its core part.
  const ratios = samples.app.map((s) => s.loadCpuMs / s.coreCpuMs);
  const wallRatios = samples.app.map((s) => s.loadMs / s.coreMs);
  const ownCpu = samples.app.map((s) => s.loadCpuMs - s.coreCpuMs);
  const ownWall = samples.app.map((s) => s.loadMs - s.coreMs);
  return {
    runs,
    node: figures(samples.node),
    core,
    app,
    ratio: round(median(ratios), 4),
    ratioRange: [round(Math.min(...ratios), 4), round(Math.max(...ratios), 4)],
    wallRatio: round(median(wallRatios), 4),
    separateProcessesRatio: round(app.loadCpuMs / core.loadCpuMs, 4),
    extraCpuMs: round(median(ownCpu), 2),
    extraMs: round(median(ownWall), 2),
  };
}

interface ActionSample {
  actions: {
    id: string;
    key: string;
    input: string;
    n: number;
    appMs: number;
    rawMs: number;
    appCpuMs: number;
    rawCpuMs: number;
    bodyBytes: number;
    requests: { schema: number; upload: number };
  }[];
}

async function perAction(settings: Settings): Promise<ActionFigures[]> {
  const runs: ActionSample[] = [];
  for (let run = 0; run < settings.actionRuns; run++) {
    progress(`per action ${run + 1}/${settings.actionRuns}`);
    runs.push(
      await runChild<ActionSample>('actions', [
        '--n',
        String(settings.actionsPerRun),
        '--warmup',
        String(settings.warmupActions),
      ]),
    );
  }
  const first = runs[0]?.actions ?? [];
  return first.map(({ id, key, input, bodyBytes }, i) => {
    const each = runs.map((r) => r.actions[i]).filter((a) => a !== undefined);
    const app = median(each.map((a) => a.appMs / a.n));
    const raw = median(each.map((a) => a.rawMs / a.n));
    const appCpu = median(each.map((a) => a.appCpuMs / a.n));
    const rawCpu = median(each.map((a) => a.rawCpuMs / a.n));
    return {
      id,
      key,
      input,
      runs: each.length,
      actionsPerRun: settings.actionsPerRun,
      bodyBytes,
      appMsPerAction: round(app, 3),
      rawMsPerAction: round(raw, 3),
      ratio: round(median(each.map((a) => a.appMs / a.rawMs)), 3),
      overheadMsPerAction: round(app - raw, 3),
      appCpuMsPerAction: round(appCpu, 3),
      rawCpuMsPerAction: round(rawCpu, 3),
      cpuRatio: round(median(each.map((a) => a.appCpuMs / a.rawCpuMs)), 3),
      requestsPerRun: {
        schema: round(median(each.map((a) => a.requests.schema / a.n)), 3),
        upload: round(median(each.map((a) => a.requests.upload / a.n)), 3),
      },
    };
  });
}

interface PerRecord {
  cpuUs: number;
  wallUs: number;
}

interface WorkSample {
  firstCall: PerRecord;
  cases: ({
    name: string;
    label: string;
    properties: number;
    largest: boolean;
    inputBytes: number;
  } & PerRecord)[];
  growth: ({ properties: number } & PerRecord)[];
}

const WORK_METHOD =
  "upsert_profile's perform from the app's public entry, called with a z whose request answers in-process " +
  '(no socket, no core pipeline); median batch of warm calls, CPU time of the process and wall-clock';

function linearFit(points: { x: number; y: number }[]) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTotal = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssResidual = points.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  return {
    interceptUs: round(intercept, 2),
    usPerProperty: round(slope, 3),
    r2: round(1 - ssResidual / ssTotal, 4),
  };
}

async function ownWork(runs: number): Promise<Work> {
  const samples: WorkSample[] = [];
  for (let run = 0; run < runs; run++) {
    progress(`own work ${run + 1}/${runs}`);
    samples.push(await runChild<WorkSample>('work'));
  }
  const [first] = samples;
  if (!first) throw new Error('no runs');
  const range = (values: number[]): [number, number] => [
    round(Math.min(...values), 1),
    round(Math.max(...values), 1),
  ];
  const medianOf = (pick: (s: WorkSample) => PerRecord | undefined): PerRecord => ({
    cpuUs: median(samples.map((s) => pick(s)?.cpuUs ?? NaN)),
    wallUs: median(samples.map((s) => pick(s)?.wallUs ?? NaN)),
  });
  const rounded = ({ cpuUs, wallUs }: PerRecord): PerRecord => ({
    cpuUs: round(cpuUs, 1),
    wallUs: round(wallUs, 1),
  });
  const cases = first.cases.map(({ name, label, properties, largest, inputBytes }, i) => ({
    name,
    label,
    properties,
    largest,
    inputBytes,
    ...rounded(medianOf((s) => s.cases[i])),
    cpuUsRange: range(samples.map((s) => s.cases[i]?.cpuUs ?? NaN)),
  }));
  const medians = first.growth.map(({ properties }, i) => ({ properties, ...medianOf((s) => s.growth[i]) }));
  const base = medians[0]?.cpuUs ?? 0;
  const points: GrowthPoint[] = medians.map(({ properties, cpuUs, wallUs }) => ({
    properties,
    ...rounded({ cpuUs, wallUs }),
    cpuUsPerExtraProperty: properties > 1 ? round((cpuUs - base) / (properties - 1), 3) : null,
  }));
  const fit = linearFit(medians.map((p) => ({ x: p.properties, y: p.cpuUs })));
  const marginal = (n: number) => points.find((p) => p.properties === n)?.cpuUsPerExtraProperty ?? NaN;
  const superlinearity = round(marginal(256) / marginal(64), 3);
  return {
    runs,
    method: WORK_METHOD,
    firstCall: rounded(medianOf((s) => s.firstCall)),
    cases,
    growth: { points, fit, superlinearity, linear: fit.r2 >= 0.95 && superlinearity <= 1.5 },
  };
}

async function section<T>(name: string, errors: string[], run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    errors.push(`${name}: ${(error as Error).message}`);
    progress(`${name} failed: ${(error as Error).message}`);
    return null;
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const settings = settingsFrom(process.argv.slice(2), process.env);
  const errors: string[] = [];
  const results: BenchResults = {
    version: 1,
    generatedAt: new Date().toISOString(),
    durationSeconds: 0,
    machine: machine(),
    settings: { ...settings, out: undefined } as unknown as Record<string, number | boolean>,
    coldStart: await section('cold start', errors, () => coldStart(settings.coldRuns)),
    actions: await section('per action', errors, () => perAction(settings)),
    work: await section('own work', errors, () => ownWork(settings.workRuns)),
    zip: { built: null, production: null, app: null, largestParts: [], buildSeconds: null },
    errors,
  };
  if (settings.skipZip) results.zip.error = 'skipped (--skip-zip): the zip figures are missing';
  else {
    progress('building the zip with the Zapier CLI under Node 22');
    results.zip = (await section<Zip>('zip', errors, () => Promise.resolve(measureZip()))) ?? results.zip;
  }
  results.machine.loadAverageAfter = os.loadavg().map((l) => round(l));
  results.durationSeconds = round((Date.now() - started) / 1000, 1);

  fs.mkdirSync(path.dirname(settings.out), { recursive: true });
  fs.writeFileSync(settings.out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatResults(results));
  console.log(`\nWritten ${path.relative(ROOT, settings.out)} in ${results.durationSeconds} s.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
