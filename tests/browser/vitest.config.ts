import { defineConfig } from "vitest/config";

// One browser and a real server per file; files run one after another, so the tests never
// compete with each other for the machine's two cores.
export default defineConfig({
  test: {
    include: ["*.test.ts"],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
    reporters: ["verbose"],
  },
});
