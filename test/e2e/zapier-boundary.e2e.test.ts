/**
 * End-to-end: what Zapier does to a step's input before the app sees it (issue 11), against the sandbox over real
 * HTTP. Every step runs through `boundaryTester` (test/boundary.ts): the input goes through Zapier's own coercion of
 * the declared field types, in a Zap whose time zone is Chicago, and through `cleanInputData` as the app sets it; an
 * error message longer than the 250 characters Zapier shows fails the test.
 *
 * Each case checks what the sandbox STORED (and what it received), not only the step's answer: the defects here were
 * wrong data stored behind a success (`$1,200.50` stored as 1, `garbage` as now, an empty subscription as an
 * unsubscribe), so a refusal must leave the store as it was and a success must store the user's own value.
 */
import { perform as recordPurchase } from '../../src/creates/record_purchase';
import { perform as updateProperty } from '../../src/creates/update_profile_property';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { authDataOf, useSandbox } from './harness';
import { failureOf, messageOf } from '../helpers';
import { boundaryTester, oneActionTester, ZAP_TIMEZONE } from '../boundary';

const appTester = boundaryTester;

const ACCOUNT = { id: 'E2E-BOUNDARY', passcode: 'e2e-boundary-passcode-SECRET', region: 'eu1' as const };
const authData = authDataOf(ACCOUNT);

const sandbox = useSandbox({ accounts: [ACCOUNT] });

const buy = (inputData: Record<string, unknown>) => appTester(recordPurchase, { authData, inputData });
const sendEvent = (inputData: Record<string, unknown>) => appTester(uploadEvent, { authData, inputData });
const saveProfile = (inputData: Record<string, unknown>) => appTester(upsertProfile, { authData, inputData });
const change = (inputData: Record<string, unknown>) => appTester(updateProperty, { authData, inputData });

/** A refusal the user sees whole: it starts with the field's label and fits in what Zapier shows. */
function expectRefusal(error: Error, label: RegExp) {
  expect(error.name).toBe('AppError');
  expect(messageOf(error)).toMatch(label);
  expect(messageOf(error).length).toBeLessThanOrEqual(250);
}

/** Nothing reached the sandbox and nothing is stored. */
function expectNothingSent() {
  expect(sandbox().received()).toEqual([]);
  expect(sandbox().store.events()).toEqual([]);
  expect(sandbox().store.profiles()).toEqual([]);
}

describe('Record Purchase: amounts are read by the app, never by Zapier', () => {
  const purchase = {
    identity: 'buyer-1',
    items: [{ productName: 'Annual Plan', quantity: '1', price: '1200.50' }],
  };

  // Zapier's `number` coercion kept only `0-9 . - ,` and called parseFloat: `$1,200.50` was sent as 1.
  it('Amount "$1,200.50" is refused naming Amount, and nothing is stored', async () => {
    const error = await failureOf(buy({ ...purchase, amount: '$1,200.50' }));
    expectRefusal(error, /^Amount: "\$1,200\.50" is not a plain number/);
    expectNothingSent();
  });

  it('Amount "1200.50" is stored as 1200.5', async () => {
    const output = await buy({ ...purchase, amount: '1200.50' });
    expect(output).toMatchObject({ status: 'success', processed: 1, evtName: 'Charged' });
    const events = sandbox().store.events();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      userKey: { name: 'identity', value: 'buyer-1' },
      evtName: 'Charged',
      evtData: { Amount: 1200.5, Items: [{ 'Product Name': 'Annual Plan', Quantity: 1, Price: 1200.5 }] },
    });
  });

  // `€1.299,00` was sent as 1.299.
  it('an item Price "€1.299,00" is refused naming the item and Price, and nothing is stored', async () => {
    const error = await failureOf(
      buy({ identity: 'buyer-1', amount: '1299', items: [{ productName: 'Laptop', price: '€1.299,00' }] }),
    );
    expectRefusal(error, /^Items, item 1, Price: "€1\.299,00" is not a plain number/);
    expectNothingSent();
  });
});

describe('Update Profile Property: an increment is read by the app', () => {
  // `2,5` was sent as 2.
  it('Amount "2,5" is refused naming Amount; the counter keeps its value', async () => {
    await change({ identity: 'ada-51', property: 'Loyalty Points', operation: 'increment', amount: '10' });
    const error = await failureOf(
      change({ identity: 'ada-51', property: 'Loyalty Points', operation: 'increment', amount: '2,5' }),
    );
    expectRefusal(error, /^Amount: "2,5" is not a plain number/);
    expect(sandbox().received()).toHaveLength(1); // only the first increment
    expect(sandbox().store.profile('identity', 'ada-51')?.profileData).toEqual({ 'Loyalty Points': 10 });
  });
});

describe('Upload Event: Creation Date is read by the app, never turned into "now"', () => {
  it('the Zap runs in Chicago time, where Zapier would read a time without an offset', () => {
    expect(ZAP_TIMEZONE).toBe('America/Chicago');
  });

  it.each(['garbage', '31/13/2024', 'TBD'])(
    'Creation Date "%s" is refused naming Creation Date, and nothing is stored',
    async (ts) => {
      const error = await failureOf(sendEvent({ evtName: 'Deal Created', identity: 'contact-1', ts }));
      expectRefusal(error, /^Creation Date: ".*" is not a date the app can read\./);
      expect(messageOf(error)).toContain(ts);
      expectNothingSent();
    },
  );

  it('Creation Date "2024-05-01 14:30:00" is stored as 14:30 UTC (1714573800), not 19:30 UTC', async () => {
    const output = await sendEvent({
      evtName: 'Deal Created',
      identity: 'contact-1',
      ts: '2024-05-01 14:30:00',
    });
    expect(output).toMatchObject({ status: 'success', ts: '2024-05-01T14:30:00Z' });
    expect(sandbox().received()[0]?.body).toMatchObject({ d: [{ ts: 1714573800 }] });
    expect(sandbox().store.events()).toMatchObject([
      { evtName: 'Deal Created', userKey: { name: 'identity', value: 'contact-1' }, ts: 1714573800 },
    ]);
  });

  it('a time with its offset keeps it: "2024-05-01T16:30:00+02:00" is 14:30 UTC', async () => {
    await sendEvent({ evtName: 'Deal Created', identity: 'contact-1', ts: '2024-05-01T16:30:00+02:00' });
    expect(sandbox().store.events()).toMatchObject([{ ts: 1714573800 }]);
  });
});

describe('Create/Update User Profile: a subscription changes only when the user says yes or no', () => {
  const user = 'ada-51';
  const stored = () => sandbox().store.profile('identity', user)?.profileData;

  it.each([
    ['msgEmail', 'Email Subscription', 'MSG-email'],
    ['msgSms', 'SMS Subscription', 'MSG-sms'],
    ['msgPush', 'Push Subscription', 'MSG-push'],
    ['msgWhatsapp', 'WhatsApp Subscription', 'MSG-whatsapp'],
  ])(
    '%s: yes stores true, empty leaves it, no stores false, "maybe" is refused',
    async (key, label, profileKey) => {
      await saveProfile({ identity: user, name: 'Ada Lovelace', [key]: 'yes' });
      expect(stored()).toEqual({ Name: 'Ada Lovelace', [profileKey]: true });

      // Zapier's `boolean` coercion sent an empty value as false: the user was unsubscribed.
      await saveProfile({ identity: user, name: 'Ada L.', [key]: '' });
      expect(stored()).toEqual({ Name: 'Ada L.', [profileKey]: true });
      expect(sandbox().received()[1]?.body).toEqual({
        d: [{ type: 'profile', identity: user, profileData: { Name: 'Ada L.' } }],
      });

      await saveProfile({ identity: user, [key]: 'no' });
      expect(stored()).toEqual({ Name: 'Ada L.', [profileKey]: false });

      // ... and `maybe` as true.
      const error = await failureOf(saveProfile({ identity: user, [key]: 'maybe' }));
      expectRefusal(error, new RegExp(`^${label}: "maybe" is not yes or no`));
      expect(sandbox().received()).toHaveLength(3);
      expect(stored()).toEqual({ Name: 'Ada L.', [profileKey]: false });
    },
  );
});

describe('Keep as Text: a property has one type for every user', () => {
  const stored = (identity: string) => sandbox().store.profile('identity', identity)?.profileData;

  it('Zip Code 94107 and 02139 are both stored as text', async () => {
    for (const [identity, zip] of [
      ['sf-user', '94107'],
      ['boston-user', '02139'],
    ] as const)
      await saveProfile({ identity, properties: { 'Zip Code': zip, Visits: '3' }, keepAsText: ['Zip Code'] });

    expect(stored('sf-user')).toEqual({ 'Zip Code': '94107', Visits: 3 }); // other rows are still typed
    expect(stored('boston-user')).toEqual({ 'Zip Code': '02139', Visits: 3 });
  });

  it('without it, the same property would hold a number for one user and text for the other', async () => {
    await saveProfile({ identity: 'sf-user', properties: { 'Zip Code': '94107' } });
    await saveProfile({ identity: 'boston-user', properties: { 'Zip Code': '02139' } });
    expect(stored('sf-user')).toEqual({ 'Zip Code': 94107 });
    expect(stored('boston-user')).toEqual({ 'Zip Code': '02139' });
  });

  it('works for event properties too, with a mapped name in another case', async () => {
    await sendEvent({
      evtName: 'Address Changed',
      identity: 'sf-user',
      eventProperties: { 'Zip Code': '94107' },
      keepAsText: ['zip code'],
    });
    expect(sandbox().store.events()).toMatchObject([{ evtData: { 'Zip Code': '94107' } }]);
  });
});

describe('oneActionTester: the action alone in the app, at the same boundary', () => {
  const alone = oneActionTester(recordPurchase);
  const purchase = { identity: 'buyer-1', items: [{ productName: 'Annual Plan', price: '1200.50' }] };

  it('refuses what the whole app refuses, with the same words, sending nothing', async () => {
    const input = { ...purchase, amount: '$1,200.50' };
    const whole = await failureOf(buy(input));
    const one = await failureOf(alone(recordPurchase, { authData, inputData: input }));
    expect(messageOf(one)).toBe(messageOf(whole));
    expectNothingSent();
  });

  it('stores what the whole app stores', async () => {
    const output = await alone(recordPurchase, { authData, inputData: { ...purchase, amount: '1200.50' } });
    expect(output).toMatchObject({ status: 'success', evtName: 'Charged' });
    expect(sandbox().store.events()).toMatchObject([{ evtName: 'Charged', evtData: { Amount: 1200.5 } }]);
  });

  it('is only for a perform the app has', () => {
    expect(() => oneActionTester(() => ({}))).toThrow('no create or search of the app has this perform');
  });
});
