// Everything one running sandbox holds: its accounts, its settings, the store, the logs and the faults.
import { Region } from './contract';
import { FaultControls } from './faults';
import { BoundedLog, ReceivedLookup, ReceivedUpload } from './log';
import { SandboxStore } from './store';

export interface SandboxAccount {
  id: string;
  passcode: string;
  region: Region;
}

/** How profile.json answers when no profile matches (the real shape is unconfirmed). */
export type ProfileNotFoundShape = 'fail' | 'empty';

/** Settings that can change while the sandbox runs (Sandbox.configure, POST /__sandbox/config). */
export interface SandboxSettings {
  /** Records per upload call; more is a 400. Default 1000. */
  maxRecordsPerCall: number;
  /** Upload requests in flight at once per account; more is a 429. Default 15. */
  maxConcurrent: number;
  /** profile.json requests in flight at once per account; more is a 429. Default 3. */
  maxConcurrentReads: number;
  /** 'fail': `{"status":"fail","error":"User not found","code":404}` (HTTP 200); 'empty': `{"status":"success"}`. */
  profileNotFound: ProfileNotFoundShape;
  /** Event names discarded in the (simulated) dashboard: such records are answered 528. */
  discardedEvents: string[];
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
  profileNotFound: 'fail',
  discardedEvents: [],
};

export type CallRoute = 'upload' | 'profile';

export class SandboxState {
  settings: SandboxSettings;
  readonly store: SandboxStore;
  readonly faults = new FaultControls();
  readonly uploads: BoundedLog<ReceivedUpload>;
  readonly lookups: BoundedLog<ReceivedLookup>;
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

  /** Takes a concurrency slot for the account and route; false when the limit is reached (429). */
  enter(accountId: string, route: CallRoute): boolean {
    const key = `${route}:${accountId}`;
    const limit = route === 'upload' ? this.settings.maxConcurrent : this.settings.maxConcurrentReads;
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

  /** Empties the store, the logs and the faults, and restores the settings the sandbox started with. */
  reset(): void {
    this.store.reset();
    this.uploads.clear();
    this.lookups.clear();
    this.faults.clear();
    this.settings = structuredClone(this.initialSettings);
  }
}
