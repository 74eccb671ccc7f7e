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
    // Integers come back as neo4j Integer objects and are converted in values.ts; never lossy by default.
    disableLosslessIntegers: false,
  });
}
