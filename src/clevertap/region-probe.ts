/**
 * Telling a wrong region from wrong credentials. CleverTap answers 401 both for a wrong passcode and for good
 * credentials sent to another region's host, so after a refusal (the connection test's or a step's) the same lookup
 * is asked of the other regions, in parallel and each with a short timeout. Pure: which regions to ask, how long they may
 * take, and what their answers mean in plain words.
 */
import { apiBaseUrl, Region, REGION_VALUES } from './regions';
import type { Assert, LessThan } from '../compile-checks';

/** How long one region may take to answer the probe. */
export const PROBE_TIMEOUT_MS = 4_000;

/**
 * The step (or connection test) and the probe together must end well inside Zapier's 30 seconds: the probe starts only with
 * this much time left in the budget, and never outlasts it.
 */
export const PROBE_BUDGET_MS = 25_000;

/** Checked by tsc: the budget, first call included, is inside Zapier's 30 seconds. */
export type ProbeBudgetInsideAStep = Assert<LessThan<typeof PROBE_BUDGET_MS, 30_000>>;

/** The least time worth giving the probe; with less left, the probe is skipped. */
export const PROBE_MIN_TIMEOUT_MS = 1_000;

export interface ProbeTarget {
  region: Region;
  /** The base URL that API paths are appended to, as for a connection in that region. */
  baseUrl: string;
}

/**
 * The other regions to ask, each with its base URL. Empty when the regions cannot be told apart: a test-server
 * override without `{region}` sends every region to the same URL, so an answer there says nothing about regions.
 */
export function probeTargets(current: Region, override?: string): ProbeTarget[] {
  const own = apiBaseUrl(current, override);
  if (!own) return [];
  const targets: ProbeTarget[] = [];
  const seen = new Set([own]);
  for (const region of REGION_VALUES) {
    if (region === current) continue;
    const baseUrl = apiBaseUrl(region, override);
    if (!baseUrl || seen.has(baseUrl)) return [];
    seen.add(baseUrl);
    targets.push({ region, baseUrl });
  }
  return targets;
}

/** The timeout of each probe request after the first call took `elapsedMs`; undefined when there is no time left. */
export function probeTimeout(elapsedMs: number): number | undefined {
  const left = PROBE_BUDGET_MS - Math.max(0, elapsedMs);
  const timeout = Math.min(PROBE_TIMEOUT_MS, left);
  return timeout >= PROBE_MIN_TIMEOUT_MS ? timeout : undefined;
}

/**
 * What one region said: `accepted` (it answered the lookup: the credentials are good there), `refused` (401/403:
 * not there), `unknown` (no usable answer: timeout, lost connection, 5xx, throttled).
 */
export type ProbeOutcome = 'accepted' | 'refused' | 'unknown';

export interface ProbeAnswer {
  region: Region;
  outcome: ProbeOutcome;
}

export type ProbeVerdict =
  { kind: 'found'; region: Region } | { kind: 'not_found'; refused: Region[]; unknown: Region[] };

/** The region whose answer accepted the credentials (the first in CleverTap's order, should there be two). */
export function readProbe(answers: ProbeAnswer[]): ProbeVerdict {
  const byOutcome = (outcome: ProbeOutcome) =>
    REGION_VALUES.filter((region) => answers.some((a) => a.region === region && a.outcome === outcome));
  const [found] = byOutcome('accepted');
  if (found) return { kind: 'found', region: found };
  return { kind: 'not_found', refused: byOutcome('refused'), unknown: byOutcome('unknown') };
}
