import { defineInputFields } from 'zapier-platform-core';
import { defineAction, defineSearchAction } from '../../src/zapier/define-action';

const inputFields = defineInputFields([
  { key: 'identity', label: 'Identity', type: 'string', required: true },
]);
const outputFields = [{ key: 'status', label: 'Status', type: 'string' }] as const;
const sample = { status: 'success' };

describe('defineAction', () => {
  const perform = () => ({ status: 'success' });
  const action = defineAction({
    key: 'send_postcard',
    noun: 'Postcard',
    label: 'Send Postcard',
    description: 'Sends a postcard.',
    inputFields,
    perform,
    replay: 'sends_twice',
    minimalInput: { identity: 'ada@example.com' },
    sample,
    outputFields,
  });

  it("gives Zapier's create definition: the labels under display, the rest under operation", () => {
    expect(action.definition).toEqual({
      key: 'send_postcard',
      noun: 'Postcard',
      display: { label: 'Send Postcard', description: 'Sends a postcard.' },
      operation: { inputFields, perform, sample, outputFields },
    });
    expect(action.definition.operation.perform).toBe(perform);
  });

  it('keeps the declarations beside the definition, out of what Zapier validates', () => {
    expect(action).toMatchObject({
      perform,
      sample,
      replay: 'sends_twice',
      minimalInput: { identity: 'ada@example.com' },
    });
    expect(Object.keys(action.definition).sort()).toEqual(['display', 'key', 'noun', 'operation']);
  });

  it('copies the output fields, so a definition never shares a list another action may hold', () => {
    expect(action.definition.operation.outputFields).not.toBe(outputFields);
  });
});

describe('defineSearchAction', () => {
  it("gives Zapier's search definition and the declarations, with a replay that depends on a value", () => {
    const perform = () => [{ status: 'success' }];
    const replay = (operation: 'increment' | 'add') => (operation === 'increment' ? 'stores_twice' : 'safe');
    const search = defineSearchAction({
      key: 'find_postcard',
      noun: 'Postcard',
      label: 'Find Postcard',
      description: 'Finds a postcard.',
      inputFields,
      perform,
      replay,
      minimalInput: {},
      sample,
      outputFields,
    });
    expect(search.definition).toEqual({
      key: 'find_postcard',
      noun: 'Postcard',
      display: { label: 'Find Postcard', description: 'Finds a postcard.' },
      operation: { inputFields, perform, sample, outputFields },
    });
    expect(search.replay).toBe(replay);
    expect(search.minimalInput).toEqual({});
  });
});
