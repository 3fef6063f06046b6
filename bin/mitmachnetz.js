#!/usr/bin/env node
// Runs the TypeScript command line through tsx's loader in this very process, so `npx mitmachnetz <command>`
// works without a build step and signals such as SIGTERM reach the server itself, not a wrapper.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The project's tsconfig (JSX for Preact), whichever folder the command is started from.
register({ tsconfig: path.join(root, 'tsconfig.json') });
await import('../src/main.ts');
