/**
 * The words a Zap user reads when a step fails, in one place, each message within the 250 characters Zapier shows:
 * what failed first, then what to do. The pure layers return facts (codes, statuses, item numbers); this file words
 * them. Field-named input errors are worded by the parsers (src/input), which know the field.
 */
import type { RequestFailure } from '../clevertap/answers';
import type { Replay } from '../clevertap/replay';
import { Region, REGION_VALUES, regionName } from '../clevertap/regions';
import type { ProbeVerdict } from '../clevertap/region-probe';
import { RETRYABLE_CODE } from '../clevertap/answers';
import type { BulkSummary } from '../clevertap/batches';
import type { SchemaKind } from '../clevertap/schema';
import { itemList, joinWithin, MESSAGE_LIMIT, quoted, shortened } from '../wording';

/** What the records of a bulk step are, for messages: `event`/`events`, `profile`/`profiles`. */
export interface Nouns {
  one: string;
  many: string;
}

/**
 * 401/403: the credentials, or the region, are wrong; where to look. The example of a dashboard address is never the
 * refused region itself, which would read as a confirmation that it is right.
 */
export function credentialsMessage(region: Region): string {
  const example = region === 'in1' ? 'us1' : 'in1';
  return (
    `CleverTap refused the Account ID or Passcode for ${regionName(region)}. Check both under Settings > Project, ` +
    `and the Region: the start of your dashboard's address (${example} in ${example}.dashboard.clevertap.com). ` +
    'Then reconnect.'
  );
}

/** The connection's region is not one CleverTap has (a connection made before a region was renamed, or edited). */
export function invalidRegionMessage(region: string): string {
  return (
    `The connection's Region "${region}" is not one CleverTap has ` +
    `(${REGION_VALUES.join(', ')}). Reconnect your CleverTap account and pick its region.`
  );
}

/** The developer's test-server override is not an address (only the app's developer sets it). */
export function invalidBaseUrlMessage(variable: string): string {
  return `${variable} is set to something that is not an http(s) address; fix or remove it.`;
}

/** Request-level answers worded by HTTP status; statuses not listed are worded by their class. */
const SAID: Record<number, (text: string) => string> = {
  400: (t) => `CleverTap rejected the request as invalid: ${t}`,
  404: (t) => `CleverTap did not find that API address (HTTP 404): ${t}`,
  405: (t) => `CleverTap does not allow this request (HTTP 405): ${t}`,
  409: (t) => `CleverTap reported a conflict (HTTP 409): ${t}`,
  413: () => 'The request is too large for CleverTap (HTTP 413): send fewer or smaller records',
  429: () =>
    'CleverTap is busy with too many requests from this account at once (HTTP 429); Zapier will try again',
};

/** A request-level failure in plain words; CleverTap's own text is cut to 100 characters. */
export function requestFailureMessage(failure: RequestFailure, region: Region): string {
  if (failure.kind === 'credentials') return credentialsMessage(region);
  const text = failure.text === undefined ? 'no details given' : shortened(failure.text, 100);
  const said = SAID[failure.status];
  if (said) return said(text);
  if (failure.kind === 'unavailable')
    return `CleverTap is unavailable right now (HTTP ${failure.status}). Try again in a few minutes.`;
  return `CleverTap refused the request (HTTP ${failure.status}): ${text}`;
}

const REPLAY_ADVICE: Record<Replay, string> = {
  safe: 'Nothing is known to be saved; it is safe to replay this step.',
  stores_twice:
    'The data may or may not have been saved: check CleverTap before replaying this step, ' +
    'because an event sent twice is stored twice.',
  sends_twice:
    'The message may or may not have been sent: check CleverTap before replaying this step, ' +
    'because a replay sends the message again.',
};

/** An upload answered with something that is not an upload result: it is not known what was saved. */
export function uploadUnknownMessage(status: number): string {
  return (
    `CleverTap answered the upload with something other than an upload result (HTTP ${status}), ` +
    'so it is not known whether the data was saved. Check CleverTap before replaying this step.'
  );
}

/** An upload CleverTap did not fully process: what failed (CleverTap's reasons, as many as fit), then what to do. */
export function notSavedMessage(failures: readonly string[], onlyServerErrors: boolean): string {
  const advice = onlyServerErrors ? 'Try again in a few minutes.' : "Fix the step's input and try again.";
  const head = 'CleverTap did not save the data: ';
  const { text } = joinWithin(failures, '; ', MESSAGE_LIMIT - head.length - advice.length - 2);
  return `${head}${text}. ${advice}`;
}

/** A credential that cannot go in its header, named by its label (its value is never quoted). */
export const CREDENTIAL_WORDS = {
  spaces: (label: string) =>
    `The connection's ${label} has spaces around it, often copied along with it. ${credentialAgain(label)}, without them.`,
  unsendable: (label: string) =>
    `The connection's ${label} contains a character that cannot be sent (a line break, an invisible or a ` +
    `non-ASCII character, often pasted along with it). ${credentialAgain(label)}.`,
} as const;

function credentialAgain(label: string): string {
  return `Reconnect your CleverTap account and type or paste the ${label} again`;
}

/** The campaign step's note: CleverTap queued the message; delivery is reported elsewhere. */
export const CAMPAIGN_QUEUED_NOTE =
  'Queued by CleverTap; delivery is not confirmed here (see the campaign report in CleverTap).';

/** A lookup's answers other than a profile or "not found": refused credentials, a failure, or no lookup answer. */
export const LOOKUP_WORDS = {
  credentials: (said: string) =>
    `CleverTap refused the lookup${said}. Check that the connection's Account ID, Passcode and ` +
    'Region are right and that this passcode may read profiles, then reconnect your CleverTap account.',
  failed: (said: string) =>
    `CleverTap could not look up the profile${said}. Check the value you searched by and try again.`,
  unknown: (status: number) =>
    `CleverTap answered the lookup with something other than a profile answer (HTTP ${status}).`,
} as const;

/** CLEVERTAP_REQUEST_TIMEOUT_MS set to what the app cannot use. */
export function invalidTimeoutMessage(variable: string, maxMs: number): string {
  return `${variable} is set to something other than a whole number of milliseconds from 1 to ${maxMs}; fix or remove it.`;
}

/** A timeout (after `timeoutMs`, the request's timeout) or a lost connection, and what replaying the step would do. */
export function lostConnectionMessage(
  timedOut: boolean,
  cause: string,
  replay: Replay,
  timeoutMs: number,
): string {
  const what = timedOut
    ? `CleverTap did not answer within ${timeoutMs / 1000} seconds`
    : `The connection to CleverTap failed (${cause})`;
  return `${what}. ${REPLAY_ADVICE[replay]}`;
}

/** "sg1", "sg1 and us1", "sg1, us1 and aps3": region values, which are what a dashboard address starts with. */
function regionList(regions: Region[], last: 'and' | 'or'): string {
  if (regions.length < 2) return regions.join('');
  return `${regions.slice(0, -1).join(', ')} ${last} ${regions[regions.length - 1]}`;
}

/**
 * The message after the probe (the connection test's, and any step's), in place of the refusal of the connection's
 * region: what the probe found first, then what to do, within the 250 characters Zapier shows. Undefined when no
 * other region answered at all (none was asked, or none could be reached): the probe learnt nothing, and the
 * refusal stands as it is.
 */
export function probeMessage(current: Region, verdict: ProbeVerdict): string | undefined {
  if (verdict.kind === 'found') {
    const there = regionName(verdict.region);
    return (
      `Wrong region: these credentials belong to ${there}, not ${regionName(current)}. ` +
      `Reconnect your CleverTap account and pick ${there} as the Region.`
    );
  }
  const { refused, unknown } = verdict;
  if (!refused.length) return undefined;
  if (!unknown.length)
    return (
      `Wrong Account ID or Passcode: CleverTap refused them in ${regionName(current)} and in every other ` +
      'region. Copy both again from Settings > Project in your CleverTap dashboard, then reconnect your ' +
      'CleverTap account.'
    );
  return (
    `CleverTap refused these credentials in ${regionList([current, ...refused], 'and')}; ` +
    `${regionList(unknown, 'and')} did not answer in time. If your dashboard address starts with ` +
    `${regionList(unknown, 'or')}, reconnect and pick that Region; if not, check the Account ID and Passcode.`
  );
}

/**
 * The probe's finding in a few words, for a report that has other things to say (a bulk step's reason, whose first
 * sentence it shows): the region the credentials belong to, or that every region refused them. Undefined when the
 * probe found neither.
 */
export function probeReason(current: Region, verdict: ProbeVerdict): string | undefined {
  if (verdict.kind === 'found')
    return `Wrong region: the credentials belong to ${regionName(verdict.region)}, not ${regionName(current)}`;
  return verdict.unknown.length
    ? undefined
    : `Wrong credentials: refused in ${regionName(current)} and every other region`;
}

/** A bulk list with nothing to send: the field, and which items were empty. */
export function emptyListMessage(field: string, skipped: readonly number[]): string {
  const empty = skipped.length ? ` (${itemList(skipped)} ${skipped.length === 1 ? 'is' : 'are'} empty)` : '';
  return `${field}: the list has no items with data${empty}, so nothing was sent.`;
}

/**
 * A request's failure as the reason of a bulk report, where the step stops with its own error: a throttled request's
 * words without "Zapier will try again" (not so once the step stops), the credentials' first sentence (which region
 * refused what; the rest would not fit beside the report), and an error that is not the app's, quoted.
 */
export const BULK_REASON_WORDS = {
  throttled: 'CleverTap was busy with too many requests from this account at once (HTTP 429).',
  credentials: (reason: string) =>
    `${reason.split('. ')[0]?.replace(/\.$/, '')}. Reconnect your CleverTap account.`,
  unexpected: (message: string) => `an unexpected error: ${quoted(message, 80)}`,
} as const;

/** `items 4, 7, 12 and 3 more`: the first few item numbers of a list. */
const firstItems = (items: readonly number[]) => itemList(items, 3);

/**
 * The step's error message, within what Zapier shows: what was saved and what not (counts and the first item
 * numbers), the one thing to do, then why, and as much detail as fits. The full list is in the step's log and, with
 * "finish the step", in its output.
 */
export function bulkMessage(summary: BulkSummary, nouns: Nouns, replay: Replay, causeFirst = false): string {
  const refusedItems = [...summary.failures.flatMap((f) => (f.item ? [f.item] : [])), ...summary.refused];
  // Failures CleverTap did not place are counted among the uncertain items of their request, not again here.
  const notSaved = refusedItems.length;
  const counts = [
    `CleverTap saved ${summary.saved.length} of ${summary.items} ${nouns.many}`,
    notSaved ? `${notSaved} not saved (${firstItems(refusedItems)})` : '',
    summary.uncertain.length
      ? `${summary.uncertain.length} uncertain (${firstItems(summary.uncertain)})`
      : '',
    summary.notSent.length ? `${summary.notSent.length} not sent (${firstItems(summary.notSent)})` : '',
  ].filter(Boolean);
  const headline = `${counts.join('; ')}.`;
  // Then the advice and the cause, each shortened to what is left: the advice first, except when the credentials were
  // refused, where the cause (which region refused them) is what the user must act on.
  const [second, third] = causeFirst
    ? [cause(summary), advice(summary, nouns, replay)]
    : [advice(summary, nouns, replay), cause(summary)];
  const withCause = [second, third].reduce((text, part) => {
    const room = MESSAGE_LIMIT - text.length - 1;
    return part && room > 20 ? `${text} ${joinWithin([part], '', room).text}` : text;
  }, headline);
  const hint = summary.failures.length ? `Or pick "Finish the step" in If CleverTap Refuses Items.` : '';
  return hint && withCause.length + 1 + hint.length <= MESSAGE_LIMIT ? `${withCause} ${hint}` : withCause;
}

function advice(summary: BulkSummary, nouns: Nouns, replay: Replay): string {
  const fixFirst = summary.failures.some((f) => f.code !== RETRYABLE_CODE)
    ? ' once the refused items are fixed'
    : '';
  const anythingSaved = summary.saved.length > 0 || summary.uncertain.length > 0;
  if (!anythingSaved) return `Nothing was saved, so replaying is safe${fixFirst}.`;
  if (replay === 'safe') return `Replaying is safe${fixFirst}: saved ${nouns.many} are only updated again.`;
  return summary.uncertain.length
    ? "Don't replay the step: check the uncertain items in CleverTap, then send only the missing ones."
    : "Don't replay the step: send only the items not saved.";
}

function cause(summary: BulkSummary): string {
  const stop = summary.stop;
  if (stop?.kind === 'out_of_time')
    return `Stopped before request ${stop.request} of ${summary.requestsPlanned} to end within Zapier's time limit.`;
  if (stop?.kind === 'failed')
    return `Request ${stop.outcome.request} of ${summary.requestsPlanned} ${stop.outcome.kind === 'refused' ? 'failed' : 'got no answer'}: ${stop.outcome.reason}`;
  const first = summary.failures[0];
  return first
    ? `${first.item ? `Item ${first.item}` : 'A record'}: ${first.reason} (code ${first.code}).`
    : '';
}

/** The acting calls, as a user names what they asked for. */
type Act = 'trigger' | 'subscribe' | 'delete';

const ACT_WHAT: Record<Act, { refused: string; unknown: string; replay: string }> = {
  trigger: {
    refused: 'CleverTap did not send the campaign message',
    unknown: 'whether the campaign message was sent',
    replay: "check the campaign's report in CleverTap before replaying this step: a replay sends it again",
  },
  subscribe: {
    refused: 'CleverTap did not update the subscription status',
    unknown: 'whether the subscription status was updated',
    replay: 'replaying this step is safe',
  },
  delete: {
    refused: 'CleverTap did not delete the profile',
    unknown: 'whether CleverTap will delete the profile',
    replay: 'replaying this step is safe',
  },
};

/** A 200 `fail` answer: refused, in CleverTap's words (its code is not always the HTTP status). */
export function actFailedMessage(act: Act, answer: { error?: string; code?: number }): string {
  const code = answer.code === undefined ? '' : ` (CleverTap code ${answer.code})`;
  const fix =
    act === 'trigger'
      ? 'Check the Campaign ID (an External Trigger campaign that is running) and the user.'
      : "Check the step's input and try again.";
  const head = ACT_WHAT[act].refused;
  // CleverTap's own words get the room the rest leaves.
  const room = MESSAGE_LIMIT - head.length - code.length - fix.length - 4;
  const said = answer.error ? `: ${shortened(answer.error.replace(/\.$/, ''), Math.max(10, room))}` : '';
  return `${head}${said}${code}. ${fix}`;
}

/** A 200 answer that is not one CleverTap documents: nothing is known. */
export function actUnknownMessage(act: Act, status: number): string {
  return (
    `CleverTap answered with something other than a result (HTTP ${status}), so it is not known ` +
    `${ACT_WHAT[act].unknown}; ${ACT_WHAT[act].replay}.`
  );
}

/** /1/subscribe did not update every address: which were not, and why, then what to do. */
export function subscriptionsNotUpdatedMessage(result: {
  failed: { record: { type: string; value: string }; code?: number; reason: string }[];
  unaccounted: { type: string; value: string }[];
}): string {
  const failed = result.failed.map(
    ({ record, code, reason }) =>
      `${record.type} ${shortened(record.value, 60)}${reason ? ` (${shortened(reason.replace(/\.$/, ''), 60)}${code ? `, code ${code}` : ''})` : ''}`,
  );
  const unknown = result.unaccounted.map((record) => `${record.type} ${shortened(record.value, 60)}`);
  const parts = [
    failed.length ? `not updated: ${failed.join('; ')}` : '',
    unknown.length ? `not confirmed: ${unknown.join('; ')}` : '',
  ].filter(Boolean);
  const head = 'CleverTap did not update every subscription status, ';
  const tail = ' Fix the address if it is wrong; replaying this step is safe.';
  const { text } = joinWithin(parts, '; ', MESSAGE_LIMIT - head.length - tail.length - 1);
  return `${head}${text}.${tail}`;
}

// ---- What the account has (getSchema): the dropdowns of names and the Event Name guard (issue 18). ----

/** What a schema read lists, as the user names it: the dropdown's noun and the field's. */
export const SCHEMA_WORDS = {
  events: { list: 'events', one: 'event' },
  userProperties: { list: 'profile properties', one: 'property' },
} as const satisfies Record<SchemaKind, { list: string; one: string }>;

/** Why the account's names could not be read, as a clause: facts from the answer, or the lost connection. */
export type SchemaProblem =
  | { kind: 'unavailable' | 'unreadable'; status: number }
  | { kind: 'failed'; status: number; error?: string }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'network'; cause: string };

export function schemaProblemText(kind: SchemaKind, problem: SchemaProblem): string {
  switch (problem.kind) {
    case 'unavailable':
      return problem.status === 429
        ? 'CleverTap is busy with other requests from this account (HTTP 429)'
        : `CleverTap is unavailable right now (HTTP ${problem.status})`;
    case 'unreadable':
      return `CleverTap answered with something other than a list of ${SCHEMA_WORDS[kind].list} (HTTP ${problem.status})`;
    case 'failed':
      return `CleverTap refused the request${problem.error ? ` with ${quoted(problem.error, 60)}` : ''} (HTTP ${problem.status})`;
    case 'timeout':
      return `CleverTap did not answer within ${problem.seconds} seconds`;
    case 'network':
      return `the connection to CleverTap failed (${shortened(problem.cause, 40)})`;
  }
}

/** A dropdown of the account's names that could not load: why, then what to do. */
export function schemaDropdownMessage(kind: SchemaKind, problem: SchemaProblem): string {
  return (
    `Could not load your CleverTap ${SCHEMA_WORDS[kind].list}: ${schemaProblemText(kind, problem)}. ` +
    `Try again in a minute, or type the ${SCHEMA_WORDS[kind].one} name instead.`
  );
}

/** The labels of the guard's field and of its "send anyway" choice, for the messages that point at them. */
export const GUARD_WORDS = {
  field: 'If the Event Name Is New',
  send: 'Send it as a new event',
} as const;

/** The guard is on and the account's events could not be read: nothing sent, safe to replay. */
export function guardUnreadableMessage(problem: SchemaProblem): string {
  return (
    `Event Name could not be checked: ${schemaProblemText('events', problem)}. Nothing was sent, so it is safe ` +
    `to replay this step; or pick "${GUARD_WORDS.send}" in ${GUARD_WORDS.field} to skip the check.`
  );
}

/** One name the account does not have, and the nearest one it has, if any is close. */
export function unknownEventText(name: string, nearest: string | undefined): string {
  return `${quoted(name)} is not an event your CleverTap account has${nearest ? `; the nearest is ${quoted(nearest)}` : ' (none is close)'}`;
}

/** The guard stopped Upload Event: the name given and the nearest, then what to do. */
export function guardUnknownMessage(label: string, name: string, nearest: string | undefined): string {
  return (
    `${label}: ${unknownEventText(name, nearest)}. Nothing was sent. Fix the name, or pick ` +
    `"${GUARD_WORDS.send}" in ${GUARD_WORDS.field} to create it.`
  );
}

/** The guard stopped a bulk step: which items, what to do, then as many of the names as fit. */
export function guardUnknownItemsMessage(
  list: string,
  label: string,
  unknown: readonly { item: number; name: string; nearest?: string }[],
  total: number,
): string {
  const items = unknown.map((u) => u.item);
  const head =
    `${list}: ${items.length} of ${total} items name events your CleverTap account does not have ` +
    `(${itemList(items, 4)}), so nothing was sent. Fix them, or pick "${GUARD_WORDS.send}" in ${GUARD_WORDS.field}.`;
  const details = unknown.map(
    (u) =>
      `Item ${u.item}, ${label}: ${quoted(u.name, 30)}${u.nearest ? ` (nearest ${quoted(u.nearest, 30)})` : ''}.`,
  );
  const room = MESSAGE_LIMIT - head.length - 1;
  return room < 20 ? head : `${head} ${joinWithin(details, ' ', room).text}`;
}
