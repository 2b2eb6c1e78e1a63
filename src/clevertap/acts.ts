/**
 * The calls that make CleverTap act on users, beyond uploads (docs/clevertap-api.md, "Acting on users"): trigger an
 * External Trigger campaign, set an address's subscription status, delete a profile. Pure: the request bodies, and
 * reading the answers into facts. None of these calls has an idempotency key.
 */
import type { UserKey } from './records';
import { isRecord } from '../guards';

/** The API path of each call. */
export const ACT_PATHS = {
  trigger: '/1/send/externaltrigger.json',
  subscribe: '/1/subscribe',
  delete: '/1/delete/profiles.json',
} as const;

/** Who a campaign message goes to: one of the three keys `to` takes. */
export type Recipient = { identity: string } | { email: string } | { objectId: string };

export interface TriggerBody {
  to: { identity?: string[]; email?: string[]; objectId?: string[] };
  campaign_id: string;
  ExternalTrigger?: Record<string, string>;
}

/** The body that triggers campaign `campaignId` for one user, with the values its `{{ExternalTrigger.<key>}}` use. */
export function triggerBody(
  campaignId: string,
  recipient: Recipient,
  personalization: Record<string, string>,
): TriggerBody {
  const [key, value] = Object.entries(recipient)[0] as [keyof TriggerBody['to'], string];
  return {
    to: { [key]: [value] },
    campaign_id: campaignId,
    ...(Object.keys(personalization).length ? { ExternalTrigger: personalization } : {}),
  };
}

/** The statuses /1/subscribe takes: for the address on every profile that has it (CleverTap's do-not-disturb list). */
export const SUBSCRIPTION_STATUSES = ['Unsubscribe', 'Resubscribe'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface SubscriptionRecord {
  type: 'email' | 'phone';
  value: string;
  status: SubscriptionStatus;
}

export function subscribeBody(records: SubscriptionRecord[]): { d: SubscriptionRecord[] } {
  return { d: records };
}

/** Deleting by Identity sends `identity`; by Object ID, `guid` (CleverTap's name for it here). Never both. */
export function deleteBody(user: UserKey): { identity: string[] } | { guid: string[] } {
  return 'identity' in user ? { identity: [user.identity] } : { guid: [user.objectId] };
}

/**
 * What a 200 answer to a trigger or a deletion said: `success`, `failed` (with CleverTap's error text and code, which
 * is not always the HTTP status), or `unknown` (any other body: whether it acted is not known).
 */
export type ActAnswer =
  { kind: 'success' } | { kind: 'failed'; error?: string; code?: number } | { kind: 'unknown' };

export function readActAnswer(body: unknown): ActAnswer {
  if (!isRecord(body) || typeof body.status !== 'string') return { kind: 'unknown' };
  const status = body.status.toLowerCase();
  if (status === 'success') return { kind: 'success' };
  if (status !== 'fail') return { kind: 'unknown' };
  const error = typeof body.error === 'string' && body.error.trim() ? body.error.trim() : undefined;
  const code = typeof body.code === 'number' ? body.code : undefined;
  return { kind: 'failed', ...(error ? { error } : {}), ...(code === undefined ? {} : { code }) };
}

/** One address /1/subscribe did not update, with CleverTap's code and reason when it gave them. */
export interface SubscriptionFailure {
  record: SubscriptionRecord;
  code?: number;
  reason: string;
}

export type SubscribeResult =
  { ok: true } | { ok: false; failed: SubscriptionFailure[]; unaccounted: SubscriptionRecord[] };

/**
 * Reads the answer to /1/subscribe for `sent`. CleverTap's own client takes `success` (with no counts) as done; a
 * `partial` or `fail`, a count short of what was sent, or an `unprocessed` entry is not. Undefined for a body that is
 * not a subscribe answer.
 */
export function readSubscribeAnswer(body: unknown, sent: SubscriptionRecord[]): SubscribeResult | undefined {
  if (!isRecord(body) || typeof body.status !== 'string') return undefined;
  const status = body.status.toLowerCase();
  const unprocessed = Array.isArray(body.unprocessed) ? body.unprocessed : [];
  const processed = typeof body.processed === 'number' ? body.processed : undefined;
  if (status === 'success' && !unprocessed.length && (processed === undefined || processed >= sent.length))
    return { ok: true };
  if (!['success', 'partial', 'fail'].includes(status)) return undefined;
  const failed: SubscriptionFailure[] = [];
  const named = new Set<number>();
  for (const entry of unprocessed) {
    const fields = isRecord(entry) ? entry : {};
    const text = typeof fields.error === 'string' ? fields.error : '';
    const number = /record number\s*:\s*(\d+)/i.exec(text);
    const index = number ? Number(number[1]) - 1 : -1;
    const record = sent[index];
    if (!record || named.has(index)) continue;
    named.add(index);
    const code = typeof fields.code === 'number' ? fields.code : undefined;
    failed.push({
      record,
      ...(code === undefined ? {} : { code }),
      reason: text.replace(/\s*(ErrorCode:|Skipped record number).*$/is, '').replace(/\.$/, ''),
    });
  }
  // Records CleverTap neither confirmed (by its count) nor named: their status is not known. An answer that is not a
  // full success but names nothing leaves every record unconfirmed.
  const short = status === 'fail' || processed === undefined || processed + failed.length < sent.length;
  const unaccounted = short || !failed.length ? sent.filter((_, index) => !named.has(index)) : [];
  return { ok: false, failed, unaccounted };
}
