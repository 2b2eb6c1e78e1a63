// GET (and POST) /<region>/getSchema?type=events|userProperties: system events, seeded names and what is stored.
import { Sandbox, startSandbox } from '../../sandbox';
import { SYSTEM_EVENTS } from '../../sandbox/contract';
import { credentials, event, profile, upload } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ schemaEvents: ['Deal Won', 'deal won'], schemaProfileProperties: ['Plan'] });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

async function getSchema(type: string, init: RequestInit & { region?: string } = {}) {
  const response = await fetch(`${sandbox.url}/${init.region ?? 'eu1'}/getSchema?type=${type}`, {
    method: 'GET',
    headers: credentials(),
    ...init,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: JSON.parse(text) as Record<string, unknown>,
    type: response.headers.get('content-type'),
  };
}

const names = (body: Record<string, unknown>, key: string) =>
  (body[key] as { name: string }[]).map((e) => e.name);

describe('getSchema', () => {
  it('lists system events, the seeded events and the stored ones, each once', async () => {
    await upload(sandbox, [
      event('u1', 'Form Submitted'),
      event('u2', 'DEAL WON'),
      event('u1', 'Form Submitted'),
    ]);
    const reply = await getSchema('events');
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe('success');
    expect(names(reply.body, 'events')).toEqual([...SYSTEM_EVENTS, 'Deal Won', 'Form Submitted']);
  });

  it('lists the seeded and the stored profile properties', async () => {
    await upload(sandbox, [profile('u1', { Name: 'Ada', 'Loyalty Points': 3, plan: 'x' })]);
    const reply = await getSchema('userProperties');
    expect(names(reply.body, 'userProperties')).toEqual(['Plan', 'Name', 'Loyalty Points']);
  });

  it('answers a POST the same way (CleverTap shows POST in its sample)', async () => {
    const reply = await getSchema('userProperties', { method: 'POST' });
    expect(reply.body).toEqual({ status: 'success', userProperties: [{ name: 'Plan' }] });
    expect(sandbox.schemaReads().map((r) => [r.method, r.query.type, r.status])).toEqual([
      ['POST', 'userProperties', 200],
    ]);
  });

  it('refuses another method, another type, wrong credentials and the wrong region', async () => {
    expect((await getSchema('events', { method: 'DELETE' })).status).toBe(405);
    const badType = await getSchema('campaigns');
    expect(badType).toMatchObject({ status: 400, body: { status: 'fail', code: 400 } });
    const wrong = await getSchema('events', {
      headers: credentials({ id: 'TEST-ACCOUNT', passcode: 'nope' }),
    });
    expect(wrong).toMatchObject({ status: 401, body: { status: 'fail', code: 401 } });
    expect((await getSchema('events', { region: 'in1' })).status).toBe(401);
  });

  it('takes the faults aimed at any route', async () => {
    sandbox.faults.failNext(503);
    expect(await getSchema('events')).toMatchObject({ status: 503, body: { status: 'fail', code: 503 } });
    sandbox.faults.nonJsonNext(1);
    const html = await fetch(`${sandbox.url}/eu1/getSchema?type=events`, { headers: credentials() });
    expect(await html.text()).toMatch(/^<html>/);
    expect((await getSchema('events')).status).toBe(200);
  });

  it('takes seeds changed while running', async () => {
    sandbox.configure({ schemaEvents: ['Renewed'] });
    expect(names((await getSchema('events')).body, 'events')).toContain('Renewed');
  });
});
