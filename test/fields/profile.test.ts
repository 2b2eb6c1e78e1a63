/**
 * The profile's fields (src/fields/profile.ts): each standard field with the CleverTap key it fills and its reader, and
 * the merge of the fields, the key/value rows and the JSON text. Read directly, and through the real app (Create/Update
 * User Profile), where the request body CleverTap receives is asserted.
 */
import nock from 'nock';
import { appTester, authData, EU_HOST } from '../helpers';
import { perform } from '../../src/creates/upsert_profile';
import {
  defaultPhoneCountryField,
  parseProfileData,
  PROFILE_STANDARD_FIELDS,
  profileDataField,
  profilePropertiesField,
  standardField,
} from '../../src/fields/profile';
import { STANDARD_PROFILE_KEYS } from '../../src/clevertap/rules';

const SUCCESS = { status: 'success', processed: 1, unprocessed: [] };

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

/** Expects exactly this profileData to be sent for user "ada@example.com", runs the step, and checks it was sent. */
async function expectSent(inputData: Record<string, unknown>, profileData: Record<string, unknown>) {
  let sent: unknown;
  const scope = nock(EU_HOST)
    .post('/1/upload', (body) => {
      sent = body;
      return true;
    })
    .reply(200, SUCCESS);
  const result = await run({ identity: 'ada@example.com', ...inputData });
  expect(scope.isDone()).toBe(true);
  expect(sent).toStrictEqual({ d: [{ type: 'profile', identity: 'ada@example.com', profileData }] });
  expect(result).toMatchObject({ status: 'success', processed: 1, profileData });
}

/** The step's error message; asserts nothing was sent. */
async function refused(inputData: Record<string, unknown>): Promise<string> {
  const scope = nock(EU_HOST).post('/1/upload').reply(200, SUCCESS);
  const error = (await run({ identity: 'ada@example.com', ...inputData }).catch((e: unknown) => e)) as Error;
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('AppError');
  expect(scope.isDone()).toBe(false);
  return (JSON.parse(error.message) as { message: string }).message;
}

/** A HubSpot contact as Zapier's "New Contact" trigger hands it over: everything text, some of it empty. */
const hubspotContact = {
  firstname: 'Ada',
  lastname: 'Lovelace',
  email: 'ada@example.com',
  phone: '(415) 555-0123',
  gender: 'Female',
  date_of_birth: '1990-05-17',
  lifecyclestage: 'lead',
  hs_object_id: '51',
  zip: '02139',
  num_employees: '42',
  hs_email_optout: 'false',
  became_a_lead_date: '2024-05-01T14:30:00.000Z',
  jobtitle: '',
};

describe('the profile fields, through Create/Update User Profile', () => {
  it('maps a HubSpot contact with no JSON at all', async () => {
    const c = hubspotContact;
    await expectSent(
      {
        name: `${c.firstname} ${c.lastname}`,
        email: c.email,
        phone: c.phone,
        defaultPhoneCountry: 'US',
        gender: c.gender,
        dob: c.date_of_birth,
        photo: 'https://example.com/ada.png',
        msgEmail: 'true',
        msgSms: false,
        msgPush: '',
        properties: {
          'Lifecycle Stage': c.lifecyclestage,
          'HubSpot Contact ID': c.hs_object_id,
          Zip: c.zip,
          Employees: c.num_employees,
          'Email Opt Out': c.hs_email_optout,
          'Became Lead': c.became_a_lead_date,
          'Job Title': c.jobtitle,
        },
      },
      {
        Name: 'Ada Lovelace',
        Email: 'ada@example.com',
        Phone: '+14155550123',
        Gender: 'F',
        DOB: '$D_642902400',
        Photo: 'https://example.com/ada.png',
        'MSG-email': true,
        'MSG-sms': false,
        'Lifecycle Stage': 'lead',
        'HubSpot Contact ID': 51,
        Zip: '02139',
        Employees: 42,
        'Email Opt Out': false,
        'Became Lead': '$D_1714573800',
      },
    );
  });

  describe('Phone', () => {
    it.each<[string, string | undefined, string]>([
      ['(415) 555-0123', 'US', '+14155550123'],
      ['(415) 555-0123', 'us', '+14155550123'],
      ['+44 20 7946 0958', undefined, '+442079460958'],
      ['+44 20 7946 0958', 'US', '+442079460958'],
      ['0044 20 7946 0958', 'US', '+442079460958'],
      ['020 7946 0958', 'UK', '+442079460958'],
      ['(415) 555-0123 ext. 45', 'US', '+14155550123'],
    ])('%j with Default Phone Country %s is sent as %s', async (phone, defaultPhoneCountry, expected) => {
      await expectSent({ phone, defaultPhoneCountry }, { Phone: expected });
    });

    it('an empty phone sends no Phone, and an unused Default Phone Country is not checked', async () => {
      await expectSent({ phone: '', defaultPhoneCountry: 'Narnia', name: 'Ada' }, { Name: 'Ada' });
    });
  });

  it.each<[string, 'M' | 'F']>([
    ['M', 'M'],
    ['male', 'M'],
    ['Male', 'M'],
    ['f', 'F'],
    ['FEMALE', 'F'],
  ])('Gender %j is sent as %s', async (gender, expected) => {
    await expectSent({ gender }, { Gender: expected });
  });

  it('Date of Birth takes what Creation Date takes, before 1970 too', async () => {
    await expectSent({ dob: '1815-12-10' }, { DOB: '$D_-4861728000' });
    await expectSent({ dob: '642902400000' }, { DOB: '$D_642902400' });
  });

  it('empty standard fields and empty rows leave the properties unchanged (nothing sent for them)', async () => {
    await expectSent(
      {
        name: '',
        email: ' ',
        gender: '',
        dob: '',
        photo: '',
        msgEmail: '',
        msgPush: undefined,
        msgSms: null,
        properties: { Plan: '', Tier: '  ' },
      },
      {},
    );
  });

  describe('Convert Value Types', () => {
    const rows = {
      Score: '42',
      Balance: '-3.5',
      Paid: 'true',
      Churned: 'False',
      Since: '2024-05-01',
      'Kept As Text': '"42"',
      Zip: '02139',
      Mobile: '+14155550123',
      'Deal ID': '12345678901234567890',
      Year: '2024',
      Plan: 'Gold',
    };

    it('on by default: numbers, true/false and ISO dates are typed; look-alikes and quoted values stay text', async () => {
      await expectSent(
        { properties: rows },
        {
          Score: 42,
          Balance: -3.5,
          Paid: true,
          Churned: false,
          Since: '$D_1714521600',
          'Kept As Text': '42',
          Zip: '02139',
          Mobile: '+14155550123',
          'Deal ID': '12345678901234567890',
          Year: 2024,
          Plan: 'Gold',
        },
      );
    });

    it.each(['false', 'no', 'No'])(
      'off (%j): every row is sent as the text given',
      async (convertValueTypes) => {
        await expectSent({ properties: rows, convertValueTypes }, rows);
      },
    );

    it('does not touch the JSON field, which is sent as written', async () => {
      await expectSent({ profileData: '{"Score": "42", "Count": 7}' }, { Score: '42', Count: 7 });
    });
  });

  describe('merge rules', () => {
    it('a row in Profile Properties wins over the same name in Profile Properties (JSON)', async () => {
      await expectSent(
        { properties: { Plan: 'Gold' }, profileData: '{"Plan": "Silver", "Tags": ["vip"]}' },
        { Plan: 'Gold', Tags: ['vip'] },
      );
    });

    it('an empty row does not override the JSON', async () => {
      await expectSent({ properties: { Plan: '' }, profileData: '{"Plan": "Silver"}' }, { Plan: 'Silver' });
    });

    it('a standard field wins over the same key in both the rows and the JSON', async () => {
      await expectSent(
        {
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          gender: 'F',
          properties: { Name: 'Row Name', Email: 'row@example.com' },
          profileData: '{"Name": "JSON Name", "Email": "json@example.com", "Gender": "M"}',
        },
        { Name: 'Ada Lovelace', Email: 'ada@example.com', Gender: 'F' },
      );
    });

    it('a subscription field set to No wins over the rows and the JSON', async () => {
      await expectSent(
        {
          msgWhatsapp: 'false',
          properties: { 'MSG-whatsapp': 'true' },
          profileData: '{"MSG-whatsapp": true}',
        },
        { 'MSG-whatsapp': false },
      );
    });

    it('an empty standard field leaves the row or JSON value in place', async () => {
      await expectSent(
        {
          name: '',
          properties: { Name: 'Row Name' },
          profileData: '{"Email": "json@example.com"}',
          email: '',
        },
        { Name: 'Row Name', Email: 'json@example.com' },
      );
    });

    it('standard keys written as rows are read like their fields (Phone with the default country, Gender, DOB)', async () => {
      await expectSent(
        {
          defaultPhoneCountry: 'US',
          properties: {
            Phone: '4155550123',
            Gender: 'male',
            DOB: '1990-05-17',
            Name: '42',
            'MSG-push': 'no',
          },
        },
        { Phone: '+14155550123', Gender: 'M', DOB: '$D_642902400', Name: '42', 'MSG-push': false },
      );
    });

    it('the forgiving JSON: trailing commas and curly quotes', async () => {
      await expectSent(
        { profileData: '{\u201CPlan\u201D: \u201CGold\u201D, "Tags": ["a", "b",],}' },
        { Plan: 'Gold', Tags: ['a', 'b'] },
      );
    });
  });

  describe('refuses bad input before sending anything, naming the field', () => {
    it.each<[string, Record<string, unknown>, RegExp]>([
      ['a Gender other than M or F', { gender: 'Non-binary' }, /^Gender: "Non-binary" .*only M or F/],
      [
        'an email without a domain',
        { email: 'ada@example' },
        /^Email: "ada@example" is not an email address/,
      ],
      [
        'a phone without country code and no default',
        { phone: '(415) 555-0123' },
        /^Phone: "\(415\) 555-0123" has no country code.*Default Phone Country/,
      ],
      [
        'an impossible phone',
        { phone: '555-01', defaultPhoneCountry: 'US' },
        /^Phone: "555-01" is not a possible phone number in US/,
      ],
      [
        'a Default Phone Country that is not a code',
        { phone: '(415) 555-0123', defaultPhoneCountry: 'USA' },
        /^Default Phone Country: "USA" is not a two-letter country code/,
      ],
      [
        'a Date of Birth that is not a date',
        { dob: 'last spring' },
        /^Date of Birth: "last spring" is not a date/,
      ],
      [
        'a Photo URL that is not a web address',
        { photo: 'ada.png' },
        /^Photo URL: "ada.png" is not a web address/,
      ],
      [
        'a subscription that is not yes or no',
        { msgEmail: 'maybe' },
        /^Email Subscription: "maybe" is not yes or no/,
      ],
      [
        'Convert Value Types that is not yes or no',
        { convertValueTypes: 'sometimes' },
        /^Convert Value Types: /,
      ],
      [
        'a Gender row that is not M or F',
        { properties: { Gender: 'other' } },
        /^Profile Properties > Gender: "other" .*only M or F/,
      ],
      [
        'a Phone row without a country code',
        { properties: { Phone: '4155550123' } },
        /^Profile Properties > Phone: "4155550123" has no country code/,
      ],
      [
        'a row name with a forbidden character',
        { properties: { 'plan.tier': 'gold' } },
        /^Profile Properties: this has the property name "plan\.tier"/,
      ],
      [
        'a row value over 512 characters',
        { properties: { Bio: 'a'.repeat(513) } },
        /^Profile Properties: this has a value for "Bio" over 512 bytes/,
      ],
      [
        'a JSON Gender CleverTap refuses',
        { profileData: '{"Gender": "female"}' },
        /^Profile Properties \(JSON\): .*"Gender"; CleverTap accepts M or F/,
      ],
      [
        'an unquoted 20-digit number in the JSON',
        { profileData: '{"Deal ID": 12345678901234567890}' },
        /^Profile Properties \(JSON\): the number for "Deal ID" has too many digits.*double quotes/,
      ],
      [
        'broken JSON',
        { profileData: '{"Name": "Ada "The Countess""}' },
        /^Profile Properties \(JSON\): this is not valid JSON at line 1, column 16/,
      ],
      [
        'more than 256 properties between rows and JSON',
        {
          properties: Object.fromEntries([...Array(200)].map((_, i) => [`r${i}`, 'x'])),
          profileData: JSON.stringify(Object.fromEntries([...Array(100)].map((_, i) => [`j${i}`, 1]))),
        },
        /^Profile Properties \/ Profile Properties \(JSON\): this has 300 properties; CleverTap takes at most 256/,
      ],
    ])('%s', async (_name, inputData, message) => {
      expect(await refused(inputData)).toMatch(message);
    });
  });
});

describe('the standard fields, declared once', () => {
  it("each fills its own CleverTap standard key, in the editor's order", () => {
    expect(PROFILE_STANDARD_FIELDS.map((f) => [f.input.key, f.input.label, f.profileKey])).toEqual([
      ['name', 'Name', 'Name'],
      ['email', 'Email', 'Email'],
      ['phone', 'Phone', 'Phone'],
      ['gender', 'Gender', 'Gender'],
      ['dob', 'Date of Birth', 'DOB'],
      ['photo', 'Photo URL', 'Photo'],
      ['msgEmail', 'Email Subscription', 'MSG-email'],
      ['msgPush', 'Push Subscription', 'MSG-push'],
      ['msgSms', 'SMS Subscription', 'MSG-sms'],
      ['msgWhatsapp', 'WhatsApp Subscription', 'MSG-whatsapp'],
    ]);
    for (const field of PROFILE_STANDARD_FIELDS)
      expect(STANDARD_PROFILE_KEYS).toHaveProperty([field.profileKey]);
  });

  it('are text fields, read by the app: none is a boolean or datetime Zapier would coerce', () => {
    for (const { input } of PROFILE_STANDARD_FIELDS)
      expect(input).toMatchObject({ type: 'string', required: false });
  });

  it('the subscriptions are yes/no dropdowns', () => {
    const subscriptions = PROFILE_STANDARD_FIELDS.filter((f) => f.profileKey.startsWith('MSG-'));
    expect(subscriptions).toHaveLength(4);
    for (const { input } of subscriptions)
      expect('choices' in input && input.choices.map((c) => c.value)).toEqual(['yes', 'no']);
  });

  it('standardField picks a field by its key, not by its position', () => {
    expect(standardField('phone')).toBe(PROFILE_STANDARD_FIELDS[2]);
    expect(standardField('msgWhatsapp').input.label).toBe('WhatsApp Subscription');
    expect(standardField('dob').input.label).toBe('Date of Birth');
  });

  it('each reader names its field, or the key/value row it came from', () => {
    const phone = PROFILE_STANDARD_FIELDS[2];
    const noCountry = () => undefined;
    expect(phone.read('+44 20 7946 0958', noCountry)).toBe('+442079460958');
    expect(phone.read('', noCountry)).toBeUndefined();
    expect(() => phone.read('4155550123', noCountry)).toThrow(/^Phone: "4155550123" has no country code/);
    expect(() => phone.readRow('Profile Properties > Phone', '4155550123', noCountry)).toThrow(
      /^Profile Properties > Phone: "4155550123" has no country code/,
    );
  });
});

describe('the other profile fields', () => {
  it('Default Phone Country is read as an upper-case two-letter code, or nothing', () => {
    expect(defaultPhoneCountryField.input.key).toBe('defaultPhoneCountry');
    expect(defaultPhoneCountryField.read(' us ')).toBe('US');
    expect(defaultPhoneCountryField.read('')).toBeUndefined();
    expect(() => defaultPhoneCountryField.read('USA')).toThrow(
      /^Default Phone Country: "USA" is not a two-letter country code/,
    );
  });

  it('the rows are a key/value field and the JSON a text field, each pointing at the other', () => {
    expect(profilePropertiesField.input).toMatchObject({ key: 'properties', dict: true, required: false });
    expect(profileDataField.input).toMatchObject({ key: 'profileData', type: 'text', required: false });
    expect(profilePropertiesField.input.helpText).toContain('**Profile Properties (JSON)**');
    expect(profileDataField.input.helpText).toContain('**Profile Properties**');
  });
});

describe('parseProfileData', () => {
  it('is empty when nothing is given', () => {
    expect(parseProfileData({})).toEqual({});
  });

  it('reads Default Phone Country only for a phone, in a field or in a row', () => {
    expect(parseProfileData({ name: 'Ada', defaultPhoneCountry: 'Narnia' })).toEqual({ Name: 'Ada' });
    expect(() => parseProfileData({ phone: '4155550123', defaultPhoneCountry: 'Narnia' })).toThrow(
      /^Default Phone Country: "Narnia"/,
    );
    expect(() =>
      parseProfileData({ properties: { Phone: '4155550123' }, defaultPhoneCountry: 'Narnia' }),
    ).toThrow(/^Default Phone Country: "Narnia"/);
    expect(parseProfileData({ properties: { Phone: '4155550123' }, defaultPhoneCountry: 'US' })).toEqual({
      Phone: '+14155550123',
    });
  });

  it('the fields win over the rows, which win over the JSON', () => {
    expect(
      parseProfileData({
        name: 'Field',
        properties: { Name: 'Row', Plan: 'Row' },
        profileData: '{"Name": "JSON", "Plan": "JSON", "Tier": "JSON"}',
      }),
    ).toEqual({ Name: 'Field', Plan: 'Row', Tier: 'JSON' });
  });

  it('Keep as Text keeps a row as text, whatever it looks like', () => {
    expect(parseProfileData({ properties: { Zip: '94107', Score: '42' }, keepAsText: ['zip'] })).toEqual({
      Zip: '94107',
      Score: 42,
    });
  });
});

describe('parseProfileData: property types the user declares (issue 18)', () => {
  it('types declared rows and JSON values; standard keys keep their own readers', () => {
    expect(
      parseProfileData({
        properties: { 'Became a Lead': '1726140966102', 'Is Customer': 'Yes', Seats: '3' },
        profileData: '{"Seats Paid": "12"}',
        dateProperties: 'Became a Lead',
        yesNoProperties: 'is customer',
        numberProperties: ['Seats Paid'],
        keepAsText: 'Seats',
      }),
    ).toEqual({ 'Became a Lead': '$D_1726140966', 'Is Customer': true, Seats: '3', 'Seats Paid': 12 });
  });

  it('stops on a declared date that is not one, naming Profile Properties and the property', () => {
    expect(() =>
      parseProfileData({ properties: { 'Became a Lead': 'soon' }, dateProperties: 'Became a Lead' }),
    ).toThrow(/^Profile Properties > Became a Lead: "soon" is not a date the app can read/);
  });
});
