import nock from 'nock';
import uploadEventAction, { perform as uploadEvent } from '../../src/creates/upload_event';
import uploadEventsBulk from '../../src/creates/upload_events_bulk';
import recordPurchase from '../../src/creates/record_purchase';
import upsertProfile from '../../src/creates/upsert_profile';
import upsertProfilesBulk from '../../src/creates/upsert_profiles_bulk';
import { PROFILE_PROPERTIES_DROPDOWN } from '../../src/fields/dropdowns';
import { parseValueTyping, valueTypingFields } from '../../src/fields/values';
import { appTester, authData, EU_HOST, messageOf } from '../helpers';

describe('parseValueTyping', () => {
  it('converts unless Convert Value Types is no; Keep as Text takes a list or one mapped name', () => {
    expect(parseValueTyping({})).toEqual({ convert: true, declared: new Map() });
    expect(parseValueTyping({ convertValueTypes: 'no', keepAsText: 'Zip' })).toEqual({
      convert: false,
      declared: new Map([['zip', 'text']]),
    });
    expect(parseValueTyping({ convertValueTypes: 'yes', keepAsText: ['A', '', 'b'] }).declared).toEqual(
      new Map([
        ['a', 'text'],
        ['b', 'text'],
      ]),
    );
  });

  it('reads a list of names for each declared type, names matched without regard to case', () => {
    expect(
      parseValueTyping({
        keepAsText: ['Zip Code'],
        numberProperties: ['Amount', ' Seats '],
        dateProperties: 'Last Modified',
        yesNoProperties: ['Is Customer'],
      }).declared,
    ).toEqual(
      new Map([
        ['zip code', 'text'],
        ['amount', 'number'],
        ['seats', 'number'],
        ['last modified', 'date'],
        ['is customer', 'yesNo'],
      ]),
    );
    expect(parseValueTyping({ numberProperties: ['Amount', 'AMOUNT'] }).declared).toEqual(
      new Map([['amount', 'number']]),
    );
  });

  it('stops when a name is in two lists (Keep as Text and a declaration disagree), naming both', () => {
    expect(() => parseValueTyping({ keepAsText: ['Deal ID'], numberProperties: ['deal id'] })).toThrow(
      /^Number Properties: "deal id" is also in Keep as Text; a property has one type\. Remove it from one of the two\.$/,
    );
    expect(() => parseValueTyping({ dateProperties: ['Closed'], yesNoProperties: 'closed' })).toThrow(
      /^Yes\/No Properties: "closed" is also in Date Properties/,
    );
  });

  it('refuses a list entry that is itself a group, naming the list', () => {
    expect(() => parseValueTyping({ dateProperties: [{ a: 1 }] })).toThrow(
      /^Date Properties: entry 1 is a list/,
    );
  });

  it('refuses a Convert Value Types that is not yes or no, naming the field', () => {
    expect(() => parseValueTyping({ convertValueTypes: 'maybe' })).toThrow(
      /^Convert Value Types: "maybe" is not yes or no/,
    );
  });
});

describe('declared property types through the boundary (Upload Event)', () => {
  const run = (inputData: Record<string, unknown>) => appTester(uploadEvent, { authData, inputData });
  const base = { evtName: 'Deal Updated', identity: '51' };

  it('the lists are text list fields, so Zapier hands over the names as typed or mapped', () => {
    for (const field of valueTypingFields.slice(1))
      expect(field).toMatchObject({ type: 'string', list: true, required: false });
  });

  it("sends a declared date's epoch milliseconds as a CleverTap date", async () => {
    let sent: { d: { evtData: Record<string, unknown> }[] } | undefined;
    const scope = nock(EU_HOST)
      .post('/1/upload', (body: typeof sent) => ((sent = body), true))
      .reply(200, { status: 'success', processed: 1, unprocessed: [] });
    await run({
      ...base,
      eventProperties: { 'Last Modified': '1726140966102', Amount: '1500.00' },
      dateProperties: ['Last Modified'],
      numberProperties: ['Amount'],
    });
    expect(scope.isDone()).toBe(true);
    expect(sent?.d[0]?.evtData).toEqual({ 'Last Modified': '$D_1726140966', Amount: 1500 });
  });

  it('stops on "1,500.00" in a declared number, naming the property, and sends nothing', async () => {
    const scope = nock(EU_HOST).post('/1/upload').reply(200, { status: 'success', processed: 1 });
    const error = await run({
      ...base,
      eventProperties: { Amount: '1,500.00' },
      numberProperties: ['Amount'],
    }).catch((e: unknown) => e);
    expect(messageOf(error)).toMatch(/^Event Properties > Amount: "1,500\.00" is not a plain number/);
    expect(scope.isDone()).toBe(false);
  });

  it('stops when Keep as Text and a declaration name the same property, and sends nothing', async () => {
    const scope = nock(EU_HOST).post('/1/upload').reply(200, { status: 'success', processed: 1 });
    const error = await run({
      ...base,
      eventProperties: { 'Deal ID': '51' },
      keepAsText: ['Deal ID'],
      numberProperties: ['Deal ID'],
    }).catch((e: unknown) => e);
    expect(messageOf(error)).toMatch(/^Number Properties: "Deal ID" is also in Keep as Text/);
    expect(scope.isDone()).toBe(false);
  });
});

describe('the declaring lists on each action', () => {
  const LISTS = ['keepAsText', 'numberProperties', 'dateProperties', 'yesNoProperties'];
  const listsOf = (action: { definition: { operation: { inputFields?: unknown } } }) =>
    (action.definition.operation.inputFields as { key: string; dynamic?: string }[]).filter((f) =>
      LISTS.includes(f.key),
    );

  it.each([
    ['Create/Update User Profile', upsertProfile],
    ['Upload User Profiles in Bulk', upsertProfilesBulk],
  ])("%s: the four lists offer the account's profile properties as a dropdown", (_label, action) => {
    const lists = listsOf(action);
    expect(lists.map((f) => f.key)).toEqual(LISTS);
    for (const field of lists)
      expect(field).toMatchObject({ dynamic: PROFILE_PROPERTIES_DROPDOWN, type: 'string', list: true });
  });

  it.each([
    ['Upload Event', uploadEventAction],
    ['Upload Events in Bulk', uploadEventsBulk],
    ['Record Purchase', recordPurchase],
  ])(
    '%s: the four lists are there without a dropdown (the account lists no event properties)',
    (_l, action) => {
      const lists = listsOf(action);
      expect(lists.map((f) => f.key)).toEqual(LISTS);
      for (const field of lists) expect(field.dynamic).toBeUndefined();
    },
  );
});
