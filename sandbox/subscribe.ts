// POST /<region>/1/subscribe: `{"d":[{"type":"email"|"phone","value":"...","status":"Unsubscribe"|"Resubscribe"}]}`,
// at most 1000 records. Each address's status is kept (CleverTap's do-not-disturb list: it applies to every profile
// with that address). Answered per record, like uploads; the codes are the sandbox's choice (SUBSCRIBE_ERRORS).
import { JsonRequest, Verdict, parseBatch, processBatch } from './batch';
import {
  EMAIL_PATTERN,
  LIMITS,
  PHONE_PATTERN,
  SUBSCRIBE_ERRORS,
  SUBSCRIPTION_STATUSES,
  SUBSCRIPTION_TYPES,
  SubscriptionStatus,
  SubscriptionType,
} from './contract';
import { Answer, json } from './http';
import { SandboxStore, StoredSubscription } from './store';
import { isPlainObject } from './validate';

type Subscription = Omit<StoredSubscription, 'updatedAt'>;

const no = (code: 512 | 515 | 516 | 524, detail: string): Verdict<Subscription> => ({
  ok: false,
  code,
  detail,
});

/** Checks, in order: an object, its type, its value, the value's shape for the type, its status. */
function judge(record: unknown): Verdict<Subscription> {
  if (!isPlainObject(record)) return no(512, 'The record is not an object with type, value and status.');
  const { type, value, status } = record;
  if (!(SUBSCRIPTION_TYPES as readonly unknown[]).includes(type))
    return no(524, `type must be one of ${SUBSCRIPTION_TYPES.join(', ')}.`);
  if (typeof value !== 'string' || value.trim() === '') return no(512, 'value must be a non-empty string.');
  if (type === 'email' && !EMAIL_PATTERN.test(value)) return no(515, 'value must be a valid email address.');
  if (type === 'phone' && !PHONE_PATTERN.test(value))
    return no(516, 'value must be +<country code><number>, 5 to 15 digits.');
  if (!(SUBSCRIPTION_STATUSES as readonly unknown[]).includes(status))
    return no(512, `status must be one of ${SUBSCRIPTION_STATUSES.join(', ')}.`);
  return {
    ok: true,
    value: { type: type as SubscriptionType, value, status: status as SubscriptionStatus },
  };
}

export function handleSubscribe(request: JsonRequest, store: SandboxStore): Answer {
  const parsed = parseBatch(request, LIMITS.subscribeRecords);
  if (!parsed.ok) return parsed.answer;
  const at = new Date().toISOString();
  const answer = processBatch(parsed.value, {
    judge,
    apply: (subscription) => store.subscribe(request.accountId, subscription, at),
    forceCode: request.forceCode,
    titles: SUBSCRIBE_ERRORS,
  });
  return json(200, answer);
}
