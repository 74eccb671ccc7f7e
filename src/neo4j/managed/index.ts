// The managed local Neo4j as the rest of the code uses it.
export { ManagedNeo4j } from "./managed-neo4j";
export type { ManagedNeo4jOptions } from "./managed-neo4j";
export { ManagedNeo4jError } from "./errors";
export { RUNTIME_DIR, ensureRuntime } from "./runtime";
export { processAlive, runningNeo4jUri } from "./orphans";
export { managedCredentials } from "./credentials";
export type { Neo4jCredentials } from "./credentials";
export { dumpStore, loadStore } from "./dump";
export { findJava } from "./runtime";
