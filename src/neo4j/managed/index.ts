// The managed local Neo4j as the rest of the code uses it.
export * from "./managed-neo4j";
