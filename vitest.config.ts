import { defineConfig } from 'vitest/config';

/**
 * One vitest run, three layers (projects), so scripts/test can sum them in one line:
 * - unit: `*.test.ts(x)` beside the code, no services (happy-dom where a file asks for it);
 * - integration: `*.int.test.ts`, the relay with real sockets on PGlite, real Postgres and real Redis;
 * - e2e: `*.e2e.test.ts`, headless Chromium driving the built widget and console.
 * Real Postgres and Redis are started once by the global setup, on free loopback ports.
 */
const services = './packages/test-services/src/global-setup.ts';

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,apps}/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.e2e.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{packages,apps}/*/{src,test}/**/*.int.test.ts', 'bench/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          globalSetup: [services],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          globalSetup: [services],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
