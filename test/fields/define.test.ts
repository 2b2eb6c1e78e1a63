/** One declaration per field: the Zapier input field and its reader together, and the two ways actions use them. */
import {
  choiceInput,
  defineChoiceField,
  defineField,
  pickField,
  withDropdown,
  withHelpText,
} from '../../src/fields/define';
import { InputError } from '../../src/input/errors';

const planField = defineField(
  { key: 'plan', label: 'Plan Name', type: 'string', required: false, helpText: 'The plan, e.g. `Gold`.' },
  (label, value) => {
    if (value === 'bad') throw new InputError(label, 'is not a plan.');
    return { label, value };
  },
);

describe('defineField', () => {
  it('keeps the input field as declared, for the Zap editor', () => {
    expect(planField.input).toEqual({
      key: 'plan',
      label: 'Plan Name',
      type: 'string',
      required: false,
      helpText: 'The plan, e.g. `Gold`.',
    });
  });

  it("gives the reader the field's label with the value, so its messages name the field", () => {
    expect(planField.read('Gold')).toEqual({ label: 'Plan Name', value: 'Gold' });
    expect(() => planField.read('bad')).toThrow(new InputError('Plan Name', 'is not a plan.'));
    expect(() => planField.read('bad')).toThrow(/^Plan Name: is not a plan\.$/);
  });
});

describe('withHelpText', () => {
  const other = withHelpText(planField, 'The plan of each item.');

  it('changes the help text and nothing else of the input field', () => {
    expect(other.input).toEqual({ ...planField.input, helpText: 'The plan of each item.' });
  });

  it('keeps the reader, still naming the field by its label', () => {
    expect(other.read).toBe(planField.read);
    expect(other.read('Silver')).toEqual({ label: 'Plan Name', value: 'Silver' });
  });

  it('leaves the original field as it was', () => {
    expect(planField.input.helpText).toBe('The plan, e.g. `Gold`.');
  });
});

describe('withDropdown', () => {
  const offered = withDropdown(planField, 'account_plans.id.name');

  it('adds the dropdown and changes nothing else of the input field or its reader', () => {
    expect(offered.input).toEqual({ ...planField.input, dynamic: 'account_plans.id.name' });
    expect(offered.read).toBe(planField.read);
    expect(planField.input).not.toHaveProperty('dynamic');
  });
});

describe('pickField', () => {
  const fields = [
    { key: 'name', label: 'Name' },
    { key: 'email', label: 'Email' },
    { key: 'phone', label: 'Phone' },
  ] as const;

  it('finds a field by its key, wherever it is in the list', () => {
    expect(pickField(fields, 'email')).toBe(fields[1]);
    expect(pickField([...fields].reverse(), 'email')).toBe(fields[1]);
    expect(pickField(fields, 'phone').label).toBe('Phone');
  });

  it('throws for a key the list does not have, rather than hand back another field', () => {
    const loose: readonly { key: string }[] = fields;
    expect(() => pickField(loose, 'gender')).toThrow('no field "gender"');
    const none: readonly { key: string }[] = [];
    expect(() => pickField(none, 'name')).toThrow('no field "name"');
  });
});

describe('defineChoiceField', () => {
  const sizeField = defineChoiceField(
    { key: 'size', label: 'Cup Size', helpText: 'How big.' },
    {
      small: { label: 'Small (default)', named: 'Small' },
      large: { label: 'Large cup', named: 'Large' },
    },
    'small',
  );

  it('declares a string dropdown of the choices, in their order, with the fallback as default', () => {
    expect(sizeField.input).toEqual({
      key: 'size',
      label: 'Cup Size',
      helpText: 'How big.',
      required: false,
      default: 'small',
      type: 'string',
      choices: [
        { value: 'small', sample: 'small', label: 'Small (default)' },
        { value: 'large', sample: 'large', label: 'Large cup' },
      ],
    });
  });

  it.each([
    [undefined, 'small'],
    ['  ', 'small'],
    ['LARGE', 'large'],
    [' small ', 'small'],
  ])('reads %p as %p', (value, expected) => {
    expect(sizeField.read(value)).toBe(expected);
  });

  it('refuses anything else, naming the field and every choice', () => {
    expect(() => sizeField.read('huge')).toThrow(
      'Cup Size: "huge" is not one of the choices: pick Small (small) or Large (large).',
    );
  });
});

describe('choiceInput', () => {
  it('keeps what the field declares and lists each value with its label', () => {
    expect(
      choiceInput({ key: 'op', label: 'Op', helpText: 'h', required: true }, { a: 'A', b: 'B' }),
    ).toEqual({
      key: 'op',
      label: 'Op',
      helpText: 'h',
      required: true,
      type: 'string',
      choices: [
        { value: 'a', sample: 'a', label: 'A' },
        { value: 'b', sample: 'b', label: 'B' },
      ],
    });
  });
});
