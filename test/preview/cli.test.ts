import { join } from 'node:path';
import { appRoot, parsePort } from '../../preview/cli';

const ROOT = join(__dirname, '..', '..');

describe('parsePort', () => {
  it('takes no argument (a free port) or --port N', () => {
    expect(parsePort([])).toBe(0);
    expect(parsePort(['--port', '4010'])).toBe(4010);
    expect(parsePort(['--port', '65535'])).toBe(65535);
  });

  it('refuses anything else', () => {
    for (const args of [
      ['--port'],
      ['--port', '0'],
      ['--port', '65536'],
      ['--port', '12a'],
      ['-p', '80'],
      ['4010'],
    ])
      expect({ args, port: parsePort(args) }).toEqual({ args, port: undefined });
  });
});

describe('appRoot', () => {
  it('finds the project from the source folder and from the build folder (which has a package.json too)', () => {
    expect(appRoot(join(ROOT, 'preview'))).toBe(ROOT);
    expect(appRoot(join(ROOT, 'dist', 'preview'))).toBe(ROOT);
  });

  it('says so when there is no project above', () => {
    expect(() => appRoot('/')).toThrow(/No project/);
  });
});
