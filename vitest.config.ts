import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/e2e/**', 'tests/hub/**', 'node_modules/**'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    restoreMocks: true,
    // The walks over years of dates and the 10,000-record upgrade take seconds on a busy 2-core machine; a wall-clock
    // limit is not what these tests assert (speed targets live in `npm run bench`).
    testTimeout: 30_000,
  },
});
