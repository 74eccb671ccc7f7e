// A connection cut in the middle of a multi-statement mutation leaves nothing half-written; replaying it gives
// exactly one copy. A TCP proxy between the server's driver and the test run's Neo4j does the cutting: only the
// proxy's connections are cut, so the shared Neo4j needs no restart (fault-neo4j-stopped stops one of its own). A
// TLS or routing URI (bolt+s://, neo4j://) cannot be fronted by a plain proxy to one server: with one of those the
// test starts a Neo4j of its own.
import { createDriver } from "../../src/neo4j/driver";
import type { Driver } from "neo4j-driver";
import type { Database } from "../../src/neo4j/database";
import { openTestDatabase, TestDatabase, testNeo4jCredentials } from "../helpers/database";
import { OwnNeo4j, startOwnNeo4j } from "../helpers/own-neo4j";
import { startTestServer, TestServer } from "../helpers/server";
import { TcpProxy } from "../helpers/tcp-proxy";
import { asContributor } from "../helpers/tokens";

const DRAW = "journals/corr/1502.04623";
const ADD_SUMMARY = `mutation Add($body: String!) { addSummary(paperId: "${DRAW}", body: $body) { id mentions { id } } }`;
// Sent by addSummary after it has created the summary in its transaction (summary-write.repository.ts WRITE_LINKS).
const WRITE_LINKS_MARKER = "ON CREATE SET m.stub = true";

describe("a connection cut in the middle of addSummary", () => {
  let t: TestDatabase | undefined;
  let own: OwnNeo4j | undefined;
  let db: Database;
  let proxy: TcpProxy;
  let serverDriver: Driver;
  let server: TestServer;

  beforeAll(async () => {
    const shared = new URL(process.env.TEST_NEO4J_URI!);
    let credentials;
    if (shared.protocol === "bolt:") {
      t = await openTestDatabase();
      await t.reset();
      await t.seedShortScience();
      db = t.db;
      credentials = testNeo4jCredentials();
      proxy = new TcpProxy(Number(shared.port || 7687), shared.hostname.replace(/^\[|\]$/g, ""));
    } else {
      own = await startOwnNeo4j();
      db = own.db;
      credentials = own.credentials;
      proxy = new TcpProxy(own.boltPort);
    }
    const port = await proxy.start();
    serverDriver = createDriver({ uri: `bolt://127.0.0.1:${port}`, ...credentials });
    server = await startTestServer({ driver: serverDriver }, { transactionTimeoutMs: 5000, security: { requestTimeoutMs: 10_000 } });
  });

  afterAll(async () => {
    await server.close();
    await serverDriver.close();
    await proxy.close();
    await t?.close();
    await own?.dispose();
  });

  /** What the store holds for a summary body: the summaries, their mentions, and the stub the body's link makes. */
  async function stored(body: string, stubArxiv: string) {
    const [row] = await db.read(
      `OPTIONAL MATCH (s:Summary {body: $body})
       OPTIONAL MATCH (s)-[m:MENTIONS]->()
       WITH count(DISTINCT s) AS summaries, count(m) AS mentions
       OPTIONAL MATCH (stub:Paper {arxivId: $stubArxiv})
       RETURN summaries, mentions, count(stub) AS stubs`,
      { body, stubArxiv },
    );
    return row;
  }

  function bodyLinking(arxiv: string, tag: string): string {
    return `${tag}: builds on [ResNet](https://arxiv.org/abs/1512.03385) and introduces https://arxiv.org/abs/${arxiv} too.`;
  }

  it("writes nothing when the connection dies before commit and cannot come back; the replay writes one copy", async () => {
    const body = bodyLinking("2101.00001", "cut-and-refused");
    const cut = proxy.cutWhenSent(WRITE_LINKS_MARKER, { refuseAfter: true });
    const failed = await server.query(ADD_SUMMARY, { body }, await asContributor());
    await cut;
    expect(failed.errors).toHaveLength(1);
    expect(failed.errors![0].extensions).toEqual({ code: "SERVICE_UNAVAILABLE" });
    expect(await stored(body, "2101.00001")).toEqual({ summaries: 0, mentions: 0, stubs: 0 });

    proxy.heal();
    const replay = await server.query(ADD_SUMMARY, { body }, await asContributor());
    expect(replay.errors).toBeUndefined();
    expect(await stored(body, "2101.00001")).toEqual({ summaries: 1, mentions: 2, stubs: 1 });
  });

  it("lets the driver's own retry finish the mutation when the connection comes back, exactly once", async () => {
    const body = bodyLinking("2101.00002", "cut-once");
    const cut = proxy.cutWhenSent(WRITE_LINKS_MARKER, { refuseAfter: false });
    const res = await server.query(ADD_SUMMARY, { body }, await asContributor());
    await cut;
    expect(res.errors).toBeUndefined();
    expect(res.data!.addSummary.mentions).toHaveLength(2);
    expect(await stored(body, "2101.00002")).toEqual({ summaries: 1, mentions: 2, stubs: 1 });
  });
});
