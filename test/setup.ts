// Shared jest set-up: no test reaches the network. Requests either meet a nock interceptor or go to a
// server the test itself started on loopback (the sandbox); anything else fails loudly.
//
// Quiet output: what tests and steps print with console.log/info/debug (the bulk steps' z.console.log lines, which
// core's app tester prints; the property runs' summaries) is shown only with VERBOSE_TESTS=1. Warnings, errors and
// jest's own reports of failures are never hidden. The console is put back after each file's tests, so a log that
// comes after them is still reported by jest ("Cannot log after tests are done").
import nock from 'nock';

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
  nock.restore();
});
