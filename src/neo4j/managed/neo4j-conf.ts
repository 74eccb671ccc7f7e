// The managed Neo4j's neo4j.conf, written at every start: loopback only, a password (credentials.ts), no HTTP, folders under its home.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Home } from "./home";

/** How long a transaction that names a bookmark waits for this server to reach it when the caller does not say. */
export const DEFAULT_BOOKMARK_READY_TIMEOUT_MS = 5_000;

function neo4jConf(home: Home, boltPort: number, pageCache: string, bookmarkReadyTimeoutMs: number): string {
  return [
    "# Written by src/neo4j/managed/neo4j-conf.ts at every start; edits here are overwritten.",
    "server.default_listen_address=127.0.0.1",
    `server.bolt.listen_address=127.0.0.1:${boltPort}`,
    "server.bolt.advertised_address=127.0.0.1",
    "server.http.enabled=false",
    "server.https.enabled=false",
    // Loopback is not private on a shared machine: any local user could otherwise read and write the graph.
    "dbms.security.auth_enabled=true",
    "dbms.usage_report.enabled=false",
    `server.memory.pagecache.size=${pageCache}`,
    `server.directories.data=${home.data}`,
    `server.directories.logs=${home.logs}`,
    `server.directories.run=${home.run}`,
    "db.tx_log.rotation.retention_policy=2 files",
    // A request that names a bookmark this server has not reached waits this long, then fails as retryable
    // (docs/deployment.md#reading-your-writes); Neo4j's own 30 s would outlast a request's whole time budget.
    `db.transaction.bookmark_ready_timeout=${bookmarkReadyTimeoutMs}ms`,
    // At a stop, after every connection and database has stopped (the last checkpoint written), each of Bolt's two
    // event-loop groups waits a quiet period of 5 s for tasks that can no longer come: 10 s of every stop, measured
    // in debug.log between "Shutting down Bolt server" and "Bolt server has been shut down". Netty's own setting.
    "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
    "",
  ].join("\n");
}

export function writeNeo4jConf(home: Home, boltPort: number, pageCache: string, bookmarkReadyTimeoutMs = DEFAULT_BOOKMARK_READY_TIMEOUT_MS): void {
  mkdirSync(home.conf, { recursive: true });
  writeFileSync(path.join(home.conf, "neo4j.conf"), neo4jConf(home, boltPort, pageCache, bookmarkReadyTimeoutMs));
}
