// How many managed Neo4j a test run starts (test/helpers/global-setup.ts), from the files test-sequencer.js counted.
import { neo4jsNeeded } from "../helpers/global-setup";

describe("neo4jsNeeded", () => {
  it("starts none for unit tests alone", () => {
    expect(neo4jsNeeded(2, 5, 0)).toBe(0);
  });

  it("starts one for a single file that may use Neo4j, run alone or beside unit files", () => {
    expect(neo4jsNeeded(2, 1, 1)).toBe(1);
    expect(neo4jsNeeded(2, 6, 1)).toBe(1);
  });

  it("starts one per worker when two files may use Neo4j, since jest gives a worker any file", () => {
    expect(neo4jsNeeded(2, 2, 2)).toBe(2);
    expect(neo4jsNeeded(3, 40, 2)).toBe(3);
  });

  it("starts one per worker when the sequencer's counts are missing", () => {
    expect(neo4jsNeeded(2, Number(undefined), Number(undefined))).toBe(2);
  });
});
