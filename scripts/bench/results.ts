/** The shape of bench-results/latest.json, written by index.ts and read by check-budgets.ts. */

export interface Machine {
  nproc: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMb: number;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
  commit: string;
  /** Files changed against the commit when the bench ran (a shared work tree): the figures include them. */
  uncommittedFiles: number;
}

export interface LoadFigures {
  /** CPU time of the process during the require. */
  loadCpuMs: number;
  /** Wall-clock time of the require. */
  loadMs: number;
  maxRssMb: number;
  heapUsedMb: number;
}

export interface ColdStart {
  runs: number;
  node: LoadFigures;
  core: LoadFigures;
  app: LoadFigures;
  /**
   * Median over app processes of (whole load) / (its zapier-platform-core part), CPU time. The budgeted figure.
   */
  ratio: number;
  /** The lowest and highest of those ratios: the noise around the median. */
  ratioRange: [number, number];
  /** The same with wall-clock times. */
  wallRatio: number;
  /** Median app load against median core-alone load, CPU time, from separate processes. */
  separateProcessesRatio: number;
  /** Median of what the app adds to core's load inside a process: CPU and wall-clock milliseconds. */
  extraCpuMs: number;
  extraMs: number;
}

export interface ActionFigures {
  /** The row: the action, or the action with the Event Name guard on (budgets.ts names its requests by it). */
  id: string;
  key: string;
  input: string;
  runs: number;
  actionsPerRun: number;
  bodyBytes: number;
  /** Wall-clock milliseconds per action. */
  appMsPerAction: number;
  rawMsPerAction: number;
  /** Median over runs of app / raw, wall-clock. */
  ratio: number;
  overheadMsPerAction: number;
  /** CPU milliseconds of the process per action (client and sandbox both run in it). */
  appCpuMsPerAction: number;
  rawCpuMsPerAction: number;
  cpuRatio: number;
  /** Requests one run of the app sent, per kind (the median over processes of the timed runs' mean). */
  requestsPerRun: { schema: number; upload: number };
}

export interface WorkCase {
  name: string;
  label: string;
  properties: number;
  largest: boolean;
  inputBytes: number;
  /** CPU microseconds per record: the budgeted figure. */
  cpuUs: number;
  wallUs: number;
  /** The lowest and highest of the runs' CPU figures. */
  cpuUsRange: [number, number];
}

export interface GrowthPoint {
  properties: number;
  cpuUs: number;
  wallUs: number;
  /** (CPU time at n - CPU time at 1) / (n - 1): the cost of one more property. */
  cpuUsPerExtraProperty: number | null;
}

export interface Work {
  runs: number;
  method: string;
  /** The first record after start-up (a HubSpot contact): pays for libraries loaded on first use. */
  firstCall: { cpuUs: number; wallUs: number };
  cases: WorkCase[];
  growth: {
    points: GrowthPoint[];
    /** Least squares over CPU times. */
    fit: { interceptUs: number; usPerProperty: number; r2: number };
    /** Cost of one more property at 256 against at 64: about 1 when linear, about 4 when quadratic. */
    superlinearity: number;
    linear: boolean;
  };
}

export interface ZipFigures {
  bytes: number;
  files: number;
}

export interface Zip {
  /** build/build.zip as the CLI built it with --skip-dep-install (the project's own node_modules, dev packages too). */
  built: ZipFigures | null;
  /** The zip of a production install (`npm ci --omit=dev` in a copy of the built app): what Zapier's build ships. */
  production: ZipFigures | null;
  /**
   * The app's own share of the production zip: every entry outside zapier-platform-core's dependency tree, counted
   * with its headers (the bytes the zip would lose without it); by part (dist/, the root files, each package).
   * The budgeted figure.
   */
  app: {
    bytes: number;
    files: number;
    parts: { part: string; bytes: number; files: number }[];
    /** Packages in core's tree (dependencies, optional and peer dependencies) and what they take in the zip. */
    corePackages: number;
    coreBytes: number;
  } | null;
  /** The largest parts of the production zip (compressed bytes), dist/ and each package. */
  largestParts: { part: string; bytes: number; files: number }[];
  buildSeconds: number | null;
  error?: string;
}

export interface BenchResults {
  version: 1;
  generatedAt: string;
  durationSeconds: number;
  machine: Machine;
  settings: Record<string, number | boolean>;
  coldStart: ColdStart | null;
  actions: ActionFigures[] | null;
  work: Work | null;
  zip: Zip;
  errors: string[];
}
