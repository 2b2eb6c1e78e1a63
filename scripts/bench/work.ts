/**
 * One sample of the app's own work per record, run by the bench in a fresh process: `node work.js`.
 *
 * Method: the built app is loaded through its root entry and `app.creates.upsert_profile.operation.perform` is called
 * directly with a stand-in `z` whose `request` answers in-process at once (CleverTap's success answer, no socket, no
 * core request pipeline). What is timed is therefore exactly the app's code: reading and checking the inputs, typing
 * values, building the record, serialising the upload body and reading the answer. Core's own per-call machinery and
 * the app's HTTP middleware are not in it; they are in the per-action figures (app tester against raw HTTP).
 * The stand-in throws on any `z` member it does not provide, and every case checks that the body it was handed holds
 * the expected properties, so an input error cannot pass for fast work.
 *
 * First the very first call in the process (a HubSpot contact: it pays for any library loaded on first use); then per
 * case a warm-up and batches of calls: the median batch gives microseconds per record, as CPU time (CPU_CLOCK in
 * common.ts: steady on a shared machine) and as wall-clock time. Prints {firstCall, cases: [...], growth: [...]}.
 */
import { performance } from 'node:perf_hooks';
import { APP_ENTRY, CORE_ENTRY, cpuMicros, load, median, report, runMain } from './common';
import {
  AUTH,
  HUBSPOT_CONTACT,
  InputData,
  MAX_PROPERTIES,
  MAX_VALUE_CHARS,
  profileWithJson,
  profileWithRows,
  SMALL_PROFILE,
} from './inputs';

type Perform = (z: unknown, bundle: unknown) => Promise<Record<string, unknown>>;
interface App {
  creates: Record<string, { operation: { perform: Perform } }>;
}

const ANSWER = { status: 'success', processed: 1, unprocessed: [] };
const GROWTH = [1, 2, 4, 8, 16, 32, 64, 128, 256];
const BATCHES = 11;
/** Each batch runs at least this long, so the clocks' resolution and cost do not matter. */
const BATCH_MS = 10;

/** The options of the last request the perform made. */
const seen: { request?: { body?: unknown } } = {};

/** `z` with `request` answered in-process; any member not provided here throws, so nothing is silently skipped. */
function standInZ(errors: unknown): unknown {
  const members: Record<string, unknown> = {
    errors,
    console: { log() {}, info() {}, warn() {}, error() {} },
    JSON: { parse: JSON.parse, stringify: JSON.stringify },
    request: (options: { body?: unknown }) => {
      seen.request = options;
      return Promise.resolve({
        status: 200,
        data: ANSWER,
        json: ANSWER,
        content: JSON.stringify(ANSWER),
        headers: new Map([['content-type', 'application/json']]),
        getHeader: (name: string) => (name.toLowerCase() === 'content-type' ? 'application/json' : undefined),
        throwForStatus() {},
        skipThrowForStatus: false,
        request: options,
      });
    },
  };
  return new Proxy(members, {
    get(target, name) {
      if (typeof name === 'string' && !(name in target))
        throw new Error(`the bench's stand-in z has no "${name}": add it`);
      return target[name as string];
    },
  });
}

/** Runs the perform once and checks that the body sent holds `properties` profile properties. */
async function runChecked(
  perform: Perform,
  z: unknown,
  inputData: InputData,
  properties: number,
): Promise<PerRecord> {
  seen.request = undefined;
  const cpuStart = cpuMicros();
  const start = performance.now();
  const output = await perform(z, { authData: AUTH, inputData });
  const wallUs = (performance.now() - start) * 1000;
  const cpuUs = cpuMicros() - cpuStart;
  const sent = seen.request as { body?: unknown } | undefined; // set by the perform's call to z.request
  const body: unknown = typeof sent?.body === 'string' ? JSON.parse(sent.body) : sent?.body;
  const record = (body as { d?: { profileData?: object }[] } | undefined)?.d?.[0];
  const count = Object.keys(record?.profileData ?? {}).length;
  if (output.status !== 'success' || count !== properties)
    throw new Error(
      `expected ${properties} properties sent, got ${count}: ${JSON.stringify(output).slice(0, 200)}`,
    );
  return { cpuUs, wallUs };
}

interface PerRecord {
  /** CPU time by CPU_CLOCK (common.ts): steady on a shared machine. */
  cpuUs: number;
  wallUs: number;
}

/** Microseconds per record: warm up, then the median of batches each at least BATCH_MS long. */
async function perRecord(perform: Perform, z: unknown, inputData: InputData): Promise<PerRecord> {
  const bundle = { authData: AUTH, inputData };
  const warmStart = performance.now();
  let warmCalls = 0;
  while (warmCalls < 100 || performance.now() - warmStart < 150) {
    await perform(z, bundle);
    warmCalls++;
  }
  const msPerCall = (performance.now() - warmStart) / warmCalls;
  const perBatch = Math.max(1, Math.ceil(BATCH_MS / msPerCall));
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const cpuStart = cpuMicros();
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) await perform(z, bundle);
    wall.push(((performance.now() - start) * 1000) / perBatch);
    cpu.push((cpuMicros() - cpuStart) / perBatch);
  }
  return { cpuUs: median(cpu), wallUs: median(wall) };
}

async function main(): Promise<void> {
  const zapier = load<{ errors: unknown }>(CORE_ENTRY);
  const app = load<App>(APP_ENTRY);
  const perform = app.creates.upsert_profile?.operation.perform;
  if (!perform) throw new Error('the app has no create "upsert_profile"');
  const z = standInZ(zapier.errors);

  // Name, Email and Phone, plus the rows (the identity is the user key, not a property).
  const contactProperties = 3 + Object.keys(HUBSPOT_CONTACT.properties as object).length;
  // The first record after start-up: a HubSpot contact (phone and dates: any lazily loaded library is paid here).
  const firstCall = await runChecked(perform, z, HUBSPOT_CONTACT, contactProperties);

  const cases = [
    {
      name: 'small',
      label: 'small (identity + name)',
      inputData: SMALL_PROFILE,
      properties: 1,
      largest: false,
    },
    {
      name: 'hubspot_contact',
      label: 'HubSpot contact',
      inputData: HUBSPOT_CONTACT,
      properties: contactProperties,
      largest: false,
    },
    {
      name: 'largest_rows',
      label: `largest: ${MAX_PROPERTIES} rows x ${MAX_VALUE_CHARS} chars`,
      inputData: profileWithRows(MAX_PROPERTIES),
      properties: MAX_PROPERTIES,
      largest: true,
    },
    {
      name: 'largest_json',
      label: `largest: ${MAX_PROPERTIES} x ${MAX_VALUE_CHARS} chars as JSON`,
      inputData: profileWithJson(MAX_PROPERTIES),
      properties: MAX_PROPERTIES,
      largest: true,
    },
  ];
  const caseResults = [];
  for (const { inputData, ...rest } of cases) {
    await runChecked(perform, z, inputData, rest.properties);
    const inputBytes = Buffer.byteLength(JSON.stringify(inputData));
    caseResults.push({ ...rest, inputBytes, ...(await perRecord(perform, z, inputData)) });
  }

  const growth = [];
  for (const properties of GROWTH) {
    const inputData = profileWithRows(properties);
    await runChecked(perform, z, inputData, properties);
    growth.push({ properties, ...(await perRecord(perform, z, inputData)) });
  }
  report({ firstCall: { input: 'HubSpot contact', ...firstCall }, cases: caseResults, growth });
}

runMain(main);
