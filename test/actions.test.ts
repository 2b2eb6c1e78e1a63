import App from '../index';
import { ACTION_MODULES, ActionGroup, declarationsOf, moduleOf, REPLAYS, replayOfMinimal } from './actions';

interface Field {
  key: string;
  children?: Field[];
}

const GROUPS: ActionGroup[] = ['creates', 'searches'];
const wired = (group: ActionGroup) =>
  (App[group] ?? {}) as Record<string, { key: string; operation: { inputFields: Field[] } }>;
const everyAction = GROUPS.flatMap((group) => Object.keys(wired(group)).map((key) => [group, key] as const));

describe('the action modules (test/actions.ts)', () => {
  it.each(GROUPS)('lists exactly the %s of the app definition, each the module the app wires', (group) => {
    expect(Object.keys(ACTION_MODULES[group]).sort()).toEqual(Object.keys(wired(group)).sort());
    for (const [key, module] of Object.entries(ACTION_MODULES[group]))
      expect(module.default.definition).toBe(wired(group)[key]);
  });

  it("reads a replay class, or asks a declared function about the minimal input's Operation", () => {
    expect(replayOfMinimal('sends_twice', {})).toBe('sends_twice');
    const byOperation = (operation: string) => (operation === 'increment' ? 'stores_twice' : 'safe');
    expect(replayOfMinimal(byOperation, { operation: 'increment' })).toBe('stores_twice');
    expect(replayOfMinimal(byOperation, { operation: 'add' })).toBe('safe');
    expect(replayOfMinimal('twice', {})).toBeUndefined();
    expect(replayOfMinimal(undefined, {})).toBeUndefined();
  });

  it('names where to add an action it does not list', () => {
    expect(() => moduleOf('creates', 'send_postcard')).toThrow(
      'creates.send_postcard is not listed in test/actions.ts: add its module there',
    );
  });
});

describe.each(everyAction)('%s.%s declares beside its definition', (group, key) => {
  const { minimalInput, replay } = declarationsOf(group, key);
  const fields = wired(group)[key]?.operation.inputFields ?? [];

  it('a replay class', () => {
    expect(REPLAYS).toContain(replay);
  });

  it('a minimal input of its own fields only, line items included', () => {
    expect(Object.keys(minimalInput).length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(minimalInput)) {
      const field = fields.find((f) => f.key === name);
      expect(field?.key).toBe(name);
      if (!field?.children) continue;
      const children = field.children.map((child) => child.key);
      expect(Array.isArray(value)).toBe(true);
      for (const item of value as Record<string, unknown>[])
        expect(children).toEqual(expect.arrayContaining(Object.keys(item)));
    }
  });
});
