/**
 * `npm run preview`: the Zap editor preview. Starts the local CleverTap test server (sandbox/) and the preview's web
 * server on 127.0.0.1, and prints the address. Builds nothing: it runs the built app (dist/, through index.js, as
 * the Zapier CLI loads it) with the real zapier-platform-core.
 *
 *   node dist-tools/preview/cli.js [--port N]
 *
 * Stops on Ctrl-C (SIGINT) or SIGTERM. The passcode of the made-up sandbox account is never printed.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PreviewApp } from './definition';
import { startManagedSandbox } from './sandbox-control';
import { readHubSpotSamples } from './samples';
import { startPreview } from './server';
import type { AppTester } from './steps';

const USAGE = 'Usage: node dist-tools/preview/cli.js [--port N]   (N: 1-65535; default: a free port)';

/**
 * The app's root: the nearest folder above this file that holds the preview's page (from dist-tools/preview/ or
 * preview/). Not just "has package.json": the app's build copies package.json into dist/ too.
 */
export function appRoot(from = __dirname): string {
  let dir = from;
  while (
    !existsSync(join(dir, 'package.json')) ||
    !existsSync(join(dir, 'preview', 'static', 'index.html'))
  ) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`No project (package.json with preview/static/index.html) above ${from}`);
    dir = parent;
  }
  return dir;
}

export function parsePort(args: readonly string[]): number | undefined {
  if (args.length === 0) return 0;
  if (args.length !== 2 || args[0] !== '--port' || !/^\d+$/.test(args[1] ?? '')) return undefined;
  const port = Number(args[1]);
  return port >= 1 && port <= 65535 ? port : undefined;
}

const write = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  if (port === undefined) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const root = appRoot();
  if (!existsSync(join(root, 'dist', 'index.js'))) {
    process.stderr.write('The app is not built: run `npm run build` first (or `npm run preview`).\n');
    process.exit(1);
  }
  // Core prints request logs, headers included, when these are set; the page shows the traffic without secrets.
  delete process.env.LOG_TO_STDOUT;
  delete process.env.DETAILED_LOG_TO_STDOUT;
  // As `zapier-platform invoke` does: core checks every step's output strictly. Core reads this once, when loaded.
  process.env.NODE_ENV = 'test';

  const sandbox = await startManagedSandbox();
  process.env.CLEVERTAP_API_BASE_URL = sandbox.baseUrl;
  const load = createRequire(join(root, 'package.json'));
  const zapier = load('zapier-platform-core') as typeof import('zapier-platform-core');
  // The public entry, as the Zapier CLI loads it: <root> -> package.json main -> index.js -> dist/index.js.
  const app = load(root) as PreviewApp;
  const appTester = zapier.createAppTester(app) as unknown as AppTester;
  const preview = await startPreview(
    {
      app,
      appTester,
      sandbox,
      samples: readHubSpotSamples(join(root, 'test', 'fixtures')),
      staticDir: join(root, 'preview', 'static'),
    },
    port,
  );

  write(
    `CleverTap for Zapier: Zap editor preview of app ${app.version} (zapier-platform-core ${app.platformVersion})`,
  );
  write(
    `CleverTap test server: ${sandbox.url()} (account ${sandbox.account.id}, region ${sandbox.account.region})`,
  );
  write(`Open ${preview.url}`);
  write('Ctrl-C stops it.');

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.all([preview.close(), sandbox.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`The preview could not start: ${(error as Error)?.message ?? String(error)}\n`);
    process.exit(1);
  });
