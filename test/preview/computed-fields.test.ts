// What the preview does with parts of Zapier's schema the CleverTap app does not use today: functions in
// inputFields (evaluated through zapier-platform-core with the connection and the values so far, again when a field
// with altersDynamicFields changes), type coercion of those computed fields, long messages, and crashed performs.
import zapier, { type Bundle, type ZObject } from 'zapier-platform-core';
import type { Preview } from '../../preview/server';
import { previewOf } from './made-up-app';
import type { ConnectionAnswer, DefinitionAnswer, FieldsAnswer, StepAnswer } from './api-types';
import { at } from '../at';

const computedFields = (_z: ZObject, bundle: Bundle) =>
  bundle.inputData.kind === 'counted'
    ? [{ key: 'count', label: 'Count', type: 'integer', required: true, helpText: 'How **many**.' }]
    : [];

const perform = (z: ZObject, bundle: Bundle) => {
  if (bundle.inputData.kind === 'crash') return (undefined as unknown as { x: () => void }).x();
  if (bundle.inputData.kind === 'long')
    throw new z.errors.Error(`Kind: ${'too long, '.repeat(40)}end.`, 'long', 400);
  return { kind: bundle.inputData.kind, count: bundle.inputData.count, seenBy: bundle.authData.user };
};

const app = {
  version: '0.0.1',
  platformVersion: zapier.version,
  authentication: {
    type: 'custom',
    fields: [{ key: 'user', label: 'User', required: true }],
    test: (_z: ZObject, bundle: Bundle) => ({ name: `User ${bundle.authData.user}` }),
    connectionLabel: (_z: ZObject, bundle: Bundle) =>
      `Label from a function: ${String(bundle.inputData.name)}`,
  },
  creates: {
    thing: {
      key: 'thing',
      noun: 'Thing',
      display: { label: 'Create Thing', description: 'Creates a thing.' },
      operation: {
        inputFields: [
          {
            key: 'kind',
            label: 'Kind',
            required: true,
            choices: { plain: 'Plain', counted: 'Counted', crash: 'Crash', long: 'Long' },
            altersDynamicFields: true,
          },
          computedFields,
        ],
        perform,
        sample: { kind: 'plain' },
      },
    },
  },
};

let preview: Preview;
const authData = { user: 'ada' };

async function post<T = StepAnswer>(path: string, body: unknown): Promise<T> {
  const response = await fetch(new URL(path, preview.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

beforeAll(async () => {
  preview = await previewOf(app);
});

afterAll(() => preview.close());

it('describes only the declared fields, and counts the functions', async () => {
  const definition = (await (
    await fetch(new URL('/api/definition', preview.url))
  ).json()) as DefinitionAnswer;
  const thing = at(definition.actions, 0);
  expect(thing.fields.map((f) => f.key)).toEqual(['kind']);
  expect(thing.computedSources).toBe(1);
  expect(thing.fields[0]).toMatchObject({ altersDynamicFields: true, control: 'select' });
});

it('evaluates the functions through core with the values so far, marking what they computed', async () => {
  expect(
    (await post<FieldsAnswer>('/api/actions/create/thing/fields', { authData, form: { kind: 'plain' } }))
      .fields,
  ).toEqual([expect.objectContaining({ key: 'kind' })]);
  const { fields } = await post<FieldsAnswer>('/api/actions/create/thing/fields', {
    authData,
    form: { kind: 'counted' },
  });
  expect(fields.map((f) => [f.key, f.computed === true])).toEqual([
    ['kind', false],
    ['count', true],
  ]);
  expect(fields[1]).toMatchObject({
    type: 'integer',
    required: true,
    helpHtml: '<p>How <strong>many</strong>.</p>',
  });
});

it('coerces computed fields by their own type and checks their required mark', async () => {
  const missing = await post('/api/actions/create/thing/test', { authData, form: { kind: 'counted' } });
  expect(missing.step).toMatchObject({ outcome: 'missing', missing: ['Count'] });
  const result = await post('/api/actions/create/thing/test', {
    authData,
    form: { kind: 'counted', count: '12 apples' },
  });
  expect(result.step.outcome).toBe('output');
  expect(result.step.handedOver).toEqual({ kind: 'counted', count: 12 });
  expect(result.step.output).toEqual({ kind: 'counted', count: 12, seenBy: 'ada' });
});

it('labels the connection with a function label run through core', async () => {
  expect(await post<ConnectionAnswer>('/api/connection/test', { authData })).toMatchObject({
    outcome: 'connected',
    label: 'Label from a function: User ada',
  });
});

it('shows the first 250 characters of a long message and what Zapier cuts', async () => {
  const { step } = await post('/api/actions/create/thing/test', { authData, form: { kind: 'long' } });
  expect(step.error.name).toBe('AppError');
  expect(step.error.shown).toHaveLength(250);
  expect(step.error.shown).toMatch(/^Kind: too long/);
  expect(step.error.shown + step.error.cut).toBe(step.error.message);
  expect(step.error.cut).toMatch(/end\.$/);
});

it('shows a crashed perform as Zapier would: its class and message', async () => {
  const { step } = await post('/api/actions/create/thing/test', { authData, form: { kind: 'crash' } });
  expect(step.outcome).toBe('error');
  expect(step.error.name).toBe('TypeError');
  expect(step.error.meaning).toMatch(/crashed/);
  expect(step.error.shown).toMatch(/undefined/);
});
