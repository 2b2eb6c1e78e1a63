// POST /<region>/1/send/externaltrigger.json: External Trigger campaigns land in the account's inbox.
import { Sandbox, startSandbox } from '../../sandbox';
import { act, admin, postRaw, profile, upload } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const CAMPAIGN = '1695721550';
const send = (body: unknown) => act(sandbox, 'trigger', body);
const refusal = (error: string | RegExp) => ({
  status: 'fail',
  error: typeof error === 'string' ? expect.stringContaining(error) : expect.stringMatching(error),
  code: 9,
});

test('queues the message: campaign id, to, personalization, time, and the profiles it found', async () => {
  await upload(sandbox, [profile('ada-1', { Name: 'Ada', Email: 'ada@example.com' })]);
  const ada = sandbox.store.profile('identity', 'ada-1')!.objectId;
  const reply = await send({
    to: { email: ['ada@example.com', 'nobody@example.com'] },
    campaign_id: CAMPAIGN,
    ExternalTrigger: { Name: 'Ada', Order: 'A-42' },
  });
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ status: 'success' });
  expect(sandbox.store.inbox()).toEqual([
    {
      campaignId: CAMPAIGN,
      to: { email: ['ada@example.com', 'nobody@example.com'] },
      personalization: { Name: 'Ada', Order: 'A-42' },
      matchedObjectIds: [ada],
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    },
  ]);
});

test('to identity or objectId; a numeric campaign_id is kept as its digits; no ExternalTrigger is {}', async () => {
  await upload(sandbox, [profile('u1', { Name: 'A' })]);
  const u1 = sandbox.store.profile('identity', 'u1')!.objectId;
  expect((await send({ to: { identity: ['u1', 'u1'] }, campaign_id: 42 })).body).toEqual({
    status: 'success',
  });
  expect(
    (await send({ to: { objectId: [u1, 'a8ffcbc9-a747-4ee3-a791-c5e58ad03097'] }, campaign_id: '7' })).status,
  ).toBe(200);
  expect(sandbox.store.inbox()).toEqual([
    expect.objectContaining({
      campaignId: '42',
      to: { identity: ['u1', 'u1'] },
      personalization: {},
      matchedObjectIds: [u1],
    }),
    expect.objectContaining({ campaignId: '7', matchedObjectIds: [u1] }),
  ]);
});

test('a replay sends the message again: two calls, two messages', async () => {
  const body = { to: { identity: ['u1'] }, campaign_id: CAMPAIGN };
  await send(body);
  await send(body);
  expect(sandbox.store.inbox()).toHaveLength(2);
});

describe('refuses with HTTP 400 and code 9, and queues nothing', () => {
  test.each([
    [
      'no to',
      { campaign_id: CAMPAIGN },
      '"to" must be an object with exactly one of identity, email, objectId',
    ],
    [
      'to with two keys',
      { to: { identity: ['u1'], email: ['a@b.co'] }, campaign_id: CAMPAIGN },
      'exactly one',
    ],
    ['to with an unknown key', { to: { phone: ['+4479111234'] }, campaign_id: CAMPAIGN }, 'exactly one'],
    ['to as a list', { to: ['u1'], campaign_id: CAMPAIGN }, 'exactly one'],
    [
      'an empty list',
      { to: { identity: [] }, campaign_id: CAMPAIGN },
      '"to.identity" must be a non-empty list',
    ],
    ['a string instead of a list', { to: { identity: 'u1' }, campaign_id: CAMPAIGN }, 'non-empty list'],
    ['a number in the list', { to: { identity: ['u1', 2] }, campaign_id: CAMPAIGN }, 'non-empty strings'],
    ['a blank identity', { to: { identity: [' '] }, campaign_id: CAMPAIGN }, 'non-empty strings'],
    ['a bad email', { to: { email: ['ada.example.com'] }, campaign_id: CAMPAIGN }, 'email addresses'],
    ['a bad objectId', { to: { objectId: ['abc 123'] }, campaign_id: CAMPAIGN }, 'CleverTap objectIds'],
    ['no campaign_id', { to: { identity: ['u1'] } }, '"campaign_id" must be'],
    ['a campaign_id of letters', { to: { identity: ['u1'] }, campaign_id: 'welcome' }, 'digits'],
    ['a negative campaign_id', { to: { identity: ['u1'] }, campaign_id: -5 }, 'digits'],
    ['a fractional campaign_id', { to: { identity: ['u1'] }, campaign_id: 1.5 }, 'digits'],
    [
      'ExternalTrigger as text',
      { to: { identity: ['u1'] }, campaign_id: CAMPAIGN, ExternalTrigger: 'x' },
      'object',
    ],
    [
      'a number in ExternalTrigger',
      { to: { identity: ['u1'] }, campaign_id: CAMPAIGN, ExternalTrigger: { Name: 'A', Total: 12 } },
      '"ExternalTrigger.Total" must be text',
    ],
    [
      'a nested value in ExternalTrigger',
      { to: { identity: ['u1'] }, campaign_id: CAMPAIGN, ExternalTrigger: { Items: [{ a: 'b' }] } },
      'only string values',
    ],
    ['a list as the body', [{ to: { identity: ['u1'] }, campaign_id: CAMPAIGN }], 'must be an object'],
  ])('%s', async (_name, body, error) => {
    const reply = await send(body);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual(refusal(error));
    expect(sandbox.store.inbox()).toEqual([]);
  });

  test('malformed JSON is the common 400 (code 400)', async () => {
    const reply = await postRaw(sandbox, 'send/externaltrigger.json', '{"to":');
    expect(reply.body).toEqual({ status: 'fail', error: 'Malformed JSON in the request body', code: 400 });
  });
});

describe('known campaigns', () => {
  test('with a campaigns list, an id not on it is refused; one on it is queued', async () => {
    sandbox.configure({ campaigns: [CAMPAIGN] });
    const unknown = await send({ to: { identity: ['u1'] }, campaign_id: '123' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual(refusal('Campaign 123 is not an External Trigger campaign of this account'));
    expect((await send({ to: { identity: ['u1'] }, campaign_id: Number(CAMPAIGN) })).body).toEqual({
      status: 'success',
    });
    expect(sandbox.store.inbox().map((m) => m.campaignId)).toEqual([CAMPAIGN]);
  });

  test('the campaigns option at start, and POST /__sandbox/config; reset() restores it', async () => {
    const other = await startSandbox({ campaigns: ['1'] });
    try {
      expect((await act(other, 'trigger', { to: { identity: ['u'] }, campaign_id: '2' })).status).toBe(400);
      other.reset();
      expect(other.settings().campaigns).toEqual(['1']);
    } finally {
      await other.close();
    }
    const changed = await admin(sandbox, 'POST', '/__sandbox/config', { campaigns: ['5'] });
    expect(changed.body.settings.campaigns).toEqual(['5']);
    expect((await send({ to: { identity: ['u1'] }, campaign_id: '6' })).status).toBe(400);
    expect((await admin(sandbox, 'POST', '/__sandbox/config', { campaigns: ['x'] })).status).toBe(400);
    await admin(sandbox, 'POST', '/__sandbox/config', { campaigns: null });
    expect((await send({ to: { identity: ['u1'] }, campaign_id: '6' })).status).toBe(200);
  });
});

test('GET /__sandbox/inbox lists every account; the snapshot and acts() have the calls', async () => {
  await send({ to: { identity: ['u1'] }, campaign_id: CAMPAIGN, ExternalTrigger: { Name: 'A' } });
  const reply = await admin(sandbox, 'GET', '/__sandbox/inbox');
  expect(reply.body).toEqual({
    inbox: [
      {
        accountId: 'TEST-ACCOUNT',
        campaignId: CAMPAIGN,
        to: { identity: ['u1'] },
        personalization: { Name: 'A' },
        matchedObjectIds: [],
        at: expect.any(String),
      },
    ],
  });
  expect(sandbox.store.snapshot().accounts['TEST-ACCOUNT']!.inbox).toEqual(sandbox.store.inbox());
  expect(sandbox.acts('trigger')).toEqual([expect.objectContaining({ route: 'trigger', status: 200 })]);
  const filtered = await admin(sandbox, 'GET', '/__sandbox/acts?route=trigger');
  expect(filtered.body.acts).toHaveLength(1);
  expect((await admin(sandbox, 'GET', '/__sandbox/acts?route=delete')).body.acts).toEqual([]);
  expect((await admin(sandbox, 'GET', '/__sandbox/acts?route=upload')).status).toBe(400);
});
