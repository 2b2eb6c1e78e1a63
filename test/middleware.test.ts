import { isCleverTapUrl } from '../src/middleware';

describe('where credentials may go', () => {
  const saved = process.env.CLEVERTAP_API_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.CLEVERTAP_API_BASE_URL;
    else process.env.CLEVERTAP_API_BASE_URL = saved;
  });

  it.each([
    'https://api.clevertap.com/1/upload',
    'https://eu1.api.clevertap.com/1/upload',
    'https://in1.api.clevertap.com/1/profile.json?identity=x',
    'https://mec1.api.clevertap.com/1/upload',
  ])('to %s', (url) => {
    delete process.env.CLEVERTAP_API_BASE_URL;
    expect(isCleverTapUrl(url)).toBe(true);
  });

  it.each([
    'http://api.clevertap.com/1/upload',
    'https://api.clevertap.com.evil.test/1/upload',
    'https://evil.test/?h=api.clevertap.com',
    'https://xx1.api.clevertap.com/1/upload',
    'https://dashboard.clevertap.com/',
    'not a url',
    '',
  ])('never to %s', (url) => {
    delete process.env.CLEVERTAP_API_BASE_URL;
    expect(isCleverTapUrl(url)).toBe(false);
  });

  it("to the developer's test server, on its exact origin only", () => {
    process.env.CLEVERTAP_API_BASE_URL = 'http://127.0.0.1:4010/{region}';
    expect(isCleverTapUrl('http://127.0.0.1:4010/eu1/1/upload')).toBe(true);
    expect(isCleverTapUrl('http://127.0.0.1:4011/eu1/1/upload')).toBe(false);
    expect(isCleverTapUrl('https://127.0.0.1:4010/eu1/1/upload')).toBe(false);
  });
});
