/**
 * Secrets: with core's logs on (LOG_TO_STDOUT and DETAILED_LOG_TO_STDOUT's output, and the scrubbed records core
 * streams to Zapier's own logs), every path of the failure matrix and a pass of generated inputs through every action
 * is scanned: outputs, errors (message and stack) and logs. The passcode appears nowhere; error messages never echo
 * the record CleverTap sends back.
 */
import fc from 'fast-check';
import { inputFor } from './arbitraries';
import {
  actions,
  auth,
  invoke,
  minimalInput,
  recordAll,
  SECRET_PASSCODE,
  SEED,
  quietCoreMemoryGuard,
} from './harness';
import { runScenario, Runner, SCENARIOS, SCHEMA_SUBJECTS, SUBJECTS } from './scenarios';

quietCoreMemoryGuard();

const invokeRunner: Runner = (action, bundle) => invoke(action.method, bundle);

/** Every place the passcode must not be, as text. */
function exposed(outcome: { result?: unknown; error?: Error; logs?: string[] }): string {
  return [
    JSON.stringify(outcome.result) ?? '',
    outcome.error?.message ?? '',
    outcome.error?.stack ?? '',
    JSON.stringify(outcome.error ?? {}),
    ...(outcome.logs ?? []),
  ].join('\n');
}

describe('the passcode appears nowhere, on every path of the failure matrix', () => {
  it.each([...SUBJECTS, ...SCHEMA_SUBJECTS].map((a) => [a.id, a] as const))(
    '%s',
    async (_id, action) => {
      for (const scenario of SCENARIOS) {
        const outcome = await runScenario(action, scenario, invokeRunner);
        const text = exposed(outcome);
        if (text.includes(SECRET_PASSCODE))
          throw new Error(`${action.id} / ${scenario.name} exposed the passcode`);
        if (outcome.error && /ECHOED|echoed-user/.test(outcome.error.message))
          throw new Error(`${action.id} / ${scenario.name}: the error echoes CleverTap's rejected record`);
        // The scan is not vacuous: core did log the HTTP exchange (stdout) for the steps that reached the server.
        if (scenario.reply !== 'reset' && scenario.reply !== 'timeout')
          expect(outcome.logs.join('\n')).toMatch(/X-CleverTap-Passcode: :censored:/);
      }
    },
    120_000,
  );
});

describe('the passcode appears nowhere, for generated inputs', () => {
  const RUNS = Number(process.env.FC_SECRET_RUNS ?? 150);
  it.each(actions().map((a) => [a.id, a] as const))(
    `%s: ${RUNS} cases (seed ${SEED})`,
    async (_id, action) => {
      const seen = recordAll();
      await fc.assert(
        fc.asyncProperty(inputFor(action, minimalInput(action)), async (inputData) => {
          seen.length = 0;
          const outcome = await invoke(action.method, { authData: auth, inputData });
          if (exposed(outcome).includes(SECRET_PASSCODE))
            throw new Error(`exposed the passcode for input ${JSON.stringify(inputData).slice(0, 300)}`);
          for (const req of seen) expect(req.url).not.toContain(SECRET_PASSCODE);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    120_000,
  );
});
