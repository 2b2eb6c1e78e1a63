/**
 * Benchmark: 2500 events sent by one "Upload Events in Bulk" step against 2500 "Upload Event" steps.
 *
 *   npm run build && node dist-tools/scripts/bench/bulk.js [events]
 *
 * Loads the BUILT app through its public entry (the root index.js, as the Zapier CLI does), starts the local
 * CleverTap-compatible sandbox in-process on a free port, and runs each way through zapier-platform-core's tester (the
 * app's middleware and core's checks included), one step after another, as Zapier would run one Zap run per event.
 * Prints wall time, requests the server received, events stored, and Zapier tasks billed. Exits 1 if either way did
 * not store every event exactly once.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { startSandbox } from '../../sandbox';

// This file runs as dist-tools/scripts/bench/bulk.js: the app's root is three levels up.
const APP_ROOT = resolve(__dirname, '..', '..', '..');
const load = createRequire(__filename);

delete process.env.LOG_TO_STDOUT;
delete process.env.DETAILED_LOG_TO_STDOUT;
// As in the demo: core checks outputs as under `zapier-platform invoke`, and prints no per-run memory lines.
process.env.NODE_ENV = 'test';
const zapier = load('zapier-platform-core') as typeof import('zapier-platform-core');

type Perform = (z: ZObject, bundle: Bundle) => unknown;
interface LoadedApp {
  creates: Record<string, { operation: { perform: Perform } }>;
}

const ACCOUNT = {
  id: 'BENCH-BULK',
  passcode: `bench-${Math.random().toString(36).slice(2, 12)}`,
  region: 'eu1' as const,
};
const authData = { accountId: ACCOUNT.id, passcode: ACCOUNT.passcode, region: ACCOUNT.region };

const EVENTS = Number(process.argv[2] ?? 2500);

function event(i: number) {
  return {
    evtName: 'Deal Won',
    identity: `contact-${i + 1}`,
    ts: String(1714573800000 + i * 1000),
    evtData: `{"Deal ID": "${i + 1}", "Deal Name": "Deal ${i + 1}", "Amount": ${(i + 1) * 10}, "Stage": "closedwon"}`,
  };
}

interface Measured {
  way: string;
  ms: number;
  requests: number;
  stored: number;
  tasks: number;
}

async function main(): Promise<void> {
  if (!Number.isInteger(EVENTS) || EVENTS < 1) throw new Error(`not a number of events: ${process.argv[2]}`);
  const sandbox = await startSandbox({ port: 0, accounts: [ACCOUNT], logLimit: EVENTS + 10 });
  process.env.CLEVERTAP_API_BASE_URL = sandbox.baseUrl;
  try {
    const app = load(APP_ROOT) as LoadedApp;
    const appTester = zapier.createAppTester(app);
    const bulk = app.creates.upload_events_bulk?.operation.perform;
    const single = app.creates.upload_event?.operation.perform;
    if (!bulk || !single)
      throw new Error('the built app has no upload_events_bulk or upload_event: run npm run build');
    const list = Array.from({ length: EVENTS }, (_, i) => event(i));

    // Warm-up: the first run of each loads code paths (JSON5, luxon, core's request stack) once.
    await appTester(bulk, { authData, inputData: { events: list.slice(0, 10) } });
    await appTester(single, { authData, inputData: event(0) });

    const measure = async (way: string, tasks: number, run: () => Promise<void>): Promise<Measured> => {
      sandbox.reset();
      const started = process.hrtime.bigint();
      await run();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      return {
        way,
        ms,
        requests: sandbox.received().length,
        stored: sandbox.store.events(ACCOUNT.id).length,
        tasks,
      };
    };

    const results = [
      await measure('1 Upload Events in Bulk step', 1, async () => {
        await appTester(bulk, { authData, inputData: { events: list } });
      }),
      await measure(`${EVENTS} Upload Event steps`, EVENTS, async () => {
        for (const inputData of list) await appTester(single, { authData, inputData });
      }),
    ];

    console.log(
      `${EVENTS} events against the local CleverTap sandbox (${sandbox.url}), built app from ${APP_ROOT}/index.js`,
    );
    console.log('');
    console.log('| way | wall time | requests | events stored | Zapier tasks |');
    console.log('|---|---:|---:|---:|---:|');
    for (const r of results)
      console.log(`| ${r.way} | ${(r.ms / 1000).toFixed(2)} s | ${r.requests} | ${r.stored} | ${r.tasks} |`);
    const [b, s] = results as [Measured, Measured];
    console.log('');
    console.log(
      `Bulk: ${(s.ms / b.ms).toFixed(1)}x faster, ${Math.round(s.requests / b.requests)}x fewer requests, ` +
        `${s.tasks}x fewer tasks. Time here is this machine and a local server; on CleverTap each request also ` +
        'pays the network round trip, which widens the gap.',
    );
    const ok = results.every((r) => r.stored === EVENTS);
    if (!ok) console.log('FAILED: not every event was stored exactly once.');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
