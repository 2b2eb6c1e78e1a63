/**
 * End-to-end: the three actions that make CleverTap act (Trigger Campaign, Update Subscription Status, Delete User
 * Profile) through core's tester with Zapier's boundary around each step (test/boundary.ts), over real HTTP to the
 * local CleverTap-compatible sandbox (sandbox/). No nock interceptors: test/setup.ts only lets loopback connections
 * through.
 *
 * Covered: the HubSpot mappings the README gives (Deal stage changed to Closed Won -> Trigger Campaign; Contact
 * unsubscribed -> Update Subscription Status; Contact deleted or a GDPR request -> Delete User Profile) with their
 * effects as the sandbox shows them (the inbox, the stored statuses, the profile gone from lookups); CleverTap's
 * refusals in its own shapes; invalid input that reaches no server; the sandbox's faults mapped to the error the user
 * sees, with exactly one request each (a campaign message is never sent twice by the app); and the 3-in-flight limit
 * of these endpoints. After each error we also check what was (not) done, so an error never hides a sent message and a
 * success never hides one not sent.
 */
import { perform as triggerCampaign } from '../../src/creates/trigger_campaign';
import { perform as updateSubscriptionStatus } from '../../src/creates/update_subscription_status';
import { perform as deleteProfile } from '../../src/creates/delete_profile';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as findProfile } from '../../src/searches/find_profile';
import { authDataOf, useSandbox } from './harness';
import contact from '../fixtures/hubspot-new-contact.json';
import deal from '../fixtures/hubspot-new-deal.json';
import { failureOf, messageOf } from '../helpers';
import { boundaryTester } from '../boundary';

const appTester = boundaryTester;

const ACCOUNT = { id: 'E2E-ACTS', passcode: 'e2e-acts-passcode-SECRET-51c3', region: 'eu1' as const };
const authData = authDataOf(ACCOUNT);

const sandbox = useSandbox({ accounts: [ACCOUNT] });

/** The External Trigger campaign the marketer built in CleverTap ("Onboarding after a won deal"). */
const CAMPAIGN = '1695721550';
/** The deal's contact: the user the message is for. */
const CONTACT_ID = deal.associations.contacts[0];

type Input = Record<string, unknown>;
const trigger = (inputData: Input, auth: Record<string, string> = authData) =>
  appTester(triggerCampaign, { authData: auth, inputData });
const subscription = (inputData: Input, auth: Record<string, string> = authData) =>
  appTester(updateSubscriptionStatus, { authData: auth, inputData });
const remove = (inputData: Input, auth: Record<string, string> = authData) =>
  appTester(deleteProfile, { authData: auth, inputData });
const find = (inputData: Input) => appTester(findProfile, { authData, inputData });

/** The app's own part of a message, as Zapier shows it: core's "What happened:" context comes after it. */
const shownPart = (error: unknown) => messageOf(error).split('\nWhat happened:')[0] ?? '';

/** The HubSpot contact stored in CleverTap as the profile upload maps it (Identity = the Record ID). */
async function storeContact(): Promise<string> {
  await appTester(upsertProfile, {
    authData,
    inputData: {
      identity: contact.id,
      name: `${contact.properties.firstname} ${contact.properties.lastname}`,
      email: contact.properties.email,
      phone: contact.properties.phone,
    },
  });
  const stored = sandbox().store.profile('identity', contact.id);
  if (!stored) throw new Error('the contact was not stored');
  return stored.objectId;
}

/** A HubSpot "Deal stage changed" (to Closed Won) as a user maps it into Trigger Campaign. */
const closedWonInput = {
  campaignId: CAMPAIGN,
  identity: CONTACT_ID,
  personalization: {
    'Deal Name': deal.properties.dealname,
    Amount: deal.properties.amount,
    'Deal ID': deal.id,
    'Close Date': deal.properties.closedate,
  },
};

describe('Deal stage changed to Closed Won -> Trigger Campaign', () => {
  it("queues the campaign's message for the deal's contact, with the deal's values as text", async () => {
    const objectId = await storeContact();
    const output = await trigger(closedWonInput);

    const personalization = {
      'Deal Name': 'Acme renewal',
      Amount: '1200.50', // text, as given: not 1200.5
      'Deal ID': '9001',
      'Close Date': '2024-06-01T00:00:00.000Z',
    };
    expect(output).toEqual({
      status: 'queued',
      campaignId: CAMPAIGN,
      identity: CONTACT_ID,
      personalization,
      cleverTapSaid: 'success',
      note: expect.stringMatching(/queued.*not confirmed/i),
    });
    expect(sandbox().store.inbox()).toEqual([
      {
        campaignId: CAMPAIGN,
        to: { identity: [CONTACT_ID] },
        personalization,
        matchedObjectIds: [objectId],
        at: expect.any(String),
      },
    ]);
    const [sent] = sandbox().acts('trigger');
    expect(sent).toMatchObject({
      region: 'eu1',
      accountId: ACCOUNT.id,
      contentType: 'application/json; charset=utf-8',
      status: 200,
      answer: { status: 'success' },
      body: { to: { identity: [CONTACT_ID] }, campaign_id: CAMPAIGN, ExternalTrigger: personalization },
    });
    // Only the trigger: nothing else was asked of CleverTap by this step.
    expect(sandbox().acts()).toHaveLength(1);
  });

  it('every personalization value is sent as the text given: no typing, no trimming, no template reading', async () => {
    const odd = {
      Amount: '1,200.50',
      Code: '007',
      Flag: 'true',
      Nothing: 'null',
      Padded: '  spaced  ',
      Template: 'Dear {{bundle.inputData.name}}, {{ x }}',
      Accents: 'Crème brûlée 😀',
    };
    await trigger({ campaignId: CAMPAIGN, email: contact.properties.email, personalization: odd });
    expect(sandbox().store.inbox()).toEqual([
      expect.objectContaining({ to: { email: ['ada@example.com'] }, personalization: odd }),
    ]);
    expect(Object.values(sandbox().store.inbox()[0]?.personalization ?? {}).map((v) => typeof v)).toEqual(
      Object.values(odd).map(() => 'string'),
    );
  });

  it('a placeholder named like a member of every object (__proto__, constructor) is sent like any other', async () => {
    const personalization = Object.fromEntries([
      ['__proto__', 'Proto value'],
      ['constructor', 'Constructor value'],
      ['Deal Name', 'Acme renewal'],
    ]) as Record<string, string>;
    const output = (await trigger({ campaignId: CAMPAIGN, identity: CONTACT_ID, personalization })) as {
      personalization: unknown;
    };
    expect(
      sandbox().acts('trigger')[0]?.rawBody ?? JSON.stringify(sandbox().acts('trigger')[0]?.body),
    ).toContain('"__proto__":"Proto value"');
    expect(Object.entries(sandbox().store.inbox()[0]?.personalization ?? {})).toEqual(
      Object.entries(personalization),
    );
    expect(Object.entries(output.personalization as object)).toEqual(Object.entries(personalization));
  });

  it('by Email or by Object ID; without personalization the campaign gets no values', async () => {
    const objectId = await storeContact();
    await expect(trigger({ campaignId: CAMPAIGN, email: contact.properties.email })).resolves.toMatchObject({
      status: 'queued',
      email: 'ada@example.com',
    });
    await expect(trigger({ campaignId: CAMPAIGN, objectId })).resolves.toMatchObject({
      status: 'queued',
      objectId,
    });
    expect(sandbox().store.inbox()).toEqual([
      expect.objectContaining({
        to: { email: ['ada@example.com'] },
        personalization: {},
        matchedObjectIds: [objectId],
      }),
      expect.objectContaining({
        to: { objectId: [objectId] },
        personalization: {},
        matchedObjectIds: [objectId],
      }),
    ]);
    expect(
      sandbox()
        .acts('trigger')
        .map((a) => a.body),
    ).toEqual([
      { to: { email: ['ada@example.com'] }, campaign_id: CAMPAIGN },
      { to: { objectId: [objectId] }, campaign_id: CAMPAIGN },
    ]);
  });

  it('a Zap run twice sends the message twice (no idempotency key exists): each run is one request', async () => {
    await trigger(closedWonInput);
    await trigger(closedWonInput);
    expect(sandbox().store.inbox()).toHaveLength(2);
    expect(sandbox().acts('trigger')).toHaveLength(2);
  });
});

describe('Contact unsubscribed -> Update Subscription Status', () => {
  /** A HubSpot contact whose "Unsubscribed from all email" changed, mapped with its email and phone. */
  const unsubscribed = {
    status: 'Unsubscribe',
    email: contact.properties.email,
    phone: contact.properties.phone,
  };

  it('stores the status for both the email address and the phone number, in one request', async () => {
    const output = await subscription(unsubscribed);
    expect(output).toEqual({
      status: 'success',
      subscriptionStatus: 'Unsubscribe',
      email: 'ada@example.com',
      phone: '+14155550123',
      updated: 2,
    });
    expect(sandbox().store.subscriptions()).toEqual([
      { type: 'email', value: 'ada@example.com', status: 'Unsubscribe', updatedAt: expect.any(String) },
      { type: 'phone', value: '+14155550123', status: 'Unsubscribe', updatedAt: expect.any(String) },
    ]);
    expect(sandbox().acts('subscribe')).toMatchObject([
      {
        accountId: ACCOUNT.id,
        contentType: 'application/json; charset=utf-8',
        status: 200,
        body: {
          d: [
            { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' },
            { type: 'phone', value: '+14155550123', status: 'Unsubscribe' },
          ],
        },
      },
    ]);
  });

  it('Resubscribe flips both addresses back; the status applies to the address, not to a profile', async () => {
    await subscription(unsubscribed);
    const output = await subscription({ ...unsubscribed, status: 'Resubscribe' });
    expect(output).toMatchObject({ status: 'success', subscriptionStatus: 'Resubscribe', updated: 2 });
    expect(sandbox().store.subscription('email', 'ada@example.com')?.status).toBe('Resubscribe');
    expect(sandbox().store.subscription('phone', '+14155550123')?.status).toBe('Resubscribe');
    expect(sandbox().store.subscriptions()).toHaveLength(2);
    // No profile was made or changed by it.
    expect(sandbox().store.profiles()).toEqual([]);
  });

  it('one address at a time: the email alone, then a phone written without its country code', async () => {
    await expect(subscription({ status: 'Unsubscribe', email: 'ada@example.com' })).resolves.toEqual({
      status: 'success',
      subscriptionStatus: 'Unsubscribe',
      email: 'ada@example.com',
      updated: 1,
    });
    await expect(
      subscription({ status: 'Unsubscribe', phone: '(415) 555-0199', defaultPhoneCountry: 'US' }),
    ).resolves.toEqual({
      status: 'success',
      subscriptionStatus: 'Unsubscribe',
      phone: '+14155550199',
      updated: 1,
    });
    expect(
      sandbox()
        .store.subscriptions()
        .map((s) => [s.type, s.value, s.status]),
    ).toEqual([
      ['email', 'ada@example.com', 'Unsubscribe'],
      ['phone', '+14155550199', 'Unsubscribe'],
    ]);
  });

  it('a status typed in another casing is the same status', async () => {
    await subscription({ status: 'unsubscribe', email: 'ada@example.com' });
    await subscription({ status: ' RESUBSCRIBE ', email: 'ada@example.com' });
    expect(
      sandbox()
        .acts('subscribe')
        .map((a) => (a.body as { d: { status: string }[] }).d[0]?.status),
    ).toEqual(['Unsubscribe', 'Resubscribe']);
    expect(sandbox().store.subscription('email', 'ada@example.com')?.status).toBe('Resubscribe');
  });

  it('a record CleverTap does not process (its per-record code 555): an error naming the address, nothing stored', async () => {
    sandbox().faults.recordErrorNext(1, 555, 'subscribe');
    const error = await failureOf(subscription(unsubscribed));
    expect(error.name).toBe('AppError');
    expect(shownPart(error)).toMatch(/^CleverTap did not update every subscription status, /);
    expect(shownPart(error)).toContain('email ada@example.com');
    expect(shownPart(error)).toContain('phone +14155550123');
    expect(shownPart(error)).toMatch(/replaying this step is safe\.$/);
    expect(sandbox().acts('subscribe')).toMatchObject([{ status: 200, answer: { status: 'fail' } }]);
    expect(sandbox().store.subscriptions()).toEqual([]);
  });
});

describe('Contact deleted / GDPR request -> Delete User Profile', () => {
  it('deletes the profile and its events: Find User Profile finds nothing after, by any key', async () => {
    const objectId = await storeContact();
    await appTester(uploadEvent, {
      authData,
      inputData: { identity: CONTACT_ID, evtName: 'Deal Won', eventProperties: { 'Deal ID': deal.id } },
    });
    expect(sandbox().store.events()).toHaveLength(1);
    await expect(find({ identity: contact.id })).resolves.toHaveLength(1);

    const output = await remove({ identity: contact.id });
    expect(output).toEqual({
      status: 'deletion_requested',
      identity: contact.id,
      note: expect.stringMatching(/in the background \(about 48 hours\).*creates a new profile/),
    });
    expect(sandbox().acts('delete')).toMatchObject([
      { status: 200, answer: { status: 'success' }, body: { identity: [contact.id] } },
    ]);
    expect(sandbox().store.profile('identity', contact.id)).toBeUndefined();
    expect(sandbox().store.events()).toEqual([]);
    await expect(find({ identity: contact.id })).resolves.toEqual([]);
    await expect(find({ email: contact.properties.email })).resolves.toEqual([]);
    await expect(find({ objectId })).resolves.toEqual([]);
  });

  it.each([
    ['a web UUID', 'a8ffcbc9-a747-4ee3-a791-c5e58ad03097'],
    ['an Android "__g" id', '__g2ce3cca260664f70b82b1c6bb505f462'],
    ['an iOS "-" id', '-1a063854f83a4c6484285039ecff87cb'],
    ['32 hex characters', '25b08803c1af4e00839f530264dac6f8'],
  ])('by Object ID, %s: sent as guid; the profile and its events are gone', async (_shape, objectId) => {
    await appTester(uploadEvent, { authData, inputData: { objectId, evtName: 'App Opened' } });
    await appTester(upsertProfile, { authData, inputData: { objectId, name: 'Anonymous visitor' } });
    expect(sandbox().store.profile('objectId', objectId)).toBeDefined();
    await expect(find({ objectId })).resolves.toHaveLength(1);

    await expect(remove({ objectId })).resolves.toMatchObject({ status: 'deletion_requested', objectId });
    expect(
      sandbox()
        .acts('delete')
        .map((a) => a.body),
    ).toEqual([{ guid: [objectId] }]);
    expect(sandbox().store.profile('objectId', objectId)).toBeUndefined();
    expect(sandbox().store.events()).toEqual([]);
    await expect(find({ objectId })).resolves.toEqual([]);
  });

  it('deleting someone CleverTap does not have is a success; replaying a deletion is harmless', async () => {
    await storeContact();
    await remove({ identity: 'nobody-404' });
    await remove({ identity: contact.id });
    await remove({ identity: contact.id });
    expect(
      sandbox()
        .acts('delete')
        .map((a) => a.status),
    ).toEqual([200, 200, 200]);
    expect(sandbox().store.profiles()).toEqual([]);
  });

  it('a later upload with the same Identity makes a new profile, as the step says', async () => {
    const before = await storeContact();
    await remove({ identity: contact.id });
    const after = await storeContact();
    expect(after).not.toBe(before);
    expect(sandbox().store.profiles()).toHaveLength(1);
  });
});

describe("CleverTap's refusals, in its own shapes", () => {
  it("an id that is not one of the account's External Trigger campaigns: an error, nothing in the inbox", async () => {
    sandbox().configure({ campaigns: [CAMPAIGN] });
    const error = await failureOf(trigger({ ...closedWonInput, campaignId: '999' }));
    expect(error.name).toBe('AppError');
    expect(shownPart(error)).toMatch(
      /^CleverTap rejected the request as invalid: Campaign 999 is not an External/,
    );
    expect(sandbox().acts('trigger')).toMatchObject([{ status: 400, answer: { status: 'fail', code: 9 } }]);
    expect(sandbox().store.inbox()).toEqual([]);
    // The account's campaign goes through.
    await expect(trigger(closedWonInput)).resolves.toMatchObject({ status: 'queued', campaignId: CAMPAIGN });
    expect(sandbox().store.inbox()).toHaveLength(1);
  });

  it('an Object ID of no shape CleverTap has (an email put there): refused, nothing in the inbox', async () => {
    const error = await failureOf(trigger({ campaignId: CAMPAIGN, objectId: 'ada@example.com' }));
    expect(error.name).toBe('AppError');
    expect(shownPart(error)).toMatch(/^CleverTap rejected the request as invalid: "to.objectId" must be/);
    expect(sandbox().store.inbox()).toEqual([]);
  });

  it.each([
    ['trigger', (auth: Record<string, string>) => trigger(closedWonInput, auth)],
    [
      'subscribe',
      (auth: Record<string, string>) =>
        subscription({ status: 'Unsubscribe', email: 'ada@example.com' }, auth),
    ],
    ['delete', (auth: Record<string, string>) => remove({ identity: contact.id }, auth)],
  ] as const)(
    '%s: a wrong passcode is ExpiredAuthError naming the region; nothing done',
    async (route, run) => {
      const error = await failureOf(run({ ...authData, passcode: 'wrong' }));
      expect(error.name).toBe('ExpiredAuthError');
      expect(shownPart(error)).toMatch(
        /^Wrong Account ID or Passcode: CleverTap refused them in Europe \(eu1\) and in every other region\./,
      );
      expect(shownPart(error).length).toBeLessThanOrEqual(250);
      expect(sandbox().acts()).toMatchObject([{ route, status: 401 }]);
      expect(sandbox().store.inbox()).toEqual([]);
      expect(sandbox().store.subscriptions()).toEqual([]);
    },
  );
});

describe('invalid input reaches no server', () => {
  it.each([
    [
      'a Campaign ID with letters',
      () => trigger({ ...closedWonInput, campaignId: 'onboarding-1' }),
      /^Campaign ID: /,
    ],
    ['no Campaign ID', () => trigger({ ...closedWonInput, campaignId: '' }), /^Campaign ID: /],
    [
      'two users at once',
      () => trigger({ ...closedWonInput, email: 'ada@example.com' }),
      /^Identity \/ Email: /,
    ],
    ['no user', () => trigger({ ...closedWonInput, identity: '' }), /^Identity \/ Email \/ Object ID: /],
    ['an email with a typo', () => trigger({ campaignId: CAMPAIGN, email: 'ada@@example.com' }), /^Email: /],
    ['an email without a domain', () => trigger({ campaignId: CAMPAIGN, email: 'ada@example' }), /^Email: /],
    [
      'a value with no placeholder name',
      () => trigger({ ...closedWonInput, personalization: { ' ': 'Acme renewal' } }),
      /^Personalization: /,
    ],
    [
      'a status CleverTap does not take',
      () => subscription({ status: 'Opted out', email: 'ada@example.com' }),
      /^Status: /,
    ],
    [
      'an email with a typo (subscription)',
      () => subscription({ status: 'Unsubscribe', email: 'ada@@example' }),
      /^Email: /,
    ],
    ['an impossible phone', () => subscription({ status: 'Unsubscribe', phone: '+1 555' }), /^Phone: /],
    [
      'a phone without a country',
      () => subscription({ status: 'Unsubscribe', phone: '415 555 0123' }),
      /^Phone: /,
    ],
    [
      'a bad Default Phone Country',
      () => subscription({ status: 'Unsubscribe', phone: '415 555 0123', defaultPhoneCountry: 'USA' }),
      /^Default Phone Country: /,
    ],
    [
      'a good email beside a bad phone: neither is sent',
      () => subscription({ status: 'Unsubscribe', email: 'ada@example.com', phone: 'call me' }),
      /^Phone: /,
    ],
    ['neither email nor phone', () => subscription({ status: 'Unsubscribe' }), /^Email \/ Phone: /],
    [
      'both Identity and Object ID',
      () => remove({ identity: '51', objectId: '__g123' }),
      /^Identity \/ Object ID: /,
    ],
    ['neither Identity nor Object ID', () => remove({}), /^Identity \/ Object ID: /],
    ['an Object ID with a space', () => remove({ objectId: '__g 123' }), /^Object ID: /],
  ])('%s', async (_name, run, message) => {
    const error = await failureOf(run());
    expect(error.name).toBe('AppError');
    expect(shownPart(error)).toMatch(message);
    expect(sandbox().acts()).toEqual([]);
    expect(sandbox().store.inbox()).toEqual([]);
    expect(sandbox().store.subscriptions()).toEqual([]);
  });
});

/** Each new action, with what its faults must say and what the sandbox shows when it did nothing. */
const STEPS = [
  {
    route: 'trigger' as const,
    run: () => trigger(closedWonInput),
    nothingDone: () => expect(sandbox().store.inbox()).toEqual([]),
    // A lost answer: the message may have gone out, and a replay would send it again.
    lost: /^The connection to CleverTap failed \(.+\)\. The message may or may not have been sent: check CleverTap before replaying this step, because a replay sends the message again\.$/,
    unknown:
      /^CleverTap answered with something other than a result \(HTTP 200\), so it is not known whether the campaign message was sent; check the campaign's report in CleverTap before replaying this step: a replay sends it again\.$/,
  },
  {
    route: 'subscribe' as const,
    run: () => subscription({ status: 'Unsubscribe', email: 'ada@example.com', phone: '+14155550123' }),
    nothingDone: () => expect(sandbox().store.subscriptions()).toEqual([]),
    lost: /^The connection to CleverTap failed \(.+\)\. Nothing is known to be saved; it is safe to replay this step\.$/,
    unknown:
      /^CleverTap answered with something other than a result \(HTTP 200\), so it is not known whether the subscription status was updated; replaying this step is safe\.$/,
  },
  {
    route: 'delete' as const,
    run: async () => {
      await storeContact();
      return remove({ identity: contact.id });
    },
    nothingDone: () => expect(sandbox().store.profile('identity', contact.id)).toBeDefined(),
    lost: /^The connection to CleverTap failed \(.+\)\. Nothing is known to be saved; it is safe to replay this step\.$/,
    unknown:
      /^CleverTap answered with something other than a result \(HTTP 200\), so it is not known whether CleverTap will delete the profile; replaying this step is safe\.$/,
  },
];

describe.each(STEPS.map((s) => [s.route, s] as const))(
  'faults on %s, mapped to Zapier errors',
  (route, step) => {
    it('HTTP 503: AppError "unavailable", one request, nothing done', async () => {
      sandbox().faults.failNext(503, 1, { on: route });
      const error = await failureOf(step.run());
      expect(error.name).toBe('AppError');
      expect(shownPart(error)).toBe(
        'CleverTap is unavailable right now (HTTP 503). Try again in a few minutes.',
      );
      expect(sandbox().acts(route)).toMatchObject([{ status: 503, faults: ['status'] }]);
      step.nothingDone();
    });

    it('HTTP 502 with an HTML page: AppError "unavailable"', async () => {
      sandbox().faults.failNext(502, 1, { on: 'act' });
      const error = await failureOf(step.run());
      expect(shownPart(error)).toBe(
        'CleverTap is unavailable right now (HTTP 502). Try again in a few minutes.',
      );
      expect(typeof sandbox().acts(route)[0]?.answer).toBe('string');
      step.nothingDone();
    });

    it('HTTP 429: ThrottledError, so Zapier runs the step again later', async () => {
      sandbox().faults.failNext(429, 1, { on: route });
      const error = await failureOf(step.run());
      expect(error.name).toBe('ThrottledError');
      expect(JSON.parse(error.message)).toMatchObject({
        message: expect.stringContaining('(HTTP 429)'),
        delay: 60,
      });
      expect(sandbox().acts(route)).toHaveLength(1);
      step.nothingDone();
    });

    it('a dropped connection: AppError saying what a replay would do; never sent again', async () => {
      sandbox().faults.dropNext(1, route);
      const error = await failureOf(step.run());
      expect(error.name).toBe('AppError');
      expect(shownPart(error)).toMatch(step.lost);
      expect(sandbox().acts(route)).toMatchObject([{ status: 0, answer: null, faults: ['drop'] }]);
      step.nothingDone();
    });

    it('a 200 that is not JSON: AppError that does not claim success', async () => {
      sandbox().faults.nonJsonNext(1, undefined, route);
      const error = await failureOf(step.run());
      expect(error.name).toBe('AppError');
      expect(shownPart(error)).toMatch(step.unknown);
      expect(shownPart(error).length).toBeLessThanOrEqual(250);
      expect(sandbox().acts(route)).toMatchObject([{ status: 200, faults: ['nonJson'] }]);
      step.nothingDone();
    });

    it('a short delay is only slower: the step succeeds and it is done', async () => {
      sandbox().faults.delayNext(200, 1, route);
      await expect(step.run()).resolves.toEqual(expect.any(Object));
      expect(sandbox().acts(route)).toMatchObject([{ status: 200, faults: ['delay'] }]);
    });
  },
);

describe('3 requests in flight per account on Trigger Campaign', () => {
  const FIRED = 6;
  const LIMIT = 3;

  it(`${FIRED} triggers at once: each is in the inbox and reported queued, or throttled and absent`, async () => {
    expect(sandbox().settings().maxConcurrentActs).toBe(LIMIT);
    // Every trigger is held by the sandbox until 3 are held and the other 3 answered: then they are released. So the
    // first ones are still in flight when the others arrive, however fast the machine is.
    sandbox().faults.holdNext('always', 'trigger');
    const running = Promise.all(
      Array.from({ length: FIRED }, (_, i) => {
        const user = `closed-won-${i}`;
        return trigger({ campaignId: CAMPAIGN, identity: user, personalization: { N: String(i) } }).then(
          (output) => ({ user, i, output, error: undefined }),
          (error: Error) => ({ user, i, output: undefined, error }),
        );
      }),
    );
    await sandbox().when(
      () => sandbox().faults.held() === LIMIT && sandbox().acts('trigger').length === FIRED - LIMIT,
    );
    sandbox().faults.release();
    const outcomes = await running;

    const inbox = sandbox().store.inbox();
    for (const { user, i, output, error } of outcomes) {
      const messages = inbox.filter((m) => m.to.identity?.[0] === user);
      if (error) {
        expect({ user, name: error.name }).toEqual({ user, name: 'ThrottledError' });
        expect(JSON.parse(error.message)).toMatchObject({
          message: expect.stringContaining('(HTTP 429)'),
          delay: 60,
        });
        expect({ user, messages: messages.length }).toEqual({ user, messages: 0 });
      } else {
        expect(output).toMatchObject({ status: 'queued', campaignId: CAMPAIGN, identity: user });
        expect({ user, messages }).toEqual({
          user,
          messages: [expect.objectContaining({ campaignId: CAMPAIGN, personalization: { N: String(i) } })],
        });
      }
    }
    const queued = outcomes.filter((o) => !o.error);
    const throttled = outcomes.filter((o) => o.error);
    // Nothing else landed, and each step sent exactly one request: no retry of a trigger, ever.
    expect(inbox).toHaveLength(queued.length);
    const acts = sandbox().acts('trigger');
    expect(acts).toHaveLength(FIRED);
    expect(acts.filter((a) => a.status === 429)).toHaveLength(throttled.length);
    expect(acts.filter((a) => a.status === 200)).toHaveLength(queued.length);
    // The limit was really reached.
    expect(queued).toHaveLength(LIMIT);
    expect(throttled).toHaveLength(FIRED - LIMIT);
  }, 60_000);
});
