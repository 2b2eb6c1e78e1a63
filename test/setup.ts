// Shared jest set-up: no test reaches the network. Requests either meet a nock interceptor or go to a
// server the test itself started on loopback (the sandbox); anything else fails loudly.
import nock from 'nock';

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
