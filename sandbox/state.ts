// Everything one running sandbox holds: its accounts, its settings, the store, the logs and the faults.
import { ApiRoute, Region } from './contract';
import { FaultControls } from './faults';
import { BoundedLog, ReceivedAct, ReceivedLookup, ReceivedUpload } from './log';
import { SandboxStore } from './store';
import type { ReceivedSchemaRead } from './schema';

export interface SandboxAccount {
  id: string;
  passcode: string;
  region: Region;
}

/**
 * How profile.json answers when no profile matches (the real shape is undocumented; each is one seen or plausible):
 * 'fail' `{"status":"fail","error":"User not found","code":404}` with HTTP 200; 'fail404' the same with HTTP 404;
 * 'empty' `{"status":"success"}`; 'null' `{"status":"success","record":null}`.
 */
export type ProfileNotFoundShape = 'fail' | 'fail404' | 'empty' | 'null';
export const PROFILE_NOT_FOUND_SHAPES: readonly ProfileNotFoundShape[] = ['fail', 'fail404', 'empty', 'null'];

/** Settings that can change while the sandbox runs (Sandbox.configure, POST /__sandbox/config). */
export interface SandboxSettings {
  /** Records per upload call; more is a 400. Default 1000. */
  maxRecordsPerCall: number;
  /** Upload requests in flight at once per account; more is a 429. Default 15. */
  maxConcurrent: number;
  /** profile.json requests in flight at once per account; more is a 429. Default 3. */
  maxConcurrentReads: number;
  /** Requests in flight at once per account on each route that acts on users (delete, subscribe, send); more is a 429. Default 3. */
  maxConcurrentActs: number;
  /** See ProfileNotFoundShape. Default 'fail'. */
  profileNotFound: ProfileNotFoundShape;
  /** Event names discarded in the (simulated) dashboard: such records are answered 528. */
  discardedEvents: string[];
  /** The External Trigger campaign ids the account has; null (the default) accepts any id of digits. */
  campaigns: string[] | null;
  /** Event names getSchema lists besides CleverTap's system events and the events stored. Default []. */
  schemaEvents: string[];
  /** Profile property names getSchema lists besides the properties stored. Default []. */
  schemaProfileProperties: string[];
}

export const DEFAULT_ACCOUNT: SandboxAccount = {
  id: 'TEST-ACCOUNT',
  passcode: 'test-passcode',
  region: 'eu1',
};

export const DEFAULT_SETTINGS: SandboxSettings = {
  maxRecordsPerCall: 1000,
  maxConcurrent: 15,
  maxConcurrentReads: 3,
  maxConcurrentActs: 3,
  profileNotFound: 'fail',
  discardedEvents: [],
  campaigns: null,
  schemaEvents: [],
  schemaProfileProperties: [],
};

/** The routes with a request log and a concurrency count: CleverTap's `/1/` routes and getSchema. */
export type CallRoute = ApiRoute | 'schema';

/** The setting that limits each route's requests in flight per account. */
const CONCURRENCY_LIMIT: Record<CallRoute, 'maxConcurrent' | 'maxConcurrentReads' | 'maxConcurrentActs'> = {
  upload: 'maxConcurrent',
  profile: 'maxConcurrentReads',
  delete: 'maxConcurrentActs',
  subscribe: 'maxConcurrentActs',
  trigger: 'maxConcurrentActs',
  // Not in CleverTap's concurrency table; a client that calls it in production keeps to 3 in flight.
  schema: 'maxConcurrentReads',
};

export class SandboxState {
  settings: SandboxSettings;
  readonly store: SandboxStore;
  readonly faults = new FaultControls();
  readonly uploads: BoundedLog<ReceivedUpload>;
  readonly lookups: BoundedLog<ReceivedLookup>;
  readonly acts: BoundedLog<ReceivedAct>;
  readonly schemaReads: BoundedLog<ReceivedSchemaRead>;
  private seq = 0;
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly accounts: readonly SandboxAccount[],
    private readonly initialSettings: SandboxSettings,
    logLimit: number,
  ) {
    this.settings = structuredClone(initialSettings);
    this.store = new SandboxStore(accounts[0]?.id ?? DEFAULT_ACCOUNT.id);
    this.uploads = new BoundedLog(logLimit);
    this.lookups = new BoundedLog(logLimit);
    this.acts = new BoundedLog(logLimit);
    this.schemaReads = new BoundedLog(logLimit);
  }

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** The account these credentials open at this region, or undefined (401). */
  authenticate(region: string, accountId?: string, passcode?: string): SandboxAccount | undefined {
    return this.accounts.find(
      (account) => account.id === accountId && account.passcode === passcode && account.region === region,
    );
  }

  /** Takes a concurrency slot for the account and route (each route has its own); false at the limit (429). */
  enter(accountId: string, route: CallRoute): boolean {
    const key = `${route}:${accountId}`;
    const limit = this.settings[CONCURRENCY_LIMIT[route]];
    const current = this.inFlight.get(key) ?? 0;
    if (current >= limit) return false;
    this.inFlight.set(key, current + 1);
    return true;
  }

  leave(accountId: string, route: CallRoute): void {
    const key = `${route}:${accountId}`;
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
  }

  configure(changes: Partial<SandboxSettings>): SandboxSettings {
    this.settings = { ...this.settings, ...structuredClone(changes) };
    return structuredClone(this.settings);
  }

  /** Empties the store (profiles, events, subscriptions, inbox), the logs and the faults; restores the starting settings. */
  reset(): void {
    this.store.reset();
    this.uploads.clear();
    this.lookups.clear();
    this.acts.clear();
    this.schemaReads.clear();
    this.faults.clear();
    this.settings = structuredClone(this.initialSettings);
  }
}
