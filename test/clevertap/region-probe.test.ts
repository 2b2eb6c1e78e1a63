/**
 * The wrong-region probe, pure: which regions are asked, how long they may take, what their answers mean, and the
 * message the connection test shows for each verdict (within the 250 characters Zapier shows, the finding first).
 */
import { REGION_VALUES, Region, regionName } from '../../src/clevertap/regions';
import {
  MESSAGE_LIMIT,
  PROBE_BUDGET_MS,
  PROBE_MIN_TIMEOUT_MS,
  PROBE_TIMEOUT_MS,
  ProbeAnswer,
  probeMessage,
  probeTargets,
  ProbeVerdict,
  probeTimeout,
  readProbe,
} from '../../src/clevertap/region-probe';

const others = (current: Region) => REGION_VALUES.filter((region) => region !== current);

/** Every way of splitting `regions` in two: [chosen, rest]. */
function splits(regions: Region[]): [Region[], Region[]][] {
  return Array.from({ length: 2 ** regions.length }, (_, mask) => [
    regions.filter((_r, i) => mask & (1 << i)),
    regions.filter((_r, i) => !(mask & (1 << i))),
  ]);
}

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
    expect(PROBE_BUDGET_MS).toBeLessThan(30_000);
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

describe('probeMessage', () => {
  it('found: the wrong region and the right one first, then what to do', () => {
    expect(probeMessage('eu1', { kind: 'found', region: 'in1' })).toBe(
      'Wrong region: these credentials belong to India (in1), not Europe (eu1). ' +
        'Reconnect your CleverTap account and pick India (in1) as the Region.',
    );
  });

  it('refused everywhere: the Account ID or Passcode is wrong', () => {
    expect(probeMessage('eu1', { kind: 'not_found', refused: others('eu1'), unknown: [] })).toBe(
      'Wrong Account ID or Passcode: CleverTap refused them in Europe (eu1) and in every other region. ' +
        'Copy both again from Settings > Project in your CleverTap dashboard, then reconnect your CleverTap account.',
    );
  });

  it('some regions did not answer: what was refused, what could not be checked, and both ways out', () => {
    expect(
      probeMessage('eu1', { kind: 'not_found', refused: ['in1', 'mec1'], unknown: ['sg1', 'us1', 'aps3'] }),
    ).toBe(
      'CleverTap refused these credentials in eu1, in1 and mec1; sg1, us1 and aps3 did not answer in time. ' +
        'If your dashboard address starts with sg1, us1 or aps3, reconnect and pick that Region; ' +
        'if not, check the Account ID and Passcode.',
    );
    expect(probeMessage('us1', { kind: 'not_found', refused: [], unknown: ['sg1'] })).toBe(
      'CleverTap refused these credentials in us1; sg1 did not answer in time. ' +
        'If your dashboard address starts with sg1, reconnect and pick that Region; ' +
        'if not, check the Account ID and Passcode.',
    );
  });

  it('nothing asked: no message (the refusal stands)', () => {
    expect(probeMessage('eu1', { kind: 'not_found', refused: [], unknown: [] })).toBeUndefined();
  });

  describe.each(REGION_VALUES)(
    'from %s, every verdict fits in 250 characters with its finding',
    (current) => {
      it.each(others(current))('found in %s', (found) => {
        const message = probeMessage(current, { kind: 'found', region: found }) ?? '';
        expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
        expect(
          message.startsWith(`Wrong region: these credentials belong to ${regionName(found)}, not `),
        ).toBe(true);
        expect(message).toContain(`pick ${regionName(found)} as the Region.`);
      });

      it('every split of the other regions into refused and unanswered', () => {
        for (const [unknown, refused] of splits(others(current))) {
          const message = probeMessage(current, { kind: 'not_found', refused, unknown }) ?? '';
          expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
          if (!unknown.length) {
            expect(message.startsWith('Wrong Account ID or Passcode: ')).toBe(true);
            expect(message).toContain(regionName(current));
            continue;
          }
          const [told, advice] = message.split(' did not answer in time. ');
          expect(told.startsWith(`CleverTap refused these credentials in ${current}`)).toBe(true);
          for (const region of refused) expect(told).toMatch(new RegExp(`\\b${region}\\b.*;`));
          for (const region of unknown) {
            expect(told).toMatch(new RegExp(`;.*\\b${region}\\b`));
            expect(advice).toMatch(
              new RegExp(`^If your dashboard address starts with .*\\b${region}\\b.*, reconnect`),
            );
          }
        }
      });
    },
  );
});
