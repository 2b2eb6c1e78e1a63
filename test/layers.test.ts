/**
 * The layers as the tree draws them: no import cycle among the app's modules (src/ and index.ts), found by walking
 * each file's imports as TypeScript reads them (`ts.preProcessFile`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import { ESLint, type Linter } from 'eslint';

const ROOT = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The app's own modules a file imports (relative imports that resolve to a .ts file). */
function localImports(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .filter(({ fileName }) => fileName.startsWith('.'))
    .flatMap(({ fileName }) => {
      const base = path.resolve(path.dirname(file), fileName);
      return [`${base}.ts`, path.join(base, 'index.ts')].filter((candidate) => fs.existsSync(candidate));
    })
    .slice(0, 1);
}

/** Every cycle's path (as ROOT-relative files), found by a depth-first walk. */
function importCycles(files: readonly string[]): string[][] {
  const graph = new Map(files.map((file) => [file, localImports(file)]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(ROOT, f)));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}

describe('imports', () => {
  it('form no cycle in src/ and index.ts', () => {
    const files = [...sourceFiles(path.join(ROOT, 'src')), path.join(ROOT, 'index.ts')];
    expect(files.length).toBeGreaterThan(50);
    expect(importCycles(files)).toEqual([]);
  });

  it('a cycle is found, with its path (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycle-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import { b } from './b';\nexport const a = () => b;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "export { a as b } from './a';\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "import { a } from './a';\nexport const c = a;\n");
      const cycles = importCycles(sourceFiles(dir)).map((cycle) => cycle.map((f) => path.basename(f)));
      expect(cycles).toEqual([['a.ts', 'b.ts', 'a.ts']]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The direction of imports is eslint.config.js's `no-restricted-imports` per folder: an import against it fails
 * `npm run lint`. Each case lints one line placed in a folder, with the project's own config (only that rule; no
 * type information needed).
 */
describe('an import against the layers fails lint', () => {
  // The config is handed over rather than found: ESLint loads a config file with a dynamic import, which jest's
  // module sandbox does not run.
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    // eslint.config.js is CommonJS without types: required as it is.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    baseConfig: require('../eslint.config.js') as Linter.Config[],
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });

  /** The messages of `no-restricted-imports` for `code` as the file `file`. */
  async function restricted(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, {
      filePath: path.join(ROOT, file),
    });
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  }

  it.each([
    [
      'src/clevertap/back.ts',
      "import { x } from '../zapier/errors';",
      'src/clevertap/ is pure CleverTap facts',
    ],
    [
      'src/clevertap/back.ts',
      "import { x } from '../fields/users';",
      'src/clevertap/ is pure CleverTap facts',
    ],
    ['src/clevertap/back.ts', "import { x } from 'zapier-platform-core';", 'no Zapier here'],
    ['src/input/back.ts', "import { x } from '../fields/users';", 'src/input/ imports only'],
    ['src/fields/back.ts', "import { x } from '../zapier/words';", 'src/fields/ imports only'],
    ['src/zapier/back.ts', "import { x } from '../fields/bulk';", 'src/zapier/ imports only'],
    ['src/zapier/back.ts', "import { x } from '../input/errors';", 'src/zapier/ imports only'],
    ['src/zapier/back.ts', "import { x } from '../creates/upsert_profile';", 'src/zapier/ imports only'],
    ['src/creates/back.ts', "import { x } from './upsert_profile';", 'never each other'],
    ['src/searches/back.ts', "import { x } from '../creates/upsert_profile';", 'never each other'],
    ['src/wording.ts', "import { x } from './clevertap/rules';", 'a leaf module imports nothing'],
    ['sandbox/back.ts', "import { x } from '../src/clevertap/rules';", 'the tools import nothing of src/'],
  ])('%s: %s', async (file, code, said) => {
    const messages = await restricted(file, code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('no-restricted-imports');
    expect(messages[0]).toContain(said);
  });

  it.each([
    ['src/clevertap/fine.ts', "import { x } from './rules';"],
    ['src/clevertap/fine.ts', "import { x } from '../wording';"],
    ['src/input/fine.ts', "import { x } from '../clevertap/rules';"],
    ['src/fields/fine.ts', "import { x } from '../input/text';"],
    ['src/zapier/fine.ts', "import { x } from '../clevertap/answers';"],
    ['src/creates/fine.ts', "import { x } from '../zapier/send';"],
    ['src/creates/fine.ts', "import { x } from '../fields/users';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
