import { configDefaults, defineConfig } from "vitest/config";

/** Test files that replace a module with vi.mock: they need a module graph of their own. */
const MOCKING = ["test/config/setting-added.test.ts"];

export default defineConfig({
  test: {
    // End-to-end tests spawn the built binary; give a loaded shared machine some room.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Much test time is spent waiting on spawned CLIs and shells, not on the CPU.
    maxWorkers: 6,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...MOCKING],
          // The commands take everything from an injected Context, so test files can share one
          // module graph per worker: importing src/ once per worker, not once per file, halves the
          // suite's time on two cores.
          isolate: false,
        },
      },
      { extends: true, test: { name: "isolated", include: MOCKING } },
    ],
  },
});
