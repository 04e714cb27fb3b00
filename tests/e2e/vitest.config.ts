import { defineConfig } from 'vitest/config';

/**
 * End-to-end suite: the built extension in Debian's Chromium (and Firefox ESR), real SIP calls through Kamailio
 * on 127.0.0.1.
 * Files run one after another (each launches its own browser; the machine has two cores).
 */
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    setupFiles: ['tests/fixtures/bundled-phone-data.setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    bail: 1,
    environment: 'node',
  },
});
