// Serves the bundled browser UI (dist/web): the GraphQL IDE at GET /graphql for browsers, the explorer at /explore.
import path from "node:path";
import express, { Request, Response, NextFunction, Router } from "express";
import finalhandler from "finalhandler";
import { PROJECT_ROOT } from "../project-root";

/** Where `npm run build` writes the bundles (scripts/build-web.ts). */
export const WEB_DIR = path.join(PROJECT_ROOT, "dist", "web");

// Everything the pages load comes from this server: a stray CDN reference fails loudly instead of half-working
// offline. Summaries may show images from the web; styles are inline in GraphiQL, KaTeX and Cytoscape.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** Apollo answers JSON to GET /graphql?query=...; only a request that prefers HTML gets the IDE. */
function wantsHtml(req: Request): boolean {
  return req.query.query === undefined && req.accepts(["application/json", "application/graphql-response+json", "text/html"]) === "text/html";
}

export function browserUiRouter(webDir: string = WEB_DIR): Router {
  const router = Router();
  const page = (file: string) => (_req: Request, res: Response, next: NextFunction) => {
    res.set({ "content-security-policy": CONTENT_SECURITY_POLICY, "cache-control": "no-cache" });
    res.sendFile(path.join(webDir, file), (err?: NodeJS.ErrnoException) => {
      if (!err) return;
      if (err.code !== "ENOENT" || res.headersSent) return next(err);
      res.status(503).type("text/plain").send("The browser UI is not built: run `npm run build`.\n");
    });
  };
  const ide = page("graphiql.html");
  // A middleware, not a route: express answers OPTIONS to a route's path itself (200, "Allow: GET, HEAD"), so a page's
  // CORS preflight to /graphql never reached the cors middleware behind this router (docs/frontends.md#cors). So it
  // does by hand what a GET route gives: HEAD too (sendFile leaves the body out), and one path only. Mounted at
  // /graphql it also sees /graphql/<anything>, where Apollo answers too; req.path is "/" for /graphql and /graphql/
  // alone, which the IDE treats as one path as express's non-strict routes do (/explore/ is the explorer). A page
  // request below it gets what express answers an unknown path (finalhandler's 404, as GET /nope), not the IDE.
  router.use("/graphql", (req, res, next) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !wantsHtml(req)) return next();
    if (req.path !== "/") return finalhandler(req, res)();
    ide(req, res, next);
  });
  router.get("/explore", page("explore.html"));
  router.use("/assets", express.static(path.join(webDir, "assets"), { index: false, fallthrough: false }));
  return router;
}
