/**
 * CleverTap upload records and the envelope they travel in. Pure builders: they shape what they are given and check
 * nothing (the callers have validated it), so the same builders serve one record or a batch.
 */

/** Exactly one user key per record. `identity` is the customer's own id; `objectId` is CleverTap's. */
export type UserKey = { identity: string } | { objectId: string };

export type Scalar = string | number | boolean;

/** A profile update operator applied to the property's current value. */
export type OperatorValue =
  { $add: string[] } | { $remove: string[] } | { $incr: number } | { $decr: number } | { $delete: 1 };

export type ProfileValue = Scalar | string[] | OperatorValue;

/** Event property values; `Items` of a `Charged` event is a list of flat objects. */
export type EventValue = Scalar | Record<string, Scalar>[];

export interface ProfileRecord {
  type: 'profile';
  identity?: string;
  objectId?: string;
  ts?: number;
  profileData: Record<string, ProfileValue>;
}

export interface EventRecord {
  type: 'event';
  identity?: string;
  objectId?: string;
  ts?: number;
  evtName: string;
  evtData: Record<string, EventValue>;
}

export type UploadRecord = ProfileRecord | EventRecord;

export interface UploadBody {
  d: UploadRecord[];
}

/** `ts` is optional: without it CleverTap uses the time it receives the record. */
function timestamp(ts: number | undefined): { ts?: number } {
  return ts === undefined ? {} : { ts };
}

export function profileRecord(
  user: UserKey,
  profileData: Record<string, ProfileValue>,
  ts?: number,
): ProfileRecord {
  return { type: 'profile', ...user, ...timestamp(ts), profileData };
}

export function eventRecord(
  user: UserKey,
  evtName: string,
  evtData: Record<string, EventValue>,
  ts?: number,
): EventRecord {
  return { type: 'event', ...user, ...timestamp(ts), evtName, evtData };
}

export function uploadBody(records: UploadRecord[]): UploadBody {
  return { d: records };
}

/** Which user key a record carries, as a pair for messages and outputs. */
export function userKeyOf(record: UserKey): ['identity' | 'objectId', string] {
  return 'identity' in record ? ['identity', record.identity] : ['objectId', record.objectId];
}
