/**
 * Unit tests need nothing; integration tests use a managed Neo4j started in globalSetup, one per worker
 * (test/helpers/worker-neo4j.ts), so two files run side by side, each on a database of its own. A server named by
 * TEST_NEO4J_URI is one database: then files run one at a time.
 * ts-jest only transpiles (isolatedModules, set in tsconfig.json): globalSetup type-checks src, tests and the rest
 * once with `npm run typecheck`, instead of ts-jest type-checking each file's program as it loads
 * (docs/operations.md#ci).
 */
module.exports = {
  testEnvironment: "node",
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  testMatch: ["<rootDir>/test/**/*.test.ts"],
  setupFiles: ["reflect-metadata", "<rootDir>/test/helpers/worker-neo4j.ts"],
  globalSetup: "<rootDir>/test/helpers/global-setup.ts",
  globalTeardown: "<rootDir>/test/helpers/global-teardown.ts",
  testSequencer: "<rootDir>/test/helpers/test-sequencer.js",
  maxWorkers: process.env.TEST_NEO4J_URI ? 1 : 2,
  testTimeout: 120000,
};
