/*
 * The module boundaries of decision 006, checked in `npm run lint`:
 * - the platform (src/platform) is the ground floor and imports no module;
 * - a module imports another module only through its public entry, `src/modules/<name>/index.ts`;
 * - a module's manifest, `src/modules/<name>/manifest.ts`, is imported by the module list alone;
 * - modules do not depend on each other in a circle.
 * Tests (and the test helpers they share: testing.ts, test-support.ts, test-client.ts) may reach into any
 * module's internals to arrange data and call a function directly, so they are not cruised at all.
 * Every rule is an error and `npm run lint` runs without a baseline (issue 11 removed the last of the
 * reach-ins and cycles that existed when the rules came). .dependency-cruiser-known-violations.json stays,
 * empty, only so that `--ignore-known` in older instructions still runs; never add to it.
 */
const TESTS = '(\\.test\\.tsx?|/testing\\.ts|/test-support\\.ts|/test-client\\.ts)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      comment: 'The platform is the ground floor: it reads modules only through the registry (src/platform/registry.ts), never by import.',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'module-through-index',
      severity: 'error',
      comment:
        "A module uses another module only through that module's index.ts (its public entry). ",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'manifest-only-from-module-list',
      severity: 'error',
      comment:
        "A module's manifest (manifest.ts) is read by the module list (src/modules/index.ts) alone; other modules use its index.ts, and its own files do not import it.",
      from: { pathNot: '^src/modules/index\\.ts$' },
      to: { path: '^src/modules/[^/]+/manifest\\.ts$' },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'Modules depend on each other in one direction only; share what both need from the lower one or the platform.',
      scope: 'folder',
      from: { path: '^src/modules/[^/]+$' },
      to: { path: '^src/modules/[^/]+$', circular: true },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: [TESTS, '\\.json$'] },
  },
};
