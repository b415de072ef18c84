import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests spawn the built binary; give a loaded shared machine some room.
    testTimeout: 20_000,
    // Most test time is spent waiting on spawned CLIs and on retry back-offs, not on the CPU.
    maxWorkers: 6,
    hookTimeout: 20_000,
  },
});
