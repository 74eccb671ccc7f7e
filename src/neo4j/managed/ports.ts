// The Bolt port: a free one picked by the OS, or the one asked for once it is known to be free.
import net from "node:net";
import { ManagedNeo4jError } from "./errors";

/** A port on 127.0.0.1 that nothing listens on now (the OS picks it); also the tests' for a spawned server's listeners. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function assertPortFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", () =>
      reject(
        new ManagedNeo4jError(
          `Port ${port} on 127.0.0.1 is already taken, so Neo4j cannot listen there: set NEO4J_BOLT_PORT to a free port, or 0 to pick one.`,
        ),
      ),
    );
    srv.listen(port, "127.0.0.1", () => srv.close(() => resolve(port)));
  });
}

/** 0 picks a free port. */
export function boltPort(requested: number): Promise<number> {
  return requested === 0 ? freePort() : assertPortFree(requested);
}
