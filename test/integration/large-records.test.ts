// Records larger than one Bolt chunk. Neo4j sends a message of more than 64 KiB in several chunks, and neo4j-driver
// read it through a CombinedBuffer that decodes every string through a new StringDecoder and loops over the chunks
// for every byte: the folded first pages of `paper(id)` two levels down (records of 16-84 kB, the larger ones on hubs)
// cost the server more CPU than the two statements they replaced.
// patches/neo4j-driver-bolt-connection+*.patch (applied by `npm install`'s postinstall) joins the chunks into one
// buffer first; this checks that the installed driver carries it, and that what it decodes is exact, multi-byte
// characters cut at chunk boundaries included.
import { readFileSync } from "node:fs";
import { openTestDatabase, TestDatabase } from "../helpers/database";

describe("records larger than a Bolt chunk", () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  it("are read through the patched dechunker", () => {
    const source = readFileSync(require.resolve("neo4j-driver-bolt-connection/lib/channel/chunking.js"), "utf8");
    expect(source).toContain("papers-graph (patches/)");
    expect(source).not.toContain("new combined_buf_1.default(");
  });

  it("decode exactly: long strings, many strings, multi-byte characters across chunk boundaries", async () => {
    // 3-byte (€), 2-byte (é) and 4-byte (𝛼) characters at every offset of a chunk, by varying the prefix's length.
    const long = Array.from({ length: 30_000 }, (_, i) => ["€", "é", "𝛼", "a"][i % 4] + (i % 7 === 0 ? "x" : "")).join("");
    const many = Array.from({ length: 6_000 }, (_, i) => `título ${i} ${["é", "é€", "é€𝛼"][i % 3]}`);
    const [row] = await t.db.read(
      `RETURN $long AS long, [i IN range(0, 5999) | $many[i]] AS many, [i IN range(0, 5999) | [i, $many[i]]] AS pairs, size($long) AS n`,
      { long, many },
    );
    expect(row.long).toBe(long);
    expect(row.many).toEqual(many);
    expect(row.pairs).toEqual(many.map((s, i) => [i, s]));
    // Neo4j read the same characters: Cypher counts code points.
    expect(row.n).toBe([...long].length);
  });
});
