// The in-memory store: per account, profiles merged by user key and events appended in order.
import { randomBytes } from 'node:crypto';
import { UserKeyName } from './contract';
import { applyProfileUpdate } from './operators';
import { JsonObject, UserKey, ValidRecord } from './validate';

export interface StoredProfile {
  /** CleverTap's global id: `-` + 32 hex characters, or the objectId the record was uploaded with. */
  objectId: string;
  identity?: string;
  FBID?: string;
  GPID?: string;
  profileData: JsonObject;
  /** Epoch seconds of the first and the latest record that touched the profile. */
  createdAt: number;
  updatedAt: number;
}

export interface StoredEvent {
  /** The user key the event was uploaded with. */
  userKey: UserKey;
  /** The profile the event landed on. */
  objectId: string;
  evtName: string;
  evtData: JsonObject;
  /** Epoch seconds: the record's ts, or the time it was received. */
  ts: number;
}

export interface ProfileQuery {
  identity?: string;
  email?: string;
  objectId?: string;
}

export interface StoreSnapshot {
  accounts: Record<string, { profiles: StoredProfile[]; events: StoredEvent[] }>;
}

export function newObjectId(): string {
  return `-${randomBytes(16).toString('hex')}`;
}

const clone = <T>(value: T): T => structuredClone(value);

class AccountStore {
  readonly profiles = new Map<string, StoredProfile>();
  /** `<user key name>:<value>` -> objectId, for identity, FBID and GPID. */
  readonly index = new Map<string, string>();
  readonly events: StoredEvent[] = [];

  profileFor(userKey: UserKey, ts: number): StoredProfile {
    const objectId = userKey.name === 'objectId' ? userKey.value : this.index.get(indexKey(userKey));
    const existing = objectId === undefined ? undefined : this.profiles.get(objectId);
    if (existing) return existing;
    const profile: StoredProfile = {
      objectId: objectId ?? newObjectId(),
      profileData: {},
      createdAt: ts,
      updatedAt: ts,
    };
    if (userKey.name !== 'objectId') {
      profile[userKey.name] = userKey.value;
      this.index.set(indexKey(userKey), profile.objectId);
    }
    this.profiles.set(profile.objectId, profile);
    return profile;
  }
}

const indexKey = (userKey: UserKey): string => `${userKey.name}:${userKey.value}`;

export class SandboxStore {
  private readonly accounts = new Map<string, AccountStore>();

  constructor(private readonly defaultAccountId: string) {}

  private account(accountId: string = this.defaultAccountId): AccountStore {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = new AccountStore();
      this.accounts.set(accountId, account);
    }
    return account;
  }

  /** Stores one accepted record. `now` is epoch seconds, used when the record has no ts. */
  apply(accountId: string, record: ValidRecord, now: number): void {
    const account = this.account(accountId);
    const ts = record.ts ?? now;
    const profile = account.profileFor(record.userKey, ts);
    profile.updatedAt = Math.max(profile.updatedAt, ts);
    if (record.type === 'profile') {
      profile.profileData = applyProfileUpdate(profile.profileData, record.profileData);
    } else {
      account.events.push({
        userKey: { ...record.userKey },
        objectId: profile.objectId,
        evtName: record.evtName,
        evtData: clone(record.evtData),
        ts,
      });
    }
  }

  /** Copies of the account's profiles (default: the first configured account). */
  profiles(accountId?: string): StoredProfile[] {
    return [...this.account(accountId).profiles.values()].map(clone);
  }

  /** Copies of the account's events, in the order received. */
  events(accountId?: string): StoredEvent[] {
    return this.account(accountId).events.map(clone);
  }

  /** A copy of the profile with this user key, if any. */
  profile(name: UserKeyName, value: string, accountId?: string): StoredProfile | undefined {
    const found = this.findLive({ name, value }, this.account(accountId));
    return found && clone(found);
  }

  /** A copy of the profile matching a profile.json query (identity, email or objectId). */
  find(query: ProfileQuery, accountId?: string): StoredProfile | undefined {
    const account = this.account(accountId);
    const found =
      query.objectId !== undefined
        ? account.profiles.get(query.objectId)
        : query.identity !== undefined
          ? this.findLive({ name: 'identity', value: query.identity }, account)
          : query.email !== undefined
            ? findByEmail(account, query.email)
            : undefined;
    return found && clone(found);
  }

  snapshot(): StoreSnapshot {
    const accounts: StoreSnapshot['accounts'] = {};
    for (const id of this.accounts.keys())
      accounts[id] = { profiles: this.profiles(id), events: this.events(id) };
    return { accounts };
  }

  reset(): void {
    this.accounts.clear();
  }

  private findLive(userKey: UserKey, account: AccountStore): StoredProfile | undefined {
    const objectId = userKey.name === 'objectId' ? userKey.value : account.index.get(indexKey(userKey));
    return objectId === undefined ? undefined : account.profiles.get(objectId);
  }
}

function findByEmail(account: AccountStore, email: string): StoredProfile | undefined {
  const wanted = email.toLowerCase();
  return [...account.profiles.values()].find(
    (profile) =>
      typeof profile.profileData.Email === 'string' && profile.profileData.Email.toLowerCase() === wanted,
  );
}
