// A TCP proxy on loopback between the server's driver and Neo4j, which a test can cut at a chosen moment.
import net from "node:net";

export class TcpProxy {
  private readonly server = net.createServer((client) => this.accept(client));
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private refusing = false;
  private marker?: { bytes: Buffer; cut: () => void };
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly targetHost = "127.0.0.1",
  ) {}

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  /**
   * Cuts every connection as soon as a client sends bytes containing `marker` (a piece of a Cypher statement:
   * Bolt carries statements as plain UTF-8), before Neo4j receives them. Resolves when it has cut.
   */
  cutWhenSent(marker: string, { refuseAfter }: { refuseAfter: boolean }): Promise<void> {
    return new Promise((resolve) => {
      this.marker = {
        bytes: Buffer.from(marker, "utf8"),
        cut: () => {
          this.marker = undefined;
          this.refusing = refuseAfter;
          this.severAll();
          resolve();
        },
      };
    });
  }

  /** Accepts new connections again. */
  heal(): void {
    this.refusing = false;
  }

  severAll(): void {
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  async close(): Promise<void> {
    this.severAll();
    await new Promise((r) => this.server.close(r));
  }

  private accept(client: net.Socket): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    let tail = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      const marker = this.marker;
      if (marker) {
        // The marker may straddle two reads: look at the end of the last one too.
        const seen = Buffer.concat([tail, chunk]);
        if (seen.includes(marker.bytes)) return marker.cut();
        tail = seen.subarray(Math.max(0, seen.length - marker.bytes.length));
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", end);
    upstream.on("error", end);
  }
}
