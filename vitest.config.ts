import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // CLI and bot end-to-end tests start processes and servers; a slow CI machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
