import { compactCypher } from "../../src/neo4j/database";

describe("compactCypher", () => {
  it("drops indentation, blank lines and comment lines, and keeps each statement line", () => {
    const text = `
MATCH (p:Paper {id: $id})
// a comment line
CALL (p) {
    MATCH (p)<-[:CITES]-(c)   // a trailing comment stays on its line
    RETURN count(c) AS n
}

RETURN p.id AS id, n`;
    expect(compactCypher(text)).toBe(
      "MATCH (p:Paper {id: $id})\nCALL (p) {\nMATCH (p)<-[:CITES]-(c)   // a trailing comment stays on its line\nRETURN count(c) AS n\n}\nRETURN p.id AS id, n",
    );
  });

  it("leaves what is inside a line alone, string literals included", () => {
    const line = `RETURN replace(toLower(p.title), "'", ' ') AS t, "//" AS slash`;
    expect(compactCypher(`  ${line}  `)).toBe(line);
  });
});
