/**
 * The wrong-region probe, pure: which regions are asked, how long they may take, and what their answers mean. The
 * message the connection test shows for each verdict is tested with the words (test/zapier/words.test.ts).
 */
import { REGION_VALUES, Region } from '../../src/clevertap/regions';
import {
  PROBE_BUDGET_MS,
  PROBE_MIN_TIMEOUT_MS,
  PROBE_TIMEOUT_MS,
  ProbeAnswer,
  probeTargets,
  ProbeVerdict,
  probeTimeout,
  readProbe,
} from '../../src/clevertap/region-probe';

const others = (current: Region) => REGION_VALUES.filter((region) => region !== current);

describe('probeTargets', () => {
  it('asks the five other regions, at their own hosts', () => {
    expect(probeTargets('eu1')).toEqual([
      { region: 'in1', baseUrl: 'https://in1.api.clevertap.com' },
      { region: 'sg1', baseUrl: 'https://sg1.api.clevertap.com' },
      { region: 'us1', baseUrl: 'https://us1.api.clevertap.com' },
      { region: 'aps3', baseUrl: 'https://aps3.api.clevertap.com' },
      { region: 'mec1', baseUrl: 'https://mec1.api.clevertap.com' },
    ]);
    expect(probeTargets('in1').map((t) => t.region)).toEqual(['eu1', 'sg1', 'us1', 'aps3', 'mec1']);
  });

  it('with a test server: per-region URLs are probed, one shared URL (or an invalid one) is not', () => {
    expect(probeTargets('eu1', 'http://127.0.0.1:4010/{region}')).toEqual(
      others('eu1').map((region) => ({ region, baseUrl: `http://127.0.0.1:4010/${region}` })),
    );
    expect(probeTargets('eu1', 'http://127.0.0.1:4010/')).toEqual([]);
    expect(probeTargets('eu1', 'ftp://x/{region}')).toEqual([]);
  });
});

describe('probeTimeout', () => {
  it('is the full timeout while the budget allows, then what is left, then none', () => {
    expect(probeTimeout(-5)).toBe(PROBE_TIMEOUT_MS);
    expect(probeTimeout(0)).toBe(PROBE_TIMEOUT_MS);
    expect(probeTimeout(PROBE_BUDGET_MS - PROBE_TIMEOUT_MS)).toBe(PROBE_TIMEOUT_MS);
    expect(probeTimeout(PROBE_BUDGET_MS - 1_500)).toBe(1_500);
    expect(probeTimeout(PROBE_BUDGET_MS - PROBE_MIN_TIMEOUT_MS)).toBe(PROBE_MIN_TIMEOUT_MS);
    expect(probeTimeout(PROBE_BUDGET_MS - PROBE_MIN_TIMEOUT_MS + 1)).toBeUndefined();
    expect(probeTimeout(PROBE_BUDGET_MS + 10_000)).toBeUndefined();
  });

  it("the first call and the probe together stay inside Zapier's 30 seconds", () => {
    for (let elapsed = 0; elapsed <= PROBE_BUDGET_MS; elapsed += 250)
      expect(elapsed + (probeTimeout(elapsed) ?? 0)).toBeLessThanOrEqual(PROBE_BUDGET_MS);
  });
});

describe('readProbe', () => {
  const cases: [string, ProbeAnswer[], ProbeVerdict][] = [
    [
      'a region that accepted is the finding',
      [
        { region: 'sg1', outcome: 'refused' },
        { region: 'us1', outcome: 'accepted' },
      ],
      { kind: 'found', region: 'us1' },
    ],
    [
      'of two that accepted, the first in CleverTap order',
      [
        { region: 'mec1', outcome: 'accepted' },
        { region: 'in1', outcome: 'accepted' },
      ],
      { kind: 'found', region: 'in1' },
    ],
    [
      'otherwise what was refused and what could not be told, in CleverTap order',
      [
        { region: 'mec1', outcome: 'unknown' },
        { region: 'in1', outcome: 'refused' },
        { region: 'sg1', outcome: 'unknown' },
      ],
      { kind: 'not_found', refused: ['in1'], unknown: ['sg1', 'mec1'] },
    ],
    ['nothing asked, nothing known', [], { kind: 'not_found', refused: [], unknown: [] }],
  ];
  it.each(cases)('%s', (_name, answers, verdict) => expect(readProbe(answers)).toEqual(verdict));
});
