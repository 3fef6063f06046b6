// Bundles the TypeScript sources into dist/ with esbuild (about 0.2 s), so the server starts on plain
// Node.js without a TypeScript loader: that halves the time to the first answer and saves the loader's
// memory (docs/decisions/004-bundled-start.md). Packages in node_modules stay outside the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { build, stop } from 'esbuild';

/** Files whose change makes the bundle stale. */
function newestSourceTime(root) {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  visit(path.join(root, 'src'));
  for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'bin/build.js']) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(root) {
  const stamp = path.join(root, 'dist', '.built');
  return fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs >= newestSourceTime(root);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds dist/ unless it is newer than every source file. Processes starting at the same moment
 * (a cluster, parallel CLI calls) take turns through a lock file. Returns false when no bundle can be
 * made (a read-only install, say): the caller then runs the sources through tsx.
 */
export async function ensureBuilt(root) {
  if (isFresh(root)) return true;
  const lock = path.join(root, '.dist.lock');
  for (let waited = 0; ; waited += 100) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') return false;
      // A lock older than a minute was left by a process that died while building.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000) fs.rmSync(lock, { force: true });
      if (waited > 30_000) return false;
      await sleep(100);
      if (isFresh(root)) return true;
    }
  }
  try {
    if (isFresh(root)) return true;
    const outdir = path.join(root, 'dist');
    const startedAt = Date.now();
    const result = await build({
      // The search walk's second thread (src/modules/search/walk-pool.ts) starts dist/search-walk.js.
      entryPoints: { main: path.join(root, 'src/main.ts'), 'search-walk': path.join(root, 'src/modules/search/walk-worker.ts') },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Dependencies load from node_modules as they are; only the project's own code is bundled.
      packages: 'external',
      // Each command imports what it needs when it runs (see src/main.ts): keep those parts separate.
      splitting: true,
      outdir,
      tsconfig: path.join(root, 'tsconfig.json'),
      sourcemap: 'linked',
      logLevel: 'error',
      metafile: true,
    });
    // Chunks carry content hashes and are written beside the old ones, never over them: a server that is
    // still running loads its own chunks later. Files of older builds go after a day.
    const current = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
    for (const name of fs.readdirSync(outdir)) {
      const full = path.join(outdir, name);
      if (!current.has(full) && name !== '.built' && Date.now() - fs.statSync(full).mtimeMs > 86_400_000) fs.rmSync(full, { force: true });
    }
    fs.writeFileSync(path.join(outdir, '.built'), `built in ${Date.now() - startedAt} ms\n`);
    return true;
  } catch (error) {
    console.error(`Could not bundle the sources (${error.message}); running them through tsx instead.`);
    return false;
  } finally {
    // esbuild keeps a helper process for further builds; this process makes none.
    await stop();
    fs.rmSync(lock, { force: true });
  }
}
