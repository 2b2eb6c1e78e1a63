/**
 * Sending the calls that make CleverTap act (trigger a campaign, set a subscription status, delete a profile) and
 * turning their answers into a success or an error. Request-level failures are thrown by the middleware; here, what
 * a 200 answer says. A message is never triggered twice by the app: a lost connection says so and is not retried.
 */
import type { Bundle, ZObject } from 'zapier-platform-core';
import {
  ACT_PATHS,
  deleteBody,
  readActAnswer,
  readSubscribeAnswer,
  subscribeBody,
  type SubscriptionRecord,
  type TriggerBody,
} from '../clevertap/acts';
import type { UserKey } from '../clevertap/records';
import type { Replay } from '../clevertap/replay';
import { appError } from './errors';
import { postJson } from './transport';
import { actFailedMessage, actUnknownMessage, subscriptionsNotUpdatedMessage } from './words';

/** POST /1/send/externaltrigger.json: CleverTap queues the message (it is not delivered yet when this returns). */
export async function triggerCampaign(
  z: ZObject,
  bundle: Bundle,
  body: TriggerBody,
  replay: Replay,
): Promise<void> {
  const response = await postJson(z, bundle, ACT_PATHS.trigger, body, replay);
  const answer = readActAnswer(response.data);
  if (answer.kind === 'success') return;
  if (answer.kind === 'failed')
    throw appError(z, actFailedMessage('trigger', answer), 'campaign_refused', 422, {
      outcome: 'refused',
      kind: 'app',
    });
  throw appError(z, actUnknownMessage('trigger', response.status), 'unexpected_answer', 502, {
    outcome: 'unknown',
    kind: 'app',
  });
}

/** POST /1/subscribe: every record's status set, or an error naming the addresses that were not. */
export async function updateSubscriptions(
  z: ZObject,
  bundle: Bundle,
  records: SubscriptionRecord[],
  replay: Replay,
): Promise<void> {
  const response = await postJson(z, bundle, ACT_PATHS.subscribe, subscribeBody(records), replay);
  const result = readSubscribeAnswer(response.data, records);
  if (!result)
    throw appError(z, actUnknownMessage('subscribe', response.status), 'unexpected_answer', 502, {
      outcome: 'unknown',
      kind: 'app',
    });
  if (!result.ok) throw appError(z, subscriptionsNotUpdatedMessage(result), 'not_updated', 422);
}

/** POST /1/delete/profiles.json: CleverTap accepted the deletion, which it carries out in the background. */
export async function deleteProfile(
  z: ZObject,
  bundle: Bundle,
  user: UserKey,
  replay: Replay,
): Promise<void> {
  const response = await postJson(z, bundle, ACT_PATHS.delete, deleteBody(user), replay);
  const answer = readActAnswer(response.data);
  if (answer.kind === 'success') return;
  if (answer.kind === 'failed') throw appError(z, actFailedMessage('delete', answer), 'not_deleted', 422);
  throw appError(z, actUnknownMessage('delete', response.status), 'unexpected_answer', 502);
}
