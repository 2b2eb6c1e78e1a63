import { apiBaseUrl, isRegion, REGION_VALUES, regionName } from '../../src/clevertap/regions';

describe('regions', () => {
  it.each([
    ['eu1', 'https://api.clevertap.com'],
    ['in1', 'https://in1.api.clevertap.com'],
    ['sg1', 'https://sg1.api.clevertap.com'],
    ['us1', 'https://us1.api.clevertap.com'],
    ['aps3', 'https://aps3.api.clevertap.com'],
    ['mec1', 'https://mec1.api.clevertap.com'],
  ] as const)('%s is served by %s', (region, url) => {
    expect(apiBaseUrl(region)).toBe(url);
  });

  it('knows exactly the six regions, and nothing from the object prototype', () => {
    expect(REGION_VALUES).toEqual(['eu1', 'in1', 'sg1', 'us1', 'aps3', 'mec1']);
    expect(['EU1', 'eu2', '', 'constructor', '__proto__', 'toString'].some(isRegion)).toBe(false);
  });

  it('names a region by place and value', () => {
    expect(regionName('mec1')).toBe('Middle East (UAE) (mec1)');
  });

  describe('the test-server override', () => {
    it('replaces {region} with the region value and drops a trailing slash', () => {
      expect(apiBaseUrl('in1', 'http://127.0.0.1:4010/{region}/')).toBe('http://127.0.0.1:4010/in1');
    });

    it('applies to every region alike when it has no {region}', () => {
      expect(apiBaseUrl('us1', 'https://ct.example.test')).toBe('https://ct.example.test');
    });

    it.each(['not a url', 'ftp://127.0.0.1/{region}', 'http://user:pw@127.0.0.1/', 'http://127.0.0.1/?x=1'])(
      'refuses %s',
      (override) => {
        expect(apiBaseUrl('eu1', override)).toBeUndefined();
      },
    );
  });
});

describe('isRegion', () => {
  it.each(REGION_VALUES.map((region) => [region]))('takes %s', (region) => {
    expect(isRegion(region)).toBe(true);
  });

  it.each([undefined, null, 1, ['eu1'], { eu1: true }])(
    'refuses %p, which is not a region value',
    (value) => {
      expect(isRegion(value)).toBe(false);
    },
  );
});

describe('the test-server override: what it may not carry', () => {
  it('drops every trailing slash', () => {
    expect(apiBaseUrl('sg1', 'http://127.0.0.1:4010/{region}///')).toBe('http://127.0.0.1:4010/sg1');
  });

  it.each([
    'http://user@127.0.0.1/',
    'http://:pw@127.0.0.1/',
    'http://127.0.0.1/#x',
    'http://127.0.0.1/{region}?a',
  ])('refuses %s: credentials, a query or a fragment', (override) => {
    expect(apiBaseUrl('eu1', override)).toBeUndefined();
  });
});
