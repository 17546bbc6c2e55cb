import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Unit tests run in Node: pure logic in src/ (next to the code), the benchmarks' shared code and the scripts.
// The Playwright end-to-end tests in e2e/ have their own runner (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default leaves one core to its main process, which mostly waits: one worker on CI's two cores.
    // Two workers there (elsewhere the default, one per core but one).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
