import zapier from 'zapier-platform-core';
import { validateApp, prepareApp } from 'zapier-platform-core/src/tools/schema';
import App from '../index';
import packageJson from '../package.json';

describe('the app definition', () => {
  it("passes Zapier's schema validation", () => {
    expect(validateApp(prepareApp(App))).toEqual([]);
  });

  it('pins zapier-platform-core exactly, at the version it declares', () => {
    expect(packageJson.dependencies['zapier-platform-core']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(App.platformVersion).toBe(zapier.version);
    expect(packageJson.dependencies['zapier-platform-core']).toBe(zapier.version);
  });

  const actions = [...Object.values(App.creates ?? {}), ...Object.values(App.searches ?? {})];

  it.each(actions.map((a) => [a.key, a]))(
    '%s has a static sample whose keys are all output fields',
    (_key, action) => {
      const { sample, outputFields } = action.operation as {
        sample?: object;
        outputFields?: { key: string }[];
      };
      expect(sample).toBeDefined();
      const declared = new Set((outputFields ?? []).map((f) => f.key));
      const topLevelScalars = Object.entries(sample ?? {}).filter(([, v]) => typeof v !== 'object');
      expect(topLevelScalars.map(([k]) => k).filter((k) => !declared.has(k))).toEqual([]);
    },
  );

  it('keeps the passcode a password field and out of the connection label', () => {
    const fields = App.authentication?.fields as { key: string; type?: string }[];
    expect(fields.map((f) => f.key)).toEqual(['accountId', 'passcode', 'region']);
    expect(fields.find((f) => f.key === 'passcode')?.type).toBe('password');
    expect(String(App.authentication?.connectionLabel)).not.toMatch(/passcode/i);
  });
});
