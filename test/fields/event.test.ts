/**
 * The event's fields (src/fields/event.ts): the event name, and the properties from the key/value rows and the JSON
 * field, merged by one rule. Read directly, and through the real app (Upload Event), where the request body CleverTap
 * receives is asserted.
 */
import nock from 'nock';
import { appTester, authData, EU_HOST } from '../helpers';
import deal from '../fixtures/hubspot-new-deal.json';
import { perform } from '../../src/creates/upload_event';
import {
  eventPropertiesField,
  evtDataField,
  evtNameField,
  ifNewEventField,
  parseEventData,
} from '../../src/fields/event';

const SUCCESS = { status: 'success', processed: 1, unprocessed: [] };

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

/** Expects exactly this evtData to be sent in a "Deal Won" event for "ada@example.com", and checks it was sent. */
async function expectSent(inputData: Record<string, unknown>, evtData: Record<string, unknown>) {
  let sent: unknown;
  const scope = nock(EU_HOST)
    .post('/1/upload', (body) => {
      sent = body;
      return true;
    })
    .reply(200, SUCCESS);
  const result = await run({ evtName: 'Deal Won', identity: 'ada@example.com', ...inputData });
  expect(scope.isDone()).toBe(true);
  expect(sent).toStrictEqual({
    d: [{ type: 'event', identity: 'ada@example.com', evtName: 'Deal Won', evtData }],
  });
  expect(result).toMatchObject({ status: 'success', processed: 1, evtData });
}

/** The step's error message; asserts nothing was sent. */
async function refused(inputData: Record<string, unknown>): Promise<string> {
  const scope = nock(EU_HOST).post('/1/upload').reply(200, SUCCESS);
  const error = (await run({ evtName: 'Deal Won', identity: 'ada@example.com', ...inputData }).catch(
    (e: unknown) => e,
  )) as Error;
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('AppError');
  expect(scope.isDone()).toBe(false);
  return (JSON.parse(error.message) as { message: string }).message;
}

describe('the event fields, through Upload Event', () => {
  it('maps a HubSpot deal as rows, with amounts as numbers and dates as dates', async () => {
    const p = deal.properties;
    await expectSent(
      {
        eventProperties: {
          'Deal Name': p.dealname,
          Amount: p.amount,
          Stage: p.dealstage,
          'Close Date': p.closedate,
          'HubSpot Deal ID': deal.id,
          'Next Step': '',
        },
      },
      {
        'Deal Name': 'Acme renewal',
        Amount: 1200.5,
        Stage: 'closedwon',
        'Close Date': '$D_1717200000',
        'HubSpot Deal ID': 9001,
      },
    );
  });

  it.each<[string, string | number | boolean]>([
    ['42', 42],
    ['-3.5', -3.5],
    ['true', true],
    ['false', false],
    ['2024-05-01', '$D_1714521600'],
    ['2024-05-01T16:30:00+02:00', '$D_1714573800'],
    ['"42"', '42'],
    ['02139', '02139'],
    ['+14155550123', '+14155550123'],
    ['12345678901234567890', '12345678901234567890'],
    ['Gold', 'Gold'],
  ])('a row value %j is sent as %j', async (value, expected) => {
    await expectSent({ eventProperties: { Value: value } }, { Value: expected });
  });

  it('with Convert Value Types off, rows are sent as the text given', async () => {
    await expectSent(
      { eventProperties: { Amount: '1200.50', Won: 'true', Quoted: '"x"' }, convertValueTypes: 'false' },
      { Amount: '1200.50', Won: 'true', Quoted: '"x"' },
    );
  });

  it('a row wins over the same name in Event Properties (JSON); other JSON names are kept', async () => {
    await expectSent(
      { eventProperties: { Amount: '1300' }, evtData: '{"Amount": 1200, "Currency": "USD",}' },
      { Amount: 1300, Currency: 'USD' },
    );
  });

  it('an empty row leaves the JSON value in place', async () => {
    await expectSent({ eventProperties: { Amount: '' }, evtData: '{"Amount": 1200}' }, { Amount: 1200 });
  });

  it('no properties at all sends an empty evtData', async () => {
    await expectSent({ eventProperties: {}, evtData: '' }, {});
  });

  describe('refuses bad input before sending anything, naming the field', () => {
    it.each<[string, Record<string, unknown>, RegExp]>([
      [
        'a row name with a forbidden character',
        { eventProperties: { 'deal.amount': '1' } },
        /^Event Properties: this has the property name "deal\.amount"/,
      ],
      [
        'a row without a name',
        { eventProperties: { '': 'x' } },
        /^Event Properties: the value "x" has no property name/,
      ],
      [
        'NaN in the JSON',
        { evtData: '{"Amount": NaN}' },
        /^Event Properties \(JSON\): the value of "Amount" is not a finite number/,
      ],
      [
        'an unquoted 20-digit number in the JSON',
        { evtData: '{"Deal ID": 12345678901234567890}' },
        /^Event Properties \(JSON\): the number for "Deal ID" has too many digits/,
      ],
      [
        'broken JSON',
        { evtData: '{"a": 1 "b": 2}' },
        /^Event Properties \(JSON\): this is not valid JSON at line 1, column 9/,
      ],
      [
        'Convert Value Types that is not yes or no',
        { convertValueTypes: 'maybe' },
        /^Convert Value Types: "maybe" is not yes or no/,
      ],
    ])('%s', async (_name, inputData, message) => {
      expect(await refused(inputData)).toMatch(message);
    });
  });
});

describe('the event fields, declared once', () => {
  it("Event Name is required text, read trimmed and checked against CleverTap's rules", () => {
    expect(evtNameField.input).toMatchObject({
      key: 'evtName',
      label: 'Event Name',
      type: 'string',
      required: true,
    });
    expect(evtNameField.read(' Deal Won ')).toBe('Deal Won');
    expect(() => evtNameField.read('')).toThrow(/^Event Name: fill in the name of the event/);
    expect(() => evtNameField.read('App Launched')).toThrow(/^Event Name: .*"App Launched"/);
  });

  it('the rows are a key/value field and the JSON a text field, each pointing at the other', () => {
    expect(eventPropertiesField.input).toMatchObject({ key: 'eventProperties', dict: true, required: false });
    expect(evtDataField.input).toMatchObject({ key: 'evtData', type: 'text', required: false });
    expect(eventPropertiesField.input.helpText).toContain('**Event Properties (JSON)**');
    expect(evtDataField.input.helpText).toContain('**Event Properties**');
  });
});

describe('parseEventData', () => {
  it('is empty when nothing is given', () => {
    expect(parseEventData({})).toEqual({});
  });

  it('a row wins over the JSON; Keep as Text keeps a row as text', () => {
    expect(
      parseEventData({
        eventProperties: { Amount: '1300', 'Deal ID': '42' },
        evtData: '{"Amount": 1200, "Stage": "won"}',
        keepAsText: 'Deal ID',
      }),
    ).toEqual({ Amount: 1300, 'Deal ID': '42', Stage: 'won' });
  });

  it('allows Items, a list of flat objects, only for a Charged event', () => {
    const evtData = '{"Items": [{"Product Name": "Annual Plan", "Price": 1200}]}';
    expect(parseEventData({ evtData }, true)).toEqual({
      Items: [{ 'Product Name': 'Annual Plan', Price: 1200 }],
    });
    expect(() => parseEventData({ evtData })).toThrow(
      /^Event Properties \(JSON\): this has a list for "Items": .*only a Charged event has Items/,
    );
  });
});

describe('If the Event Name Is New', () => {
  it.each([
    [undefined, 'send'],
    ['', 'send'],
    ['send', 'send'],
    [' STOP ', 'stop'],
    ['stop', 'stop'],
  ])('reads %j as %s', (value, expected) => {
    expect(ifNewEventField.read(value)).toBe(expected);
  });

  it('refuses anything else, naming the field and the choices', () => {
    expect(() => ifNewEventField.read('yes')).toThrow(
      'If the Event Name Is New: "yes" is not one of the choices: pick Send it as a new event (send) or Stop the step (stop).',
    );
  });

  it('is a text dropdown whose default sends the event, as before', () => {
    expect(ifNewEventField.input).toMatchObject({ type: 'string', required: false, default: 'send' });
    expect(ifNewEventField.input.choices.map((c) => c.value)).toEqual(['send', 'stop']);
  });

  it('Event Name says a new event can be typed and a CRM field mapped', () => {
    expect(evtNameField.input.helpText).toMatch(
      /Pick an event your CleverTap account has.*type a new one, or map a field from your CRM/,
    );
  });
});
