// The preview's server in-process for a small made-up app (parts of Zapier's schema the CleverTap app does not use,
// or behaviour a test needs to count): its own sandbox, zapier-platform-core's app tester, the real page files.
import { join } from 'node:path';
import zapier from 'zapier-platform-core';
import type { PreviewApp } from '../../preview/definition';
import { startManagedSandbox } from '../../preview/sandbox-control';
import { readHubSpotSamples } from '../../preview/samples';
import { startPreview, type Preview } from '../../preview/server';

const ROOT = join(__dirname, '..', '..');

/** What every made-up app has: a version, core's version, and a custom connection of one field, User. */
export function madeUpApp<T extends object>(test: (...args: never[]) => unknown, parts: T) {
  return {
    version: '0.0.1',
    platformVersion: zapier.version,
    authentication: { type: 'custom', fields: [{ key: 'user', label: 'User', required: true }], test },
    ...parts,
  };
}

/** Starts the preview of `app`; `close` stops it and its sandbox. */
export async function previewOf(app: PreviewApp): Promise<Preview> {
  const sandbox = await startManagedSandbox();
  const preview = await startPreview({
    app,
    appTester: zapier.createAppTester(app),
    sandbox,
    samples: readHubSpotSamples(join(ROOT, 'test', 'fixtures')),
    staticDir: join(ROOT, 'preview', 'static'),
  });
  return {
    ...preview,
    close: async () => {
      await preview.close();
      await sandbox.close();
    },
  };
}
