// Dynamic dropdowns in the preview (`dynamic: "trigger.id.label"`): the hidden trigger's perform run through
// zapier-platform-core's app tester with the connection, its results as choices, its failure as the Zap user would
// read it, and core's z.cache kept between runs (a made-up app counts what its trigger fetched).
import type { Bundle, ZObject } from 'zapier-platform-core';
import type { Preview } from '../../preview/server';
import { madeUpApp, previewOf } from './made-up-app';
import { choicesOf, type DropdownOutcome } from '../../preview/steps';

let fetches = 0;
let seenMeta: unknown;

/** Names "fetched" once per connection and kept in z.cache, as the CleverTap app keeps the account's events. */
const colors = async (z: ZObject, bundle: Bundle) => {
  seenMeta = bundle.meta;
  const key = `colors:${String(bundle.authData.user)}`;
  const cached = (await z.cache.get(key)) as string[] | null;
  if (cached) return cached.map((name) => ({ id: name, name }));
  fetches += 1;
  const names = ['Red', 'Green', `${String(bundle.authData.user)}'s Blue`];
  await z.cache.set(key, names, 300);
  return names.map((name) => ({ id: name, name }));
};

const broken = (z: ZObject) => {
  throw new z.errors.Error('Shapes could not be listed: reconnect the account.', 'broken', 401);
};

const trigger = (key: string, perform: (z: ZObject, bundle: Bundle) => unknown) => ({
  key,
  noun: 'Name',
  display: { label: key, description: `Lists ${key}.`, hidden: true },
  operation: { perform },
});

const app = madeUpApp(() => ({}), {
  triggers: { colors: trigger('colors', colors), shapes: trigger('shapes', broken) },
  creates: {
    paint: {
      key: 'paint',
      noun: 'Paint',
      display: { label: 'Paint', description: 'Paints a thing.' },
      operation: {
        inputFields: [{ key: 'color', label: 'Color', required: true, dynamic: 'colors.id.name' }],
        perform: (_z: ZObject, bundle: Bundle) => ({ color: bundle.inputData.color }),
        sample: { color: 'Red' },
      },
    },
  },
});

let preview: Preview;

async function dropdown(dynamic: string, user = 'ada'): Promise<DropdownOutcome & { requests?: number }> {
  const response = await fetch(new URL('/api/dropdown', preview.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ authData: { user }, dynamic }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as DropdownOutcome & { requests?: number };
}

beforeAll(async () => {
  preview = await previewOf(app);
});

afterAll(() => preview.close());

it("fills a dynamic dropdown from the trigger's results through core, as the editor does", async () => {
  const result = await dropdown('colors.id.name');
  expect(result).toEqual({
    outcome: 'choices',
    choices: [
      { value: 'Red', label: 'Red' },
      { value: 'Green', label: 'Green' },
      { value: "ada's Blue", label: "ada's Blue" },
    ],
    // The trigger asked nothing of the test server.
    requests: 0,
  });
  expect(seenMeta).toMatchObject({ page: 0, isFillingDynamicDropdown: true });
});

it("gives the trigger core's z.cache, kept between runs: a second fill fetches nothing", async () => {
  const before = fetches;
  await dropdown('colors.id.name', 'grace');
  await dropdown('colors.id.name', 'grace');
  expect(fetches).toBe(before + 1);
});

it('shows a failing trigger as the Zap user reads it, and names a missing trigger', async () => {
  const failed = await dropdown('shapes.id.name');
  expect(failed).toMatchObject({
    outcome: 'error',
    error: { name: 'AppError', shown: 'Shapes could not be listed: reconnect the account.' },
  });
  expect(await dropdown('nothing.id.name')).toMatchObject({
    outcome: 'unavailable',
    reason: expect.stringContaining('"nothing.id.name"'),
  });
  expect(await dropdown('__proto__.id')).toMatchObject({ outcome: 'unavailable' });
});

it('refuses a request that names no dropdown', async () => {
  const response = await fetch(new URL('/api/dropdown', preview.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ authData: {} }),
  });
  expect(response.status).toBe(400);
});

describe('choicesOf', () => {
  it('takes the value from the id key and the text from the label key, skipping entries without an id', () => {
    expect(
      choicesOf([{ id: 7, title: 'Seven' }, { id: 'x' }, { title: 'none' }, null, 'text'], 'id', 'title'),
    ).toEqual([
      { value: '7', label: 'Seven' },
      { value: 'x', label: 'x' },
    ]);
    expect(choicesOf({ not: 'a list' }, 'id', 'name')).toEqual([]);
  });
});
