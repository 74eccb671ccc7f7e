// jest.config.js's testSequencer: jest's own order, and one thing more. jest resolves the files of a run before its
// globalSetup but does not hand them over, and global-setup.ts starts a managed Neo4j per worker only when the run
// needs one: the files chosen, and how many of them may use Neo4j (any outside test/unit), go to it through the
// environment of this process, which globalSetup shares.
const path = require("node:path");
const Sequencer = require("@jest/test-sequencer").default;

const UNIT = `${path.sep}test${path.sep}unit${path.sep}`;

class RunSizeSequencer extends Sequencer {
  sort(tests) {
    process.env.TEST_RUN_FILES = String(tests.length);
    process.env.TEST_RUN_NEO4J_FILES = String(tests.filter((t) => !t.path.includes(UNIT)).length);
    return super.sort(tests);
  }
}

module.exports = RunSizeSequencer;
