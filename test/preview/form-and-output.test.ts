import { renderConnectionLabel } from '../../preview/connection';
import { describeField, type PageField } from '../../preview/definition';
import { formToInputData, missingRequired } from '../../preview/form';
import { flattenLikeZapier, outputRows } from '../../preview/output';

const field = (key: string, more: Partial<Parameters<typeof describeField>[0]> = {}): PageField =>
  describeField({ key, label: key.toUpperCase(), ...more });

describe('formToInputData', () => {
  const fields = [
    field('name'),
    field('count', { type: 'integer', required: true }),
    field('properties', { dict: true }),
    field('tags', { list: true }),
    field('note', { type: 'copy', helpText: 'Read me' }),
    field('items', { children: [{ key: 'sku' }, { key: 'qty', type: 'number' }] }),
  ];

  it('turns rows into an object, entries into a list and line items into objects, in the fields order', () => {
    const inputData = formToInputData(fields, {
      items: [
        { sku: 'A', qty: '2' },
        { sku: '', qty: '' },
      ],
      tags: ['vip', ''],
      properties: [
        ['Plan', 'Gold'],
        ['', 'no name'],
        ['Plan', 'Platinum'],
        ['Empty', ''],
      ],
      count: '3',
      name: 'Ada',
      note: 'ignored',
      unknown: 'dropped',
    });
    expect(inputData).toEqual({
      name: 'Ada',
      count: '3',
      properties: { Plan: 'Platinum', Empty: '' },
      tags: ['vip', ''],
      items: [{ sku: 'A', qty: '2' }, {}],
    });
    expect(Object.keys(inputData)).toEqual(['name', 'count', 'properties', 'tags', 'items']);
  });

  it('leaves fields left empty out of the input, as the Zap editor does', () => {
    expect(
      formToInputData([field('flag', { type: 'boolean' }), field('name')], { flag: '', name: '' }),
    ).toEqual({});
  });

  it('keeps values as typed (no trimming, no coercion: that is Zapier boundary work)', () => {
    expect(formToInputData([field('n', { type: 'number' })], { n: ' 1,200.50 ' })).toEqual({
      n: ' 1,200.50 ',
    });
  });
});

describe('missingRequired', () => {
  const fields = [
    field('a', { required: true }),
    field('b'),
    field('rows', { dict: true, required: true }),
    field('c', { required: true }),
  ];

  it('names the required fields that are still empty after Zapier handed the input over', () => {
    expect(missingRequired(fields, { a: 'x', rows: {}, c: false })).toEqual(['ROWS']);
    expect(missingRequired(fields, {})).toEqual(['A', 'ROWS', 'C']);
    expect(missingRequired(fields, { a: 'x', rows: { k: 'v' }, c: 0 })).toEqual([]);
  });
});

describe('flattenLikeZapier', () => {
  it('joins nested keys with __ and line items as parent[]child', () => {
    expect(
      flattenLikeZapier({
        status: 'success',
        processed: 1,
        evtData: { Amount: 1200.5, Deal: { Name: 'Acme' }, Empty: {} },
        Items: [{ Name: 'A', Price: 1 }, { Name: 'B' }, { Price: 3, Extra: true }],
        tags: ['vip', 2],
        none: null,
      }),
    ).toEqual([
      ['status', 'success'],
      ['processed', '1'],
      ['evtData__Amount', '1200.5'],
      ['evtData__Deal__Name', 'Acme'],
      ['evtData__Empty', ''],
      ['Items[]Name', 'A,B,'],
      ['Items[]Price', '1,,3'],
      ['Items[]Extra', ',,true'],
      ['tags', 'vip,2'],
      ['none', 'null'],
    ]);
  });
});

describe('outputRows', () => {
  const outputFields = [
    { key: 'processed', label: 'Records Processed' },
    { key: 'status', label: 'Status' },
    { key: 'evtData__Amount', label: 'Amount' },
    { key: 'absent', label: 'Not In Output' },
  ];

  it('lists declared output fields first with their labels, then the other keys', () => {
    expect(
      outputRows({ status: 'success', evtData: { Amount: 5, Stage: 'won' }, processed: 1 }, outputFields),
    ).toEqual([
      { key: 'processed', label: 'Records Processed', value: '1' },
      { key: 'status', label: 'Status', value: 'success' },
      { key: 'evtData__Amount', label: 'Amount', value: '5' },
      { key: 'evtData__Stage', value: 'won' },
    ]);
  });

  it("uses a search's first result, and lists nothing for no result", () => {
    expect(outputRows([{ status: 'a' }, { status: 'b' }], outputFields)).toEqual([
      { key: 'status', label: 'Status', value: 'a' },
    ]);
    expect(outputRows([], outputFields)).toEqual([]);
  });
});

describe('renderConnectionLabel', () => {
  const authData = { accountId: 'W9R-486-4W5Z', passcode: 'secret', region: 'eu1' };
  const result = { accountId: 'W9R-486-4W5Z', regionName: 'Europe (eu1)', nested: { id: 7 } };

  it("fills the template from the test's result and the connection's fields", () => {
    expect(
      renderConnectionLabel(
        '{{bundle.inputData.accountId}} ({{bundle.inputData.regionName}})',
        authData,
        result,
      ),
    ).toBe('W9R-486-4W5Z (Europe (eu1))');
    expect(renderConnectionLabel('{{ bundle.authData.region }}: {{regionName}}', authData, result)).toBe(
      'eu1: Europe (eu1)',
    );
  });

  it('reads __ as a dot and leaves missing values empty', () => {
    expect(
      renderConnectionLabel(
        '{{bundle__inputData__nested__id}} {{nope}} {{bundle.inputData.x.y}}',
        authData,
        result,
      ),
    ).toBe('7');
    expect(renderConnectionLabel('{{constructor}}{{bundle.inputData.toString}}', authData, null)).toBe('');
  });
});
