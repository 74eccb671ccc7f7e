// Creates the one Driver of the process.
import neo4j, { Driver } from "neo4j-driver";

export interface DriverOptions {
  uri: string;
  user: string;
  password: string;
}

export function createDriver({ uri, user, password }: DriverOptions): Driver {
  // The managed Neo4j runs without auth on loopback; an external server gets basic auth.
  const auth = password ? neo4j.auth.basic(user, password) : undefined;
  return neo4j.driver(uri, auth, {
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    // A request has a 10 s budget by default: a dead or unreachable server must be reported well within it, as
    // SERVICE_UNAVAILABLE, rather than retried for the driver's default 30 s (or connected to for its 30 s).
    maxTransactionRetryTime: 2_000,
    connectionTimeout: 5_000,
    // Integers come back as neo4j Integer objects and are converted in values.ts; never lossy by default.
    disableLosslessIntegers: false,
  });
}
