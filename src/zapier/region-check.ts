/**
 * Telling a wrong region from wrong credentials, for the connection test and for every step. CleverTap answers 401
 * both for a wrong passcode and for good credentials sent to another region's host; after such a refusal the other
 * five regions are asked the connection test's read-only question (the profile of an identity nobody has), in
 * parallel, each with a short timeout, inside Zapier's 30 seconds for the step. What they said replaces the refusal's
 * message, leading with the region the credentials belong to. The probe's own requests go straight to `z.request`, so
 * a refusal there is an answer, never a reason to probe again.
 */
import type { ZObject } from 'zapier-platform-core';
import type { Region } from '../clevertap/regions';
import { ProbeAnswer, ProbeTarget, probeTargets, probeTimeout, readProbe } from '../clevertap/region-probe';
import { expiredAuthError, sendFailureOf, withSendFailure } from './errors';
import { BASE_URL_VARIABLE } from './base-url';
import { probeMessage, probeReason } from './words';

/** An identity no real user has: looking it up reads nothing and writes nothing. */
export const CONNECTION_CHECK_IDENTITY = 'zapier-connection-check-no-such-user';

/** The read-only lookup of a user nobody has, at one base URL: the question every region is asked. */
export const regionCheckRequest = (baseUrl: string) => ({
  url: `${baseUrl}/1/profile.json`,
  method: 'GET' as const,
  params: { identity: CONNECTION_CHECK_IDENTITY },
});

/** When each step (each `z`, which core makes per invocation) made its first request to CleverTap. */
const stepStarts = new WeakMap<object, number>();

/**
 * When this step's first request started: the probe's time is counted from there, so that a step that already
 * spent its time (a bulk step's later request) probes only with what is left, or not at all.
 */
export function stepStartedAt(z: ZObject): number {
  let started = stepStarts.get(z);
  if (started === undefined) {
    started = Date.now();
    stepStarts.set(z, started);
  }
  return started;
}

/** A refusal of the credentials (401/403): the middleware throws it as an ExpiredAuthError. */
export const isRefusal = (error: unknown) => (error as Error)?.name === 'ExpiredAuthError';

/** Asks one other region the lookup; any answer but a refusal or an acceptance is "unknown", never an error. */
async function ask(z: ZObject, target: ProbeTarget, timeout: number): Promise<ProbeAnswer> {
  try {
    await z.request({ ...regionCheckRequest(target.baseUrl), timeout });
    return { region: target.region, outcome: 'accepted' };
  } catch (error) {
    return { region: target.region, outcome: isRefusal(error) ? 'refused' : 'unknown' };
  }
}

/**
 * Throws the refusal of the connection's `region`, explained by the other regions when they can be asked: with the
 * probe's message and the refusal's facts (so a bulk step reports it as the reason), or the refusal as it is when
 * there is no time left, the regions cannot be told apart, or the probe learnt nothing.
 */
export async function explainRefusal(
  z: ZObject,
  region: Region | undefined,
  refusal: Error,
  startedAt: number,
): Promise<never> {
  const timeout = probeTimeout(Date.now() - startedAt);
  const targets = region ? probeTargets(region, process.env[BASE_URL_VARIABLE]) : [];
  if (!region || timeout === undefined || !targets.length) throw refusal;
  const answers = await Promise.all(targets.map((target) => ask(z, target, timeout)));
  const verdict = readProbe(answers);
  const message = probeMessage(region, verdict);
  if (!message) throw refusal;
  const failure = sendFailureOf(refusal);
  const explained = expiredAuthError(z, message);
  if (!failure) throw explained;
  // A bulk step reports the first sentence of the reason beside its counts: the finding, in a few words.
  throw withSendFailure(explained, {
    ...failure,
    reason: `${probeReason(region, verdict) ?? failure.reason}. ${message}`,
  });
}
