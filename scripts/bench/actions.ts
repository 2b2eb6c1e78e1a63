/**
 * One per-action sample, run by the bench in a fresh process: `node actions.js --n 100 --warmup 20`.
 *
 * Starts the sandbox (the local CleverTap-compatible server) in this process, loads the built app through its root
 * entry, and for each action:
 *  1. runs `warmup` actions through zapier-platform-core's app tester (createAppTester: the same handler Zapier runs,
 *     with the app's middleware and core's request client and output checks);
 *  2. takes the request bodies the sandbox received from those actions: the exact payloads the app sends;
 *  3. times `n` actions through the app tester and `n` raw POSTs of those payloads with Node's own http client
 *     (same headers, a keep-alive connection as core's node-fetch keeps one, the answer read and parsed as JSON),
 *     interleaved in blocks of 10 so that drift on a shared machine hits both alike. The raw client uses Node's
 *     http.request as it was before core's app handler patched it for request logging (the patched one takes
 *     only (options, callback) and would log the raw calls too), and an agent of its own.
 * Prints {actions: [{id, key, input, n, appMs, rawMs, appCpuMs, rawCpuMs, bodyBytes, requests}]}: totals in
 * milliseconds, wall-clock and CPU time (CPU_CLOCK in common.ts; client and sandbox both run on this main thread, so
 * it is all their work), and the requests the app's timed runs sent (getSchema reads and uploads, from the sandbox's
 * logs). The raw POSTs are the uploads alone, so a guarded row's ratio includes its schema read.
 */
import * as http from 'node:http';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../../sandbox';
import { APP_ENTRY, CORE_ENTRY, cpuMicros, load, report, runMain } from './common';
import { AUTH, HUBSPOT_CONTACT, HUBSPOT_DEAL_EVENT, InputData } from './inputs';

interface AppTester {
  (perform: unknown, bundle: object, clearZcacheBeforeUse?: boolean): Promise<Record<string, unknown>>;
}
interface App {
  creates: Record<string, { operation: { perform: unknown } }>;
}

/**
 * The actions timed. Upload Event three ways: with If the Event Name Is New on Send (the default: the guard off), on
 * Stop with Zapier's cache warm (the account's events read once, in the warm-up), and on Stop with the cache emptied
 * before every run (core's app tester's `clearZcacheBeforeUse`: each run is a connection's first in a cache period).
 */
interface Case {
  /** The row's id: budgets.ts names the requests each run may send by it. */
  id: string;
  key: string;
  input: string;
  inputData: InputData;
  /** Empty Zapier's cache before every run. */
  coldCache?: boolean;
}

const GUARD_ON: InputData = { ...HUBSPOT_DEAL_EVENT, ifNewEvent: 'stop' };

const CASES: Case[] = [
  { id: 'upsert_profile', key: 'upsert_profile', input: 'HubSpot contact', inputData: HUBSPOT_CONTACT },
  { id: 'upload_event', key: 'upload_event', input: 'HubSpot deal', inputData: HUBSPOT_DEAL_EVENT },
  {
    id: 'upload_event guard warm',
    key: 'upload_event',
    input: 'HubSpot deal, guard on, cache warm',
    inputData: GUARD_ON,
  },
  {
    id: 'upload_event guard cold',
    key: 'upload_event',
    input: 'HubSpot deal, guard on, first run',
    inputData: GUARD_ON,
    coldCache: true,
  },
];

/** The account's events before the bench: the guard finds the deal's event among them. */
const SEEDED_EVENTS = [String(HUBSPOT_DEAL_EVENT.evtName)];

const BLOCK = 10;

/** Node's own client, taken before core's handler replaces http.request with its logging wrapper. */
const nodeRequest = http.request;
const rawAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number above 0`);
  return value;
}

/** One raw upload: POST the payload, read the whole answer, parse it. */
function post(url: URL, body: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const request = nodeRequest(
      url,
      {
        method: 'POST',
        agent: rawAgent,
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          'X-CleverTap-Account-Id': AUTH.accountId,
          'X-CleverTap-Passcode': AUTH.passcode,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          try {
            const answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { status?: string };
            if (response.statusCode !== 200 || answer.status !== 'success')
              reject(new Error(`raw POST answered ${response.statusCode} ${JSON.stringify(answer)}`));
            else resolve(answer);
          } catch (error) {
            reject(error instanceof Error ? error : new Error('raw POST: an unreadable answer'));
          }
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function main(): Promise<void> {
  const n = flag('--n', 100);
  const warmup = flag('--warmup', 20);
  const sandbox = await startSandbox({ port: 0, schemaEvents: SEEDED_EVENTS });
  process.env.CLEVERTAP_API_BASE_URL = sandbox.baseUrl;
  const zapier = load<{ createAppTester(app: unknown): AppTester }>(CORE_ENTRY);
  const app = load<App>(APP_ENTRY);
  const appTester = zapier.createAppTester(app);
  const uploadUrl = new URL(`${sandbox.regionUrl(AUTH.region as 'eu1')}/1/upload`);
  const results = [];

  for (const { id, key, input, inputData, coldCache = false } of CASES) {
    const perform = app.creates[key]?.operation.perform;
    if (!perform) throw new Error(`the app has no create "${key}"`);
    const bundle = { authData: AUTH, inputData };
    const runApp = async () => {
      const output = await appTester(perform, bundle, coldCache);
      if (output.status !== 'success') throw new Error(`${key} answered ${JSON.stringify(output)}`);
    };

    sandbox.reset();
    for (let i = 0; i < warmup; i++) await runApp();
    const payloads = sandbox.received().map((upload) => {
      if (upload.status !== 200) throw new Error(`${key}: the sandbox answered ${upload.status}`);
      return JSON.stringify(upload.body);
    });
    if (payloads.length !== warmup)
      throw new Error(`${key}: ${payloads.length} uploads for ${warmup} actions`);
    const payloadAt = (i: number): string => {
      const payload = payloads[i % payloads.length];
      if (payload === undefined) throw new Error(`${key}: no payload ${i}`);
      return payload;
    };
    for (const payload of payloads) await post(uploadUrl, payload);

    const total = { appMs: 0, rawMs: 0, appCpuMs: 0, rawCpuMs: 0 };
    const requests = { schema: 0, upload: 0 };
    const timed = async (run: () => Promise<void>): Promise<[number, number]> => {
      const cpu = cpuMicros();
      const start = performance.now();
      await run();
      const wall = performance.now() - start;
      return [wall, (cpuMicros() - cpu) / 1000];
    };
    for (let done = 0; done < n; done += BLOCK) {
      const size = Math.min(BLOCK, n - done);
      sandbox.reset(); // keeps the sandbox's logs and store small and alike for both
      const [rawMs, rawCpuMs] = await timed(async () => {
        for (let i = 0; i < size; i++) await post(uploadUrl, payloadAt(done + i));
      });
      const [uploadsBefore, schemaBefore] = [sandbox.received().length, sandbox.schemaReads().length];
      const [appMs, appCpuMs] = await timed(async () => {
        for (let i = 0; i < size; i++) await runApp();
      });
      requests.upload += sandbox.received().length - uploadsBefore;
      requests.schema += sandbox.schemaReads().length - schemaBefore;
      total.rawMs += rawMs;
      total.rawCpuMs += rawCpuMs;
      total.appMs += appMs;
      total.appCpuMs += appCpuMs;
    }
    results.push({ id, key, input, n, ...total, bodyBytes: Buffer.byteLength(payloadAt(0)), requests });
  }
  rawAgent.destroy();
  await sandbox.close();
  report({ actions: results });
}

runMain(main);
