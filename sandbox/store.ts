// The in-memory store: per account, profiles merged by user key and events appended in order.
import { randomBytes } from 'node:crypto';
import { SubscriptionStatus, SubscriptionType, TriggerTarget, UserKeyName } from './contract';
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

/** One address's status on CleverTap's do-not-disturb list, as POST /1/subscribe last set it. */
export interface StoredSubscription {
  type: SubscriptionType;
  /** The address as last sent (emails are matched case-insensitively). */
  value: string;
  status: SubscriptionStatus;
  /** ISO time of the call that set it. */
  updatedAt: string;
}

/** One accepted POST /1/send/externaltrigger.json call: a message queued for the users in `to`. */
export interface TriggeredMessage {
  /** The campaign id, as a string of digits (a number in the request is stored as its digits). */
  campaignId: string;
  /** The users, as sent: exactly one of identity, email, objectId, with its list of values. */
  to: Partial<Record<TriggerTarget, string[]>>;
  /** The `ExternalTrigger` object (the campaign's personalization values); {} when absent. */
  personalization: Record<string, string>;
  /** objectIds of the stored profiles the `to` values found (in `to` order, without repeats). */
  matchedObjectIds: string[];
  /** ISO time the call was accepted. */
  at: string;
}

export interface AccountSnapshot {
  profiles: StoredProfile[];
  events: StoredEvent[];
  subscriptions: StoredSubscription[];
  inbox: TriggeredMessage[];
}

export interface StoreSnapshot {
  accounts: Record<string, AccountSnapshot>;
}

export function newObjectId(): string {
  return `-${randomBytes(16).toString('hex')}`;
}

const clone = <T>(value: T): T => structuredClone(value);

class AccountStore {
  readonly profiles = new Map<string, StoredProfile>();
  /** `<user key name>:<value>` -> objectId, for identity, FBID and GPID. */
  readonly index = new Map<string, string>();
  events: StoredEvent[] = [];
  /** `<type>:<address>` (emails in lower case) -> the address's status. */
  readonly subscriptions = new Map<string, StoredSubscription>();
  readonly inbox: TriggeredMessage[] = [];

  /** Removes a profile, its user keys and its events; false when there is none with this objectId. */
  remove(objectId: string): boolean {
    if (!this.profiles.delete(objectId)) return false;
    for (const [key, indexed] of this.index) if (indexed === objectId) this.index.delete(key);
    this.events = this.events.filter((event) => event.objectId !== objectId);
    return true;
  }

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
const subscriptionKey = (type: SubscriptionType, value: string): string =>
  `${type}:${type === 'email' ? value.toLowerCase() : value}`;

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

  /**
   * Deletes the profiles with these identities (`by: 'identity'`) or objectIds, with their events, as
   * POST /1/delete/profiles.json does. Unknown values are skipped. Returns the objectIds deleted.
   */
  deleteProfiles(accountId: string, by: 'identity' | 'objectId', values: readonly string[]): string[] {
    const account = this.account(accountId);
    const deleted: string[] = [];
    for (const value of values) {
      const found = this.findLive({ name: by, value }, account);
      if (found && account.remove(found.objectId)) deleted.push(found.objectId);
    }
    return deleted;
  }

  /** Sets an address's subscription status (POST /1/subscribe). */
  subscribe(accountId: string, entry: Omit<StoredSubscription, 'updatedAt'>, at: string): void {
    this.account(accountId).subscriptions.set(subscriptionKey(entry.type, entry.value), {
      ...entry,
      updatedAt: at,
    });
  }

  /** Copies of the account's subscription statuses, in the order the addresses were first set. */
  subscriptions(accountId?: string): StoredSubscription[] {
    return [...this.account(accountId).subscriptions.values()].map(clone);
  }

  /** One address's status (emails compared case-insensitively), if it was ever set. */
  subscription(type: SubscriptionType, value: string, accountId?: string): StoredSubscription | undefined {
    const found = this.account(accountId).subscriptions.get(subscriptionKey(type, value));
    return found && clone(found);
  }

  /** Queues an External Trigger message; the matched profiles are looked up here. */
  trigger(accountId: string, message: Omit<TriggeredMessage, 'matchedObjectIds'>): void {
    const [target, values = []] = Object.entries(message.to)[0] ?? [];
    const matched = values
      .map((value) => this.find({ [target as TriggerTarget]: value }, accountId)?.objectId)
      .filter((objectId): objectId is string => objectId !== undefined);
    this.account(accountId).inbox.push({ ...clone(message), matchedObjectIds: [...new Set(matched)] });
  }

  /** Copies of the account's triggered messages, oldest first. */
  inbox(accountId?: string): TriggeredMessage[] {
    return this.account(accountId).inbox.map(clone);
  }

  /** The ids of the accounts the store has seen. */
  accountIds(): string[] {
    return [...this.accounts.keys()];
  }

  snapshot(): StoreSnapshot {
    const accounts: StoreSnapshot['accounts'] = {};
    for (const id of this.accounts.keys())
      accounts[id] = {
        profiles: this.profiles(id),
        events: this.events(id),
        subscriptions: this.subscriptions(id),
        inbox: this.inbox(id),
      };
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
