import { defineConfig } from 'vitest/config';

/**
 * The Team Hub's tests: a real PostgreSQL from Debian's package (started once by the global setup, as the
 * `postgres` user, in a temp folder on a free port; each test file gets a database of its own) and the real hub
 * over HTTP on 127.0.0.1.
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/hub/**/*.test.ts'],
    globalSetup: ['tests/hub/support/global-setup.ts'],
    setupFiles: ['tests/fixtures/bundled-phone-data.setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
