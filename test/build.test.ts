import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../bin/build.js';

/* The bundle `npm start` runs: built once, kept while no source changes, rebuilt after a change. */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mmn-build-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

describe('ensureBuilt', () => {
  it('bundles the sources, keeps the bundle while they are unchanged, and rebuilds after a change', async () => {
    write('package.json', '{"type":"module"}');
    write('tsconfig.json', '{"compilerOptions":{"jsx":"react-jsx","jsxImportSource":"preact"}}');
    write('src/greeting.ts', "export const greeting: string = 'Guten Tag';\n");
    write('src/main.ts', "import { greeting } from './greeting.ts';\nconsole.log(greeting);\n");
    // The second entry point, the search walk's worker (src/modules/search/walk-pool.ts).
    write('src/modules/search/walk-worker.ts', "console.log('walking');\n");

    expect(await ensureBuilt(root)).toBe(true);
    const stamp = path.join(root, 'dist', '.built');
    expect(fs.readFileSync(path.join(root, 'dist', 'main.js'), 'utf8')).toContain('Guten Tag');
    expect(fs.existsSync(path.join(root, 'dist', 'search-walk.js'))).toBe(true);
    const builtAt = fs.statSync(stamp).mtimeMs;

    expect(await ensureBuilt(root)).toBe(true);
    expect(fs.statSync(stamp).mtimeMs).toBe(builtAt);

    write('src/greeting.ts', "export const greeting: string = 'Moin';\n");
    const later = new Date(builtAt + 2000);
    fs.utimesSync(path.join(root, 'src/greeting.ts'), later, later);
    expect(await ensureBuilt(root)).toBe(true);
    expect(fs.readFileSync(path.join(root, 'dist', 'main.js'), 'utf8')).toContain('Moin');
    expect(fs.existsSync(path.join(root, '.dist.lock'))).toBe(false);
  });

  it('says false instead of throwing when the sources do not bundle', async () => {
    write('src/main.ts', "import { missing } from './nowhere.ts';\nconsole.log(missing);\n");
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'src/main.ts'), later, later);
    expect(await ensureBuilt(root)).toBe(false);
    expect(fs.existsSync(path.join(root, '.dist.lock'))).toBe(false);
  });
});
