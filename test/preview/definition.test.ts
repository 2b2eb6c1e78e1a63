import { join } from 'node:path';
import App from '../../index';
import {
  describeActions,
  describeField,
  describeFields,
  findAction,
  normaliseChoices,
  type PageField,
  type PreviewApp,
} from '../../preview/definition';
import { readHubSpotSamples, sampleFills } from '../../preview/samples';
import { at } from '../at';

const app = App as unknown as PreviewApp;
const samples = readHubSpotSamples(join(__dirname, '..', 'fixtures'));

describe('describeActions', () => {
  const actions = describeActions(app);

  it('lists every create, then every search, with label, description and noun', () => {
    const expected = [
      ...Object.values(app.creates ?? {}).map((a) => ['create', a.key, a.display.label, a.noun]),
      ...Object.values(app.searches ?? {}).map((a) => ['search', a.key, a.display.label, a.noun]),
    ];
    expect(actions.map((a) => [a.kind, a.key, a.label, a.noun])).toEqual(expected);
    expect(actions.length).toBeGreaterThanOrEqual(7);
    for (const action of actions) expect(action.description.length).toBeGreaterThan(10);
  });

  it("keeps the definition's field order and marks required fields", () => {
    const uploadEvent = actions.find((a) => a.key === 'upload_event')!;
    const declared = (
      app.creates!.upload_event!.operation.inputFields as Array<{ key: string; required?: boolean }>
    )
      .filter((f) => typeof f === 'object')
      .map((f) => [f.key, f.required === true]);
    expect(uploadEvent.fields.map((f) => [f.key, f.required])).toEqual(declared);
    expect(uploadEvent.fields.find((f) => f.key === 'evtName')).toMatchObject({
      required: true,
      label: 'Event Name',
    });
  });

  it('draws dict fields as rows, list fields as entries and children as line items', () => {
    const controls = (key: string) =>
      Object.fromEntries(actions.find((a) => a.key === key)!.fields.map((f) => [f.key, f.control]));
    expect(controls('upsert_profile')).toMatchObject({ properties: 'dict', profileData: 'textarea' });
    expect(controls('update_profile_property')).toMatchObject({ values: 'list', operation: 'select' });
    const purchase = actions.find((a) => a.key === 'record_purchase')!.fields.find((f) => f.key === 'items')!;
    expect(purchase.control).toBe('lineItems');
    expect(purchase.children!.map((c) => c.key)).toEqual(expect.arrayContaining(['productName', 'price']));
  });

  it('renders help texts as HTML and carries output field labels', () => {
    const profile = actions.find((a) => a.key === 'upsert_profile')!;
    expect(profile.fields.find((f) => f.key === 'identity')!.helpHtml).toContain(
      '<strong>Object ID</strong>',
    );
    expect(profile.outputFields).toEqual(
      expect.arrayContaining([{ key: 'processed', label: 'Records Processed' }]),
    );
  });
});

describe('the connection fields', () => {
  const fields = describeFields(app.authentication.fields);

  it('are Account ID, a password box for the Passcode and the Region choices, as the connect dialog has them', () => {
    expect(fields.map((f) => [f.key, f.control])).toEqual([
      ['accountId', 'text'],
      ['passcode', 'password'],
      ['region', 'select'],
    ]);
    expect(fields[2]!.choices!.map((c) => c.value)).toEqual(['eu1', 'in1', 'sg1', 'us1', 'aps3', 'mec1']);
    expect(fields[0]!.helpHtml).toContain('<a href="https://developer.clevertap.com/');
  });
});

describe('describeField', () => {
  it('gives booleans a True/False choice and keeps defaults as text', () => {
    expect(describeField({ key: 'b', type: 'boolean', default: 'true' })).toMatchObject({
      control: 'select',
      choices: [
        { value: 'true', label: 'True' },
        { value: 'false', label: 'False' },
      ],
      default: 'true',
      label: 'b',
      required: false,
    });
  });

  it.each([
    ['text', 'textarea'],
    ['code', 'code'],
    ['json', 'code'],
    ['copy', 'copy'],
    ['password', 'password'],
    ['datetime', 'text'],
    ['integer', 'text'],
  ])('draws a %s field as %s', (type, control) => {
    expect(describeField({ key: 'k', type }).control).toBe(control);
  });

  it('marks fields that alter others, dynamic dropdowns and computed fields', () => {
    const f: PageField = describeField({
      key: 'k',
      altersDynamicFields: true,
      dynamic: 'list.id.name',
      computed: true,
    });
    expect(f).toMatchObject({ altersDynamicFields: true, dynamic: 'list.id.name', computed: true });
  });
});

describe('normaliseChoices', () => {
  it("reads Zapier's three ways of writing choices", () => {
    expect(normaliseChoices([{ value: 'M', sample: 'M', label: 'Male (M)' }, { value: 2 }])).toEqual([
      { value: 'M', label: 'Male (M)' },
      { value: '2', label: '2' },
    ]);
    expect(normaliseChoices(['a', 'b'])).toEqual([
      { value: 'a', label: 'a' },
      { value: 'b', label: 'b' },
    ]);
    expect(normaliseChoices({ eu1: 'Europe', in1: 'India' })).toEqual([
      { value: 'eu1', label: 'Europe' },
      { value: 'in1', label: 'India' },
    ]);
    expect(normaliseChoices(undefined)).toBeUndefined();
    expect(normaliseChoices([])).toBeUndefined();
  });
});

describe('findAction', () => {
  it('finds creates and searches by key, and nothing else', () => {
    expect(findAction(app, 'create', 'upload_event')?.key).toBe('upload_event');
    expect(findAction(app, 'search', 'find_profile')?.key).toBe('find_profile');
    expect(findAction(app, 'search', 'upload_event')).toBeUndefined();
    expect(findAction(app, 'create', '__proto__')).toBeUndefined();
    expect(findAction(app, 'trigger', 'upload_event')).toBeUndefined();
  });
});

describe('sampleFills', () => {
  const actions = describeActions(app);

  it('fills only fields the action has (a renamed field would show here)', () => {
    for (const action of actions)
      for (const fill of sampleFills(action.key, samples)) {
        const keys = action.fields.map((f) => f.key);
        expect({
          action: action.key,
          unknown: Object.keys(fill.values).filter((k) => !keys.includes(k)),
        }).toEqual({
          action: action.key,
          unknown: [],
        });
      }
  });

  it("maps the New Contact sample into Create/Update User Profile as docs/users.md's table says", () => {
    const fill = at(sampleFills('upsert_profile', samples), 0);
    expect(fill.values).toEqual({
      identity: 'ada@example.com',
      ts: '1714573800000',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+14155550123',
      defaultPhoneCountry: 'US',
      properties: [
        ['Lifecycle Stage', 'lead'],
        ['HubSpot Contact ID', '51'],
      ],
    });
  });

  it("maps the New Deal sample into Upload Event, on the associated contact's email", () => {
    const fill = at(sampleFills('upload_event', samples), 0);
    expect(fill.values).toMatchObject({
      evtName: 'Deal Created',
      identity: 'ada@example.com',
      ts: '1714573800000',
    });
    expect(fill.values.eventProperties).toEqual([
      ['Deal ID', '9001'],
      ['Deal Name', 'Acme renewal'],
      ['Amount', '1200.50'],
      ['Stage', 'closedwon'],
      ['Pipeline', 'default'],
      ['Close Date', '2024-06-01T00:00:00.000Z'],
    ]);
  });

  it("falls back to the contact's Record ID when the associated contact is not the sample", () => {
    const other = { ...samples, deal: { ...samples.deal, associations: { contacts: ['77'] } } };
    expect(sampleFills('upload_event', other)[0]!.values.identity).toBe('77');
  });

  it('has samples for the four actions docs/users.md maps, and none for others', () => {
    expect(actions.filter((a) => sampleFills(a.key, samples).length).map((a) => a.key)).toEqual([
      'upsert_profile',
      'upload_event',
      'record_purchase',
      'find_profile',
    ]);
    expect(sampleFills('constructor', samples)).toEqual([]);
  });
});
