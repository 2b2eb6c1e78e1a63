import { InputError } from '../../src/input/errors';
import { checkProperties, parseEventName } from '../../src/input/properties';
import { MESSAGE_LIMIT } from '../../src/wording';

const FIELD = 'Event Properties';

const messageOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
};

describe('checkProperties', () => {
  it('returns the properties unchanged when every key and value passes', () => {
    const properties = { Plan: 'Gold', Score: 42, Tags: ['a'] };
    expect(checkProperties('Profile Properties', properties, 'profile')).toBe(properties);
    expect(checkProperties(FIELD, {}, 'event')).toEqual({});
  });

  it('names the field and the problem, and says what to do', () => {
    expect(messageOf(() => checkProperties(FIELD, { 'a.b': 1 }, 'event'))).toBe(
      'Event Properties: this has the property name "a.b", which contains "." (not allowed in CleverTap ' +
        'property names). Correct the properties and try again.',
    );
  });

  it('joins several problems', () => {
    expect(messageOf(() => checkProperties(FIELD, { A: null, B: Number.NaN }, 'event'))).toBe(
      'Event Properties: this has no value (null) for "A": remove the property, or give it a value; it has a ' +
        'value for "B" that is not a finite number. Correct the properties and try again.',
    );
  });

  it('shows as many problems as fit in what Zapier shows, and says how many more there are', () => {
    // Eight empty names: 'has an empty property name' eight times. With the 10-character label, five of them fit
    // in the 250 characters beside the label, the advice and room for "(and 99 more)"; a sixth would not.
    const empty = Object.fromEntries([...Array(8)].map((_, i) => [' '.repeat(i), 1]));
    const message = messageOf(() => checkProperties('Properties', empty, 'event'));
    expect(message).toBe(
      `Properties: this ${Array(5).fill('has an empty property name').join('; it ')} (and 3 more). ` +
        'Correct the properties and try again.',
    );
    expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
  });

  it('keeps the whole message within what Zapier shows, with a long field label and many problems', () => {
    const label = 'Custom Event Properties for the Charged Event';
    const many = Object.fromEntries([...Array(120)].map((_, i) => [`K${i}$`, 1]));
    const message = messageOf(() => checkProperties(label, many, 'event'));
    expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(message).toMatch(
      /^Custom Event Properties for the Charged Event: this has the property name "K0\$"/,
    );
    expect(message).toMatch(/ \(and 119 more\)\. Correct the properties and try again\.$/);
  });

  it('checks by kind: "#" is refused in profile keys only, Items only for a purchase', () => {
    expect(checkProperties(FIELD, { '#tag': 1 }, 'event')).toEqual({ '#tag': 1 });
    expect(messageOf(() => checkProperties('Profile Properties', { '#tag': 1 }, 'profile'))).toMatch(/"#"/);
    const items = { Items: [{ 'Product Name': 'Pen' }] };
    expect(checkProperties(FIELD, items, 'event', true)).toBe(items);
    expect(messageOf(() => checkProperties(FIELD, items, 'event'))).toMatch(/only a Charged event has Items/);
  });
});

describe('parseEventName', () => {
  it('returns the name, trimmed', () => {
    expect(parseEventName('Event Name', '  Deal Won ')).toBe('Deal Won');
    expect(parseEventName('Event Name', 'Charged')).toBe('Charged');
  });

  it.each([undefined, null, '', '   '])('%j: asks for a name', (value) => {
    expect(messageOf(() => parseEventName('Event Name', value))).toBe(
      'Event Name: fill in the name of the event, such as "Deal Won".',
    );
  });

  it('refuses a name CleverTap refuses, saying why', () => {
    expect(messageOf(() => parseEventName('Event Name', 'Deal|Won'))).toBe(
      'Event Name: the event name contains "|", which CleverTap does not allow in event names. Choose another ' +
        'name for the event.',
    );
    expect(messageOf(() => parseEventName('Event Name', 'web page viewed'))).toBe(
      'Event Name: the event name is "Web Page Viewed", an event CleverTap records itself and does not accept ' +
        'from uploads. Choose another name for the event.',
    );
  });
});
