import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/**/*.test.ts', 'scripts/**/*.test.ts', 'server/**/*.test.ts', 'src-common/**/*.test.ts', 'src-renderer/**/*.test.ts', 'src-main/**/*.test.ts'],
    // Each server test file starts real mediasoup workers; two cores carry one file at a time well.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
