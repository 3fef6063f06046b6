import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-modules.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two cores: two test files at a time, each with its own database.
    maxWorkers: 2,
    pool: 'forks',
  },
});
