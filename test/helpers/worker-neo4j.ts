// Runs before each test file (jest.config.js setupFiles): the test run's Neo4j for this file is its worker's own
// (global-setup.ts starts one per worker), so two files running side by side never wipe each other's data. jest
// numbers its workers from 1, and a run in band is worker 1. With TEST_NEO4J_URI set there is one worker and no
// TEST_NEO4J_URI_<n>: the server named is used as it is.
const worker = process.env.JEST_WORKER_ID ?? "1";
const uri = process.env[`TEST_NEO4J_URI_${worker}`];
if (uri) {
  process.env.TEST_NEO4J_URI = uri;
  process.env.TEST_NEO4J_HOME = process.env[`TEST_NEO4J_HOME_${worker}`];
}
