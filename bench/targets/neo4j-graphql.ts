// Target B: the same model served by the official @neo4j/graphql library on Apollo Server.
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";
import { NO_NOTIFICATIONS, authToken } from "../../src/neo4j/driver";
import { SIGNALS } from "../../src/graph/graph.record";
import { RELATED_CYPHER_FOR_B, RELATED_EVIDENCE_CYPHER_FOR_B } from "../operations";

// Same labels, properties and relationship types as this project's model (README "Model"). The library has no
// ranked-related field, so `related` (papers and scores) and `relatedEvidence` (with every signal's evidence, as maps)
// are @cypher forms running this project's own related-papers statement.
const typeDefs = `#graphql
  type Paper @node @fulltext(indexes: [{ indexName: "paper_title", queryName: "papersByTitle", fields: ["title"] }]) {
    id: ID!
    title: String!
    abstract: String
    year: Int
    venue: String
    url: String
    arxivId: String
    doi: String
    stub: Boolean
    authors: [Person!]! @relationship(type: "AUTHORED", direction: IN)
    references: [Paper!]! @relationship(type: "CITES", direction: OUT)
    citedBy: [Paper!]! @relationship(type: "CITES", direction: IN)
    seeAlso: [Paper!]! @relationship(type: "SEE_ALSO", direction: OUT)
    summaries: [Summary!]! @relationship(type: "SUMMARIZES", direction: IN)
    related(first: Int!): [RelatedPaper!]!
      @cypher(statement: """${RELATED_CYPHER_FOR_B}""", columnName: "related")
    relatedEvidence(first: Int!): [RelatedPaperEvidence!]!
      @cypher(statement: """${RELATED_EVIDENCE_CYPHER_FOR_B}""", columnName: "related")
  }

  type RelatedPaper {
    score: Float!
    paper: RelatedPaperRef!
  }

  type RelatedPaperRef {
    id: ID!
    title: String!
    year: Int
  }

  type RelatedPaperEvidence {
    score: Float!
    paper: RelatedPaperRef!
    evidence: RelatedEvidence!
  }

  type RelatedEvidence {
    ${SIGNALS.map((s) => `${s}: ${s === "text" ? "RelatedTextSignal" : "RelatedSignal"}!`).join("\n    ")}
  }

  type RelatedSignal {
    count: Int!
    normalized: Float!
    contribution: Float!
    examples: [RelatedPaperRef!]!
  }

  type RelatedTextSignal {
    count: Int!
    normalized: Float!
    contribution: Float!
  }

  type Summary @node {
    id: ID!
    body: String!
    votes: Int
    createdAt: DateTime
    paper: [Paper!]! @relationship(type: "SUMMARIZES", direction: OUT)
    author: [Person!]! @relationship(type: "WROTE", direction: IN)
  }

  type Person @node {
    name: String!
    papers: [Paper!]! @relationship(type: "AUTHORED", direction: OUT)
  }
`;

async function main() {
  const driver = neo4j.driver(process.env.NEO4J_URI as string, authToken({ user: process.env.NEO4J_USER ?? "neo4j", password: process.env.NEO4J_PASSWORD ?? "" }), {
    // The driver setting A has (src/neo4j/driver.ts), so that no target pays for notifications it never reads.
    notificationFilter: NO_NOTIFICATIONS,
  });
  const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async () => ({ sessionConfig: { database: "neo4j" } }),
  });
  process.stdout.write(`LISTENING ${new URL(url).port}\n`);
  process.on("SIGTERM", () => server.stop().then(() => driver.close()).then(() => process.exit(0)));
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
