// POST /<region>/1/send/externaltrigger.json: an External Trigger campaign sent to users.
// `{"to":{"identity"|"email"|"objectId":[...]},"campaign_id":"<digits>","ExternalTrigger":{"<key>":"<text>"}}`.
// An accepted call lands in the account's inbox. A refused body is HTTP 400 with `code: 9`, the shape CleverTap's
// send API was seen answering (the sandbox's choice for every refusal of the payload).
import { JsonRequest } from './batch';
import { EMAIL_PATTERN, SEND_ERROR_CODE, TRIGGER_TARGETS, TriggerTarget, isObjectId } from './contract';
import { Answer, json, parseJsonBody } from './http';
import { SandboxSettings } from './state';
import { SandboxStore, TriggeredMessage } from './store';
import { isPlainObject } from './validate';

const refused = (error: string): Answer => json(400, { status: 'fail', error, code: SEND_ERROR_CODE });

type Message = Omit<TriggeredMessage, 'matchedObjectIds' | 'at'>;

/** Each `to` value must fit its key: an email address, an objectId of a documented shape, any identity. */
const TARGET_VALUE: Record<TriggerTarget, { fits: (value: string) => boolean; expects: string }> = {
  identity: { fits: (value) => value.trim() !== '', expects: 'non-empty strings' },
  email: { fits: (value) => EMAIL_PATTERN.test(value), expects: 'email addresses' },
  objectId: { fits: isObjectId, expects: 'CleverTap objectIds' },
};

function toOf(to: unknown): Message['to'] | string {
  const keys = isPlainObject(to) ? Object.keys(to) : [];
  const [given] = keys;
  if (
    !isPlainObject(to) ||
    keys.length !== 1 ||
    given === undefined ||
    !(TRIGGER_TARGETS as readonly string[]).includes(given)
  )
    return `"to" must be an object with exactly one of ${TRIGGER_TARGETS.join(', ')}`;
  const key = given as TriggerTarget;
  const values = to[key];
  const { fits, expects } = TARGET_VALUE[key];
  if (!Array.isArray(values) || values.length === 0) return `"to.${key}" must be a non-empty list`;
  if (!values.every((value) => typeof value === 'string' && fits(value)))
    return `"to.${key}" must be a list of ${expects}`;
  return { [key]: values as string[] };
}

function campaignIdOf(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d+$/.test(value)) return value;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

function personalizationOf(value: unknown): Message['personalization'] | string {
  if (value === undefined) return {};
  if (!isPlainObject(value)) return '"ExternalTrigger" must be an object of text values';
  const notText = Object.entries(value).find(([key, text]) => key.trim() === '' || typeof text !== 'string');
  if (notText) return `"ExternalTrigger.${notText[0]}" must be text: only string values are supported`;
  return value as Record<string, string>;
}

/** The message to queue, or the text of the refusal. */
function messageOf(body: unknown, settings: SandboxSettings): Message | string {
  if (!isPlainObject(body)) return 'The body must be an object with "to" and "campaign_id"';
  const to = toOf(body.to);
  if (typeof to === 'string') return to;
  const campaignId = campaignIdOf(body.campaign_id);
  if (campaignId === undefined)
    return '"campaign_id" must be the campaign\'s id: digits, as a string or a number';
  if (settings.campaigns !== null && !settings.campaigns.includes(campaignId))
    return `Campaign ${campaignId} is not an External Trigger campaign of this account`;
  const personalization = personalizationOf(body.ExternalTrigger);
  if (typeof personalization === 'string') return personalization;
  return { campaignId, to, personalization };
}

export function handleTrigger(request: JsonRequest, settings: SandboxSettings, store: SandboxStore): Answer {
  const parsed = parseJsonBody(request.contentType, request.text);
  if (!parsed.ok) return parsed.answer;
  const message = messageOf(parsed.value, settings);
  if (typeof message === 'string') return refused(message);
  store.trigger(request.accountId, { ...message, at: new Date().toISOString() });
  return json(200, { status: 'success' });
}
