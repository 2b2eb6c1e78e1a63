// The sandbox: a local CleverTap-compatible HTTP server for end-to-end tests, demos and benchmarks.
// It imports nothing from the app, and the app imports nothing from it. See sandbox/README.md.
import { ActRoute, REGIONS, Region, isRegion } from './contract';
import { FaultControls } from './faults';
import { ReceivedAct, ReceivedLookup, ReceivedUpload } from './log';
import type { ReceivedSchemaRead } from './schema';
import { SandboxServer } from './server';
import { DEFAULT_ACCOUNT, DEFAULT_SETTINGS, SandboxAccount, SandboxSettings, SandboxState } from './state';
import { SandboxStore } from './store';

export {
  ACT_ROUTES,
  OBJECT_ID_SHAPES,
  REGIONS,
  RECORD_ERRORS,
  SUBSCRIBE_ERRORS,
  isObjectId,
} from './contract';
export type {
  ActRoute,
  ApiRoute,
  Region,
  RecordErrorCode,
  SubscriptionStatus,
  SubscriptionType,
  TriggerTarget,
} from './contract';
export type { FaultSpec, FaultRoute, ActiveFault, WaitFault } from './faults';
export { FaultControls } from './faults';
export type { ReceivedAct, ReceivedCall, ReceivedLookup, ReceivedUpload, ReceivedWithBody } from './log';
export type { SandboxAccount, SandboxSettings, ProfileNotFoundShape } from './state';
export { DEFAULT_ACCOUNT, DEFAULT_SETTINGS, PROFILE_NOT_FOUND_SHAPES } from './state';
export type {
  AccountSnapshot,
  StoredEvent,
  StoredProfile,
  StoredSubscription,
  ProfileQuery,
  StoreSnapshot,
  TriggeredMessage,
} from './store';
export { SandboxStore } from './store';
export type { ReceivedSchemaRead } from './schema';

export interface SandboxOptions extends Partial<SandboxSettings> {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Accounts the sandbox knows; default [DEFAULT_ACCOUNT] (TEST-ACCOUNT / test-passcode / eu1). */
  accounts?: SandboxAccount[];
  /** Entries kept in each request log (uploads, lookups, acts); older ones are dropped. Default 10000. */
  logLimit?: number;
}

export interface Sandbox {
  /** e.g. `http://127.0.0.1:54321` */
  readonly url: string;
  /** e.g. `http://127.0.0.1:54321/{region}`, with `{region}` kept literally (for CLEVERTAP_API_BASE_URL). */
  readonly baseUrl: string;
  readonly port: number;
  readonly accounts: readonly SandboxAccount[];
  /** The first account: the default one for store access. */
  readonly account: SandboxAccount;
  /** What the sandbox accepted (profiles, events, subscription statuses, triggered messages), per account. */
  readonly store: SandboxStore;
  /** Faults on demand for the next calls. */
  readonly faults: FaultControls;
  /** `${url}/${region}`: the API root of one region (default: the first account's). */
  regionUrl(region?: Region): string;
  /** Every upload request received, oldest first, with the answer given (never the passcode). */
  received(): ReceivedUpload[];
  /** Every profile.json request received, oldest first, with the answer given. */
  lookups(): ReceivedLookup[];
  /** Every getSchema request received (GET or POST), oldest first, with the answer given. */
  schemaReads(): ReceivedSchemaRead[];
  /** Every delete, subscribe and External Trigger request received (or one route's), oldest first, with the answer. */
  acts(route?: ActRoute): ReceivedAct[];
  /** The current settings (a copy). */
  settings(): SandboxSettings;
  /** Changes settings while running; returns the new settings. `reset()` restores the starting ones. */
  configure(changes: Partial<SandboxSettings>): SandboxSettings;
  /**
   * Resolves once `condition` holds, checked now and after every change the server makes (a call takes its faults,
   * is held by a hold fault, is answered and logged): e.g. `await sandbox.when(() => sandbox.faults.held() === 15)`.
   * No polling and no clock; rejected if the sandbox closes first.
   */
  when(condition: () => boolean): Promise<void>;
  /**
   * Empties the store (with subscriptions and inbox) and the logs, clears the faults, lets held calls go on, restores
   * the starting settings.
   */
  reset(): void;
  /** Stops the server: pending delays and held calls end (their connections closed without an answer). */
  close(): Promise<void>;
}

function checkAccounts(accounts: SandboxAccount[]): [SandboxAccount, ...SandboxAccount[]] {
  const [first, ...rest] = accounts;
  if (first === undefined) throw new Error('startSandbox: at least one account is needed');
  for (const account of accounts) {
    if (!isRegion(account.region))
      throw new Error(`startSandbox: region "${String(account.region)}" is not one of ${REGIONS.join(', ')}`);
    if (account.id === '' || account.passcode === '')
      throw new Error('startSandbox: empty account id or passcode');
  }
  return [{ ...first }, ...rest.map((account) => ({ ...account }))];
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { port = 0, accounts = [DEFAULT_ACCOUNT], logLimit = 10_000, ...settings } = options;
  const known = checkAccounts(accounts);
  const initial: SandboxSettings = { ...DEFAULT_SETTINGS, ...settings };
  const state = new SandboxState(known, initial, logLimit);
  let url = '';
  const server = new SandboxServer(state, () => ({ url, baseUrl: `${url}/{region}` }));
  const boundPort = await server.listen(port);
  url = `http://127.0.0.1:${boundPort}`;
  const first = known[0];
  return {
    url,
    baseUrl: `${url}/{region}`,
    port: boundPort,
    accounts: known,
    account: first,
    store: state.store,
    faults: state.faults,
    regionUrl: (region = first.region) => `${url}/${region}`,
    received: () => state.uploads.all(),
    lookups: () => state.lookups.all(),
    schemaReads: () => state.schemaReads.all(),
    acts: (route) => state.acts.all().filter((act) => route === undefined || act.route === route),
    settings: () => structuredClone(state.settings),
    configure: (changes) => state.configure(changes),
    when: (condition) => state.when(condition),
    reset: () => state.reset(),
    close: () => server.close(),
  };
}
