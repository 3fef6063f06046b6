#!/usr/bin/env node
// The command line. It runs the bundle in dist/ (rebuilt with esbuild whenever a source file is newer,
// see bin/build.js) on plain Node.js; where no bundle can be made it runs the TypeScript sources through
// tsx's loader in this very process. Either way signals such as SIGTERM reach the server itself.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from './build.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (process.env.MITMACHNETZ_FROM_SOURCE !== '1' && (await ensureBuilt(root))) {
  process.setSourceMapsEnabled(true);
  await import('../dist/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  // The project's tsconfig (JSX for Preact), whichever folder the command is started from.
  register({ tsconfig: path.join(root, 'tsconfig.json') });
  await import('../src/main.ts');
}
