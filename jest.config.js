/**
 * Unit tests need nothing; integration tests share one managed Neo4j started in globalSetup, so files run one at a time.
 * ts-jest only transpiles (isolatedModules, set in tsconfig.json): globalSetup type-checks src, tests and the rest
 * once with `npm run typecheck`, instead of ts-jest type-checking each file's program as it loads
 * (docs/operations.md#ci).
 */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  setupFiles: ["reflect-metadata"],
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/test/helpers/global-teardown.ts",
  maxWorkers: 1,
  testTimeout: 120000,
};
