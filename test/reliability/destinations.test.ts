/**
 * Destinations, fuzzed: whatever the connection's Region holds (valid values, other casings, hosts, paths, userinfo,
 * unicode, prototype names) and whatever CLEVERTAP_API_BASE_URL holds (unset, a test server with or without
 * `{region}`, look-alike hosts, other schemes, garbage), credentials go only to CleverTap's hosts over HTTPS or to the
 * configured test server; with no override, nothing at all goes anywhere else. The connection test is included, with
 * answers that trigger its wrong-region probe.
 */
import fc from 'fast-check';
import zapier from 'zapier-platform-core';
import { CONTRACT } from '../contract-checker';
import {
  actions,
  auth,
  connection,
  minimalInput,
  recordAll,
  SECRET_PASSCODE,
  SEED,
  quietCoreMemoryGuard,
} from './harness';
import { boundaryTester } from '../boundary';

const appTester = boundaryTester;
type Perform = Parameters<typeof appTester>[0];
const BASE_URL_VARIABLE = 'CLEVERTAP_API_BASE_URL';
const REGIONS = ['eu1', 'in1', 'sg1', 'us1', 'aps3', 'mec1'];

const regionValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...REGIONS) },
  fc.constantFrom(
    'EU1',
    ' eu1',
    'eu1.evil.test',
    'evil.test',
    'in1/../evil',
    'us1@evil.test',
    'https://evil.test',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    '',
    'eu2',
    'api',
    'eu1\u0000',
    'ｅｕ１',
  ),
  fc.string({ maxLength: 20 }),
);

const overrideValue = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(
    'http://127.0.0.1:4010/{region}',
    'http://127.0.0.1:4010',
    'http://localhost:4010/{region}/',
    'http://{region}.test-server.test',
    'https://api.clevertap.com.evil.test/{region}',
    'http://user:pass@127.0.0.1:4010/{region}',
    'http://127.0.0.1:4010/{region}?redirect=https://evil.test',
    'http://127.0.0.1:4010/{region}#frag',
    'ftp://127.0.0.1/{region}',
    'javascript:alert(1)',
    '//evil.test/{region}',
    'file:///etc/passwd',
    'http://127.0.0.1:{region}/',
    '{region}',
    ' ',
  ),
  fc.string({ maxLength: 30 }),
  // A generated path may start with `//` (`http://h////x/`): nock's interceptor (@mswjs/interceptors) reads such a
  // request path as a host and throws out of band, so the request is neither answered nor recorded. The leading run
  // of slashes is made one; slashes inside a path stay.
  fc.webUrl().map((url) => `${url.replace(/^([a-z]+:\/\/[^/?#]*)\/+/, '$1/')}/{region}`),
);

/** The origins the test server may be reached at: the override with each valid region in place of `{region}`. */
function testServerOrigins(override: string | undefined): Set<string> {
  const origins = new Set<string>();
  if (!override) return origins;
  for (const region of REGIONS) {
    try {
      origins.add(new URL(override.split('{region}').join(region)).origin);
    } catch {
      // not a URL: no origin is allowed
    }
  }
  return origins;
}

quietCoreMemoryGuard();

/**
 * How a step may end besides with a result: the Zapier errors the app throws, and core's ResponseError for an
 * answer the app's middleware let through (it does not know a test server whose host holds `{region}` for CleverTap;
 * here only where requests go is checked). Anything else escaped the step (the
 * request mock's own TypeError among them): core's handler then settles at once, with that error, while the step's
 * request is still pending; it would end 20 seconds later, on its timeout, after this file (its log reported by jest
 * as "Cannot log after tests are done"), so the case fails here instead.
 */
const STEP_ERRORS = [
  zapier.errors.Error,
  zapier.errors.ExpiredAuthError,
  zapier.errors.HaltedError,
  zapier.errors.ThrottledError,
  zapier.errors.ResponseError,
];

const OFFICIAL = new Set(CONTRACT.hosts.map((host) => `https://${host}`));

describe('credentials go only to CleverTap or the configured test server', () => {
  const RUNS = Number(process.env.FC_DEST_RUNS ?? 400);
  const subjects = [...actions(), connection];

  it(`${RUNS} generated regions, overrides and answers (seed ${SEED})`, async () => {
    const saved = process.env[BASE_URL_VARIABLE];
    let status = 200;
    const seen = recordAll(() => [status, { status: 'fail', error: 'Invalid Credentials', code: status }]);
    let withCredentials = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          regionValue,
          overrideValue,
          fc.constantFrom(200, 401),
          fc.constantFrom(...subjects),
          async (region, override, answer, subject) => {
            seen.length = 0;
            status = answer;
            if (override === undefined) delete process.env[BASE_URL_VARIABLE];
            else process.env[BASE_URL_VARIABLE] = override;
            const inputData = subject.kind === 'connection' ? {} : minimalInput(subject);
            const error: unknown = await appTester(subject.perform as Perform, {
              authData: { ...auth, region },
              inputData,
            }).then(
              () => undefined,
              (e: unknown) => e,
            );
            if (error !== undefined && !STEP_ERRORS.some((cls) => error instanceof cls))
              throw new Error(
                `${subject.id} ended with ${String(error).slice(0, 200)}, not a result or a Zapier error (override ${JSON.stringify(override)})`,
              );
            const allowed = testServerOrigins(override);
            for (const req of seen) {
              const origin = new URL(req.url).origin;
              const carries = req.headers['x-clevertap-passcode'] !== undefined;
              if (carries) withCredentials += 1;
              if (req.url.includes(SECRET_PASSCODE)) throw new Error(`passcode in a URL: ${req.url}`);
              if (!OFFICIAL.has(origin) && !allowed.has(origin))
                throw new Error(
                  `a request went to ${origin} (region ${JSON.stringify(region)}, override ${JSON.stringify(override)})`,
                );
              if (carries && !OFFICIAL.has(origin) && !allowed.has(origin))
                throw new Error(`credentials went to ${origin}`);
              if (override === undefined && !OFFICIAL.has(origin))
                throw new Error(`without an override, ${origin}`);
            }
          },
        ),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      if (saved === undefined) delete process.env[BASE_URL_VARIABLE];
      else process.env[BASE_URL_VARIABLE] = saved;
    }
    // Not vacuous: many generated cases did reach a server with the credentials.
    expect(withCredentials).toBeGreaterThan(RUNS / 4);
  }, 300_000);
});
