/**
 * The Trigger Campaign fields (src/fields/campaign.ts), read directly: the campaign's id, the personalization rows
 * (sent as text, exactly as given) and the one recipient.
 */
import { campaignIdField, parseRecipient, personalizationField } from '../../src/fields/campaign';
import { InputError } from '../../src/input/errors';

describe('Campaign ID', () => {
  it('is required, digits, with help text saying where the dashboard shows it', () => {
    expect(campaignIdField.input).toMatchObject({ key: 'campaignId', label: 'Campaign ID', required: true });
    expect(campaignIdField.input.helpText).toMatch(/External Trigger/);
    expect(campaignIdField.input.helpText).toMatch(/campaign list/);
  });

  it('reads digits as text, trimmed; a number becomes its digits', () => {
    expect(campaignIdField.read('1695721550')).toBe('1695721550');
    expect(campaignIdField.read('  1695721550 ')).toBe('1695721550');
    expect(campaignIdField.read('0042')).toBe('0042');
    expect(campaignIdField.read(1695721550)).toBe('1695721550');
  });

  it.each([undefined, null, '', '   '])('asks for it when empty (%j)', (value) => {
    expect(() => campaignIdField.read(value)).toThrow(InputError);
    expect(() => campaignIdField.read(value)).toThrow(
      /^Campaign ID: fill in the ID of the External Trigger campaign/,
    );
  });

  it.each(['abc', '1695 721550', '1695721550.0', '-12', '1e9', 'Onboarding', '１２３'])(
    'refuses %j: digits only',
    (value) => {
      expect(() => campaignIdField.read(value)).toThrow(
        /^Campaign ID: ".*" is not a campaign ID: .*digits only/,
      );
    },
  );

  it('refuses a list or a group, naming the field', () => {
    expect(() => campaignIdField.read(['1', '2'])).toThrow(
      /^Campaign ID: expected a single value here but got a list/,
    );
    expect(() => campaignIdField.read({ id: '1' })).toThrow(/^Campaign ID: expected a single value/);
  });
});

describe('Personalization', () => {
  it('is optional key/value rows', () => {
    expect(personalizationField.input).toMatchObject({
      key: 'personalization',
      label: 'Personalization',
      dict: true,
      required: false,
    });
  });

  it('sends every value as text, exactly as given', () => {
    expect(
      personalizationField.read({
        'Deal Name': 'Acme renewal',
        Amount: '1200.50',
        Code: '007',
        Flag: 'true',
      }),
    ).toStrictEqual({ 'Deal Name': 'Acme renewal', Amount: '1200.50', Code: '007', Flag: 'true' });
  });

  it('keeps the spacing of a value, and trims the name', () => {
    expect(personalizationField.read({ ' Greeting ': '  Hello, Ada ' })).toStrictEqual({
      Greeting: '  Hello, Ada ',
    });
  });

  it('turns a number or a boolean into its text', () => {
    expect(personalizationField.read({ Amount: 1200.5, Paid: false })).toStrictEqual({
      Amount: '1200.5',
      Paid: 'false',
    });
  });

  it.each([undefined, null, ''])('is empty when not filled in (%j)', (value) => {
    expect(personalizationField.read(value)).toStrictEqual({});
  });

  it('skips rows without a value, and rows with neither name nor value', () => {
    expect(personalizationField.read({ Name: 'Ada', Empty: null, Missing: undefined, '': '' })).toStrictEqual(
      { Name: 'Ada' },
    );
    expect(personalizationField.read({ '  ': '   ' })).toStrictEqual({});
  });

  it('refuses a row with a value but no name', () => {
    expect(() => personalizationField.read({ '': 'Acme renewal' })).toThrow(
      'Personalization: the value "Acme renewal" has no placeholder name beside it.',
    );
    expect(() => personalizationField.read({ Name: 'Ada', '  ': '1200.50' })).toThrow(
      /^Personalization: the value "1200\.50" has no placeholder name/,
    );
  });

  it('refuses a list or a group as a value, naming the row', () => {
    expect(() => personalizationField.read({ Items: ['a', 'b'] })).toThrow(
      /^Personalization > Items: expected a single value here but got a list/,
    );
    expect(() => personalizationField.read({ Owner: { name: 'Ada' } })).toThrow(
      /^Personalization > Owner: expected a single value here but got a group of values/,
    );
  });

  it('refuses text or a list in place of the rows', () => {
    expect(() => personalizationField.read('Deal Name=Acme')).toThrow(
      /^Personalization: fill this in as rows/,
    );
    expect(() => personalizationField.read(['a'])).toThrow(/^Personalization: fill this in as rows/);
  });
});

describe('parseRecipient', () => {
  it('takes exactly one of Identity, Email and Object ID, trimmed', () => {
    expect(parseRecipient({ identity: ' 51 ' })).toEqual({ identity: '51' });
    expect(parseRecipient({ email: 'ada@example.com', identity: '', objectId: '  ' })).toEqual({
      email: 'ada@example.com',
    });
    expect(parseRecipient({ objectId: '-2ce3cca260664f70b82b1c6bb505f462' })).toEqual({
      objectId: '-2ce3cca260664f70b82b1c6bb505f462',
    });
  });

  it('asks for one when none is given', () => {
    expect(() => parseRecipient({})).toThrow(/^Identity \/ Email \/ Object ID: fill in one of them/);
  });

  it('refuses two or three, naming those filled in', () => {
    expect(() => parseRecipient({ identity: '51', email: 'ada@example.com' })).toThrow(
      /^Identity \/ Email: fill in only one of them/,
    );
    expect(() => parseRecipient({ email: 'ada@example.com', objectId: '-1' })).toThrow(
      /^Email \/ Object ID: fill in only one/,
    );
    expect(() => parseRecipient({ identity: '51', email: 'ada@example.com', objectId: '-1' })).toThrow(
      /^Identity \/ Email \/ Object ID: fill in only one/,
    );
  });

  it('checks the email and the Object ID', () => {
    expect(() => parseRecipient({ email: 'ada at example' })).toThrow(
      /^Email: "ada at example" is not an email/,
    );
    expect(() => parseRecipient({ objectId: '-2ce3 cca' })).toThrow(
      /^Object ID: "-2ce3 cca" contains spaces/,
    );
  });

  it('keeps {{...}} text: a message is not a lookup, nothing strips it', () => {
    expect(parseRecipient({ identity: 'a{{b}}c' })).toEqual({ identity: 'a{{b}}c' });
  });
});
