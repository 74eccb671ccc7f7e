// Bundles src/web into dist/web with esbuild: everything the pages load is served by the server, nothing by a CDN.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { PROJECT_ROOT as ROOT } from "../src/project-root";
import { ExampleOperation, readmeExamples } from "./readme-examples";

const SRC = path.join(ROOT, "src", "web");
const PAGES = ["graphiql.html", "explore.html"];

export async function buildWeb(outDir = path.join(ROOT, "dist", "web")): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const examples = readmeExamples(readFileSync(path.join(ROOT, "README.md"), "utf8"));
  const frontPage = frontPageQuery(examples);
  await build({
    entryPoints: { graphiql: path.join(SRC, "graphiql.tsx"), explore: path.join(SRC, "explore", "main.ts") },
    outdir: path.join(outDir, "assets"),
    bundle: true,
    minify: true,
    sourcemap: true,
    format: "iife",
    target: ["chrome110", "firefox110", "safari16"],
    // KaTeX's fonts become files next to the CSS that names them.
    loader: { ".woff2": "file", ".woff": "file", ".ttf": "file" },
    define: { "process.env.NODE_ENV": '"production"', __EXAMPLES__: JSON.stringify(examples), __FRONT_PAGE_QUERY__: JSON.stringify(frontPage), __FRONT_PAGE_NODE__: JSON.stringify(nodeSelection(frontPage)) },
    tsconfig: path.join(SRC, "tsconfig.json"),
    logLevel: "warning",
  });
  for (const page of PAGES) copyFileSync(path.join(SRC, page), path.join(outDir, page));
}

/**
 * The explorer's front page runs the README's first example as written, so the two cannot drift apart; the build
 * stops if that example is no longer a feed the page can page through.
 */
export function frontPageQuery(examples: ExampleOperation[]): string {
  const query = examples[0]?.query ?? "";
  if (!/\$after: String\b/.test(query) || !/\bsummaries\(/.test(query)) {
    throw new Error("The README's first example must be the front page: a summaries(..., after: $after) query (see docs/browser-ui.md)");
  }
  return query;
}

/** The selection of each summary in the front page's query (`{ id ... }` after `node`): what a live update selects too. */
export function nodeSelection(query: string): string {
  const node = query.search(/\bnode\s*\{/);
  const start = node < 0 ? query.length : query.indexOf("{", node);
  let depth = 0;
  for (let i = start; i < query.length; i++) {
    if (query[i] === "{") depth++;
    if (query[i] === "}" && --depth === 0) return query.slice(start, i + 1);
  }
  throw new Error("The README's first example must select `edges { node { ... } }` (see docs/browser-ui.md)");
}

if (require.main === module) {
  const started = Date.now();
  buildWeb().then(
    // stderr: `npm run -s token` builds first, and its standard output must hold the token alone (docs/identity.md).
    () => process.stderr.write(`browser UI bundled into dist/web in ${Date.now() - started} ms\n`),
    (err) => {
      process.stderr.write(`${err?.message ?? err}\n`);
      process.exit(1);
    },
  );
}
