// The probes: GET /healthz (the process answers) and GET /readyz (Neo4j answers and the server is not stopping).
import { Router } from "express";
import type { Driver } from "neo4j-driver";
import { isReachable } from "../neo4j/database";

/** `outage`: why Neo4j cannot answer when the server knows (the managed Neo4j restarting), else undefined. */
export function healthRouter(driver: Driver, database: string, stopping: () => boolean, outage: () => string | undefined = () => undefined): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    if (stopping()) {
      res.status(503).json({ status: "shutting down" });
      return;
    }
    const known = outage();
    if (known) {
      res.status(503).json({ status: known });
      return;
    }
    const ready = await isReachable(driver, database);
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "neo4j unreachable" });
  });
  return router;
}
