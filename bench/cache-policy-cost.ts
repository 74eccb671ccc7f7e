// CPU per call of the cache policy of a nested query (Q3's shape): worked out once per document, then looked up
// (docs/frontends.md#caching). `npm run build && node dist/bench/cache-policy-cost.js`
import "reflect-metadata";
import { parse } from "graphql";
import { buildAppSchema } from "../src/graphql/schema";
import { cachePolicies, computeCachePolicy } from "../src/graphql/cache-policy";

async function main(): Promise<void> {
  const schema = await buildAppSchema();
  const document = parse(`{ papers(first: 50) { edges { node { id title authors { name }
    summaries(first: 5) { id body votes author { name } } references(first: 5) { id title } } } } }`);
  const cpuMicros = (calls: number, call: () => unknown) => {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) call();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / calls;
  };
  const policyOf = cachePolicies(schema);
  process.stdout.write(`worked out: ${cpuMicros(20_000, () => computeCachePolicy(schema, document, null)).toFixed(2)} µs CPU per document\n`);
  process.stdout.write(`memoised:   ${cpuMicros(200_000, () => policyOf(document, null)).toFixed(3)} µs CPU per request\n`);
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
