// Shared jest set-up: no test reaches the network. Requests either meet a nock interceptor or go to a
// server the test itself started on loopback (the sandbox); anything else fails loudly.
//
// Quiet output: what tests and steps print with console.log/info/debug (the bulk steps' z.console.log lines, which
// core's app tester prints; the property runs' summaries) is shown only with VERBOSE_TESTS=1. Warnings, errors and
// jest's own reports of failures are never hidden. The console is put back after each file's tests, so a log that
// comes after them is still reported by jest ("Cannot log after tests are done").
//
// Node's http and https modules are shared by every test file a jest worker runs. Core's lambda handler (every step a
// test runs goes through it) patches their `request` to log each request with the logger of the step that ran last,
// and marks them so that it patches only once per process: each file gives them back as it found them, so that no
// request of a later file logs through a finished file's step, and each file's steps are patched as in a new process.
import http from 'node:http';
import https from 'node:https';
import nock from 'nock';

type CorePatched = { request: typeof http.request; patchedByZapier?: boolean; zapierLogger?: unknown };
const shared = [http, https] as unknown as CorePatched[];
const requests = shared.map((module) => ({ module, request: module.request }));

if (process.env.VERBOSE_TESTS !== '1') {
  const shown = { log: console.log, info: console.info, debug: console.debug };
  const silent = () => undefined;
  Object.assign(console, { log: silent, info: silent, debug: silent });
  afterAll(() => {
    Object.assign(console, shown);
  });
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
});

afterEach(() => {
  nock.cleanAll();
});

afterAll(() => {
  requests.forEach(({ module, request }) => {
    module.request = request;
    delete module.patchedByZapier;
    delete module.zapierLogger;
  });
  nock.restore();
});
