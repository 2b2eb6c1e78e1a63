// The preview's server in-process: the real app definition (index.ts), zapier-platform-core's app tester and the
// sandbox, over HTTP on 127.0.0.1 as the page calls it. The browser check (page.browser.ts) drives the page itself.
import { get } from 'node:http';
import { join } from 'node:path';
import zapier from 'zapier-platform-core';
import App from '../../index';
import type { PreviewApp } from '../../preview/definition';
import { startManagedSandbox, type SandboxControl } from '../../preview/sandbox-control';
import { readHubSpotSamples, sampleFills } from '../../preview/samples';
import { startPreview, type Preview } from '../../preview/server';
import type { ConnectionAnswer, SandboxAnswer, StepAnswer } from './api-types';

const ROOT = join(__dirname, '..', '..');
const samples = readHubSpotSamples(join(ROOT, 'test', 'fixtures'));

let sandbox: SandboxControl;
let preview: Preview;
let authData: Record<string, string>;

async function post(path: string, body: unknown) {
  const response = await fetch(new URL(path, preview.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

async function postJson<T = StepAnswer>(path: string, body: unknown): Promise<T> {
  const { status, text } = await post(path, body);
  expect({ path, status }).toEqual({ path, status: 200 });
  return JSON.parse(text) as T;
}

const fill = (key: string) => sampleFills(key, samples)[0]!.values;

beforeAll(async () => {
  sandbox = await startManagedSandbox();
  process.env.CLEVERTAP_API_BASE_URL = sandbox.baseUrl;
  const app = App as unknown as PreviewApp;
  preview = await startPreview({
    app,
    appTester: zapier.createAppTester(App),
    sandbox,
    samples,
    staticDir: join(ROOT, 'preview', 'static'),
  });
  const { id, passcode, region } = sandbox.account;
  authData = { accountId: id, passcode, region };
});

afterAll(async () => {
  await preview.close();
  await sandbox.close();
  delete process.env.CLEVERTAP_API_BASE_URL;
});

describe('the page and its files', () => {
  it('serves the page with a policy that loads nothing from elsewhere', async () => {
    const response = await fetch(preview.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain(
      "default-src 'none'; script-src 'self'",
    );
    const html = await response.text();
    expect(html).toContain('<script src="/static/app.js"');
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves only the files in preview/static, by name', async () => {
    expect((await fetch(new URL('/static/app.js', preview.url))).headers.get('content-type')).toContain(
      'javascript',
    );
    for (const path of [
      '/static/../package.json',
      '/static/%2e%2e%2fpackage.json',
      '/static/nope.js',
      '/elsewhere',
    ])
      expect({ path, status: (await fetch(new URL(path, preview.url))).status }).toEqual({
        path,
        status: 404,
      });
  });

  it('answers only requests for its own address (no other site can reach the API through DNS)', async () => {
    // fetch() does not let a caller set Host; node:http does, as a browser at another name would send it.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const url = new URL('/api/definition', preview.url);
      get(
        { host: url.hostname, port: url.port, path: url.pathname, headers: { Host: 'evil.example' } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      ).on('error', reject);
    });
    expect(status).toBe(403);
  });

  it('takes only JSON', async () => {
    const response = await fetch(new URL('/api/connection/test', preview.url), {
      method: 'POST',
      body: 'a=b',
    });
    expect(response.status).toBe(415);
  });
});

describe('the definition and the session', () => {
  it('describes the actions without the passcode; only the session pre-fills it', async () => {
    const definition = await (await fetch(new URL('/api/definition', preview.url))).text();
    expect(definition).not.toContain(sandbox.account.passcode);
    const parsed = JSON.parse(definition) as {
      actions: Array<{ key: string; samples: unknown[] }>;
      timezones: string[];
    };
    expect(parsed.actions.map((a) => a.key)).toEqual(
      expect.arrayContaining(['upsert_profile', 'find_profile']),
    );
    expect(parsed.timezones[0]).toBe('UTC');
    expect(parsed.timezones).toContain('America/New_York');
    const session = (await (await fetch(new URL('/api/session', preview.url))).json()) as {
      authData: unknown;
    };
    expect(session.authData).toEqual(authData);
  });
});

describe('Test connection', () => {
  it("runs authentication.test and labels the connection from the definition's template", async () => {
    expect(await postJson<ConnectionAnswer>('/api/connection/test', { authData })).toMatchObject({
      outcome: 'connected',
      label: 'PREVIEW-ACCOUNT (Europe (eu1))',
    });
  });

  it('shows the refusal as Zapier does, and never sends the passcode back', async () => {
    const wrong = { ...authData, passcode: 'wrong-passcode-123' };
    const { text } = await post('/api/connection/test', { authData: wrong });
    expect(text).not.toContain('wrong-passcode-123');
    const result = JSON.parse(text) as {
      outcome: string;
      error: { name: string; shown: string; cut: string };
    };
    expect(result.outcome).toBe('error');
    expect(result.error.name).toBe('ExpiredAuthError');
    expect(result.error.shown).toMatch(/Passcode/);
    expect(result.error.shown.length).toBeLessThanOrEqual(250);
  });
});

describe('Test step', () => {
  it('runs Create/Update User Profile from the HubSpot contact, and shows what CleverTap received and holds', async () => {
    const result = await postJson('/api/actions/create/upsert_profile/test', {
      authData,
      form: fill('upsert_profile'),
      timezone: 'UTC',
    });
    expect(result.step.outcome).toBe('output');
    const rows = Object.fromEntries(result.step.rows.map((r) => [r.key, r]));
    expect(rows.processed).toEqual({ key: 'processed', label: 'Records Processed', value: '1' });
    expect(rows.profileData__Name).toEqual({ key: 'profileData__Name', value: 'Ada Lovelace' });
    expect(result.step.handedOver).toMatchObject({ identity: 'ada@example.com', name: 'Ada Lovelace' });
    const side = result.cleverTap;
    expect(side.requests).toHaveLength(1);
    expect(side.requests[0]).toMatchObject({ method: 'POST', path: '/eu1/1/upload', status: 200 });
    expect(JSON.stringify(side.requests[0]!.body)).toContain('Ada Lovelace');
    expect(side.users).toEqual(['ada@example.com']);
    expect(side.profiles).toHaveLength(1);
    expect(side.profiles[0]!.profileData).toMatchObject({ Name: 'Ada Lovelace', 'Lifecycle Stage': 'lead' });
  });

  it("then Upload Event from the HubSpot deal lands on the same user, with the profile's other events", async () => {
    const result = await postJson('/api/actions/create/upload_event/test', {
      authData,
      form: fill('upload_event'),
      timezone: 'UTC',
    });
    expect(result.step.outcome).toBe('output');
    const row = result.step.rows.find((r) => r.key === 'evtData__Amount');
    expect(row?.value).toBe('1200.5');
    expect(result.cleverTap.events.map((e) => e.evtName)).toEqual(['Deal Created']);
    expect(result.cleverTap.profiles[0]!.profileData.Name).toBe('Ada Lovelace');
  });

  it("refuses an unreadable Creation Date with the app's own message, naming the field, and sends nothing", async () => {
    const result = await postJson('/api/actions/create/upload_event/test', {
      authData,
      form: { ...fill('upload_event'), ts: 'garbage' },
      timezone: 'Europe/Paris',
    });
    expect(result.step.outcome).toBe('error');
    expect(result.step.error.shown).toMatch(/^Creation Date/);
    expect(result.step.error.shown.length).toBeLessThanOrEqual(250);
    expect(result.cleverTap.requests).toEqual([]);
    expect(result.timezone).toBe('Europe/Paris');
  });

  it('runs a search and reads the profile back', async () => {
    const result = await postJson('/api/actions/search/find_profile/test', {
      authData,
      form: fill('find_profile'),
    });
    expect(result.step.outcome).toBe('output');
    expect(result.step.rows.find((r) => r.key === 'Name')?.value).toBe('Ada Lovelace');
    expect(result.cleverTap.requests[0]!.method).toBe('GET');
  });

  it('says the search found nothing for an unknown user', async () => {
    const result = await postJson('/api/actions/search/find_profile/test', {
      authData,
      form: { identity: 'nobody@example.com' },
    });
    expect(result.step.outcome).toBe('noResult');
  });

  it('does not run a step whose required field is empty, as the Zap editor does', async () => {
    const result = await postJson('/api/actions/create/upload_event/test', {
      authData,
      form: { identity: 'ada@example.com', evtName: '' },
    });
    expect(result.step).toMatchObject({ outcome: 'missing', missing: ['Event Name'] });
    expect(result.cleverTap.requests).toEqual([]);
  });

  it("answers with CleverTap's chosen failure once, then removes it", async () => {
    const form = { ...fill('upsert_profile'), identity: 'fault@example.com', email: 'fault@example.com' };
    const failed = await postJson('/api/actions/create/upsert_profile/test', {
      authData,
      form,
      nextAnswer: 'unavailable',
    });
    expect(failed.step.outcome).toBe('error');
    expect(failed.step.error.shown).toMatch(/HTTP 503/);
    expect(failed.cleverTap.requests[0]).toMatchObject({ status: 503, faults: ['status'] });
    const faults = (await (await fetch(`${sandbox.url()}/__sandbox/faults`)).json()) as { faults: unknown[] };
    expect(faults.faults).toEqual([]);
    const again = await postJson('/api/actions/create/upsert_profile/test', { authData, form });
    expect(again.step.outcome).toBe('output');
  });

  it('is refused for an action the app does not have', async () => {
    expect((await post('/api/actions/create/nope/test', { authData })).status).toBe(404);
    expect((await post('/api/actions/trigger/upsert_profile/test', { authData })).status).toBe(404);
  });
});

describe("the account's dropdowns and the Event Name guard", () => {
  type Dropdown = { outcome: string; choices: Array<{ value: string; label: string }>; requests?: number };
  const dynamicOf = (action: string, key: string) => {
    const field = (App as unknown as PreviewApp).creates?.[action]?.operation.inputFields?.find(
      (f) => (f as { key?: string }).key === key,
    ) as { dynamic?: string } | undefined;
    if (!field?.dynamic) throw new Error(`${action}.${key} is not a dynamic dropdown`);
    return field.dynamic;
  };

  it("fills Event Name from the seeded account (no system events), then from Zapier's cache", async () => {
    const dynamic = dynamicOf('upload_event', 'evtName');
    const first = await postJson<Dropdown>('/api/dropdown', { authData, dynamic });
    expect(first.outcome).toBe('choices');
    const names = first.choices.map((c) => c.value);
    expect(names).toEqual(expect.arrayContaining(['Deal Won', 'Deal Created', 'Form Submitted']));
    expect(names).not.toContain('App Launched');
    expect(first.requests).toBe(1);
    const again = await postJson<Dropdown>('/api/dropdown', { authData, dynamic });
    expect(again.choices).toEqual(first.choices);
    expect(again.requests).toBe(0);
  });

  it("fills Update Profile Property's Property Name from the seeded profile properties", async () => {
    const result = await postJson<Dropdown>('/api/dropdown', {
      authData,
      dynamic: dynamicOf('update_profile_property', 'property'),
    });
    expect(result.choices.map((c) => c.value)).toEqual(expect.arrayContaining(['Plan', 'Loyalty Points']));
  });

  it('says why a dropdown cannot load, as the Zap user reads it, without the passcode', async () => {
    const wrong = { ...authData, accountId: 'OTHER-ACCOUNT' };
    const { text } = await post('/api/dropdown', {
      authData: wrong,
      dynamic: dynamicOf('upload_event', 'evtName'),
    });
    expect(text).not.toContain(sandbox.account.passcode);
    const result = JSON.parse(text) as { outcome: string; error: { shown: string } };
    expect(result.outcome).toBe('error');
    expect(result.error.shown.length).toBeLessThanOrEqual(250);
  });

  it('with the guard on, stops "Deal Wonn" naming Event Name and "Deal Won", and sends nothing', async () => {
    const result = await postJson('/api/actions/create/upload_event/test', {
      authData,
      form: { ...fill('upload_event'), evtName: 'Deal Wonn', ifNewEvent: 'stop' },
    });
    expect(result.step.outcome).toBe('error');
    expect(result.step.error.shown).toMatch(/Event Name/);
    expect(result.step.error.shown).toContain('Deal Won');
    expect(result.cleverTap.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('with the guard on, sends an event the account has, in other casing', async () => {
    const result = await postJson('/api/actions/create/upload_event/test', {
      authData,
      form: { ...fill('upload_event'), evtName: 'deal won', ifNewEvent: 'stop' },
    });
    expect(result.step.outcome).toBe('output');
    expect(result.cleverTap.requests.map((r) => r.path)).toEqual(['/eu1/1/upload']);
  });
});

describe('a stopped test server', () => {
  it("shows the app's connection error and says the server is stopped; it starts again, empty", async () => {
    expect(await postJson<SandboxAnswer>('/api/sandbox/stop', {})).toMatchObject({
      sandbox: { running: false },
    });
    const result = await postJson('/api/actions/create/upsert_profile/test', {
      authData,
      form: fill('upsert_profile'),
    });
    expect(result.step.outcome).toBe('error');
    expect(result.step.error.shown).toMatch(/ECONNREFUSED/);
    expect(result.cleverTap).toMatchObject({ running: false, problem: expect.stringMatching(/stopped/) });
    expect((await post('/api/sandbox/reset', {})).status).toBe(409);

    expect(await postJson<SandboxAnswer>('/api/sandbox/start', {})).toMatchObject({
      sandbox: { running: true },
    });
    // The account is new again: Event Name's choices are read from it, not from what Zapier's cache kept.
    const evtName = (App as unknown as PreviewApp).creates?.upload_event?.operation.inputFields?.find(
      (f) => (f as { key?: string }).key === 'evtName',
    ) as { dynamic: string };
    const choices = await postJson<{ requests: number }>('/api/dropdown', {
      authData,
      dynamic: evtName.dynamic,
    });
    expect(choices.requests).toBe(1);
    const found = await postJson('/api/actions/search/find_profile/test', {
      authData,
      form: fill('find_profile'),
    });
    expect(found.step.outcome).toBe('noResult');
  });
});
