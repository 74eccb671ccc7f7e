// Which fields a resolver's caller selected below it: what lets a read fetch only the properties the answer needs.
import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { parseResolveInfo, ResolveTree } from "graphql-parse-resolve-info";
import { PaperProjection, paperProjection } from "../papers/paper.record";
import { SummaryProjection, summaryProjection } from "../summaries/summary.record";

// graphql-js hands every item of a list the same fieldNodes array (collectSubfields is memoised per execution), so
// the fifty parents of one nesting level parse their common selection once. Per execution also means per variables,
// which @skip/@include depend on.
const cache = new WeakMap<readonly FieldNode[], Map<string, ReadonlySet<string>>>();

/**
 * The names of the fields selected under this field, following `path` (field names, e.g. ["edges", "node"]) down
 * through connections; fragments, aliases and @skip/@include are resolved by graphql-parse-resolve-info.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): ReadonlySet<string> {
  let byPath = cache.get(info.fieldNodes);
  if (!byPath) {
    byPath = new Map();
    cache.set(info.fieldNodes, byPath);
  }
  const pathKey = path.join(".");
  let names = byPath.get(pathKey);
  if (!names) {
    names = namesUnder(parseResolveInfo(info) as ResolveTree | null, path);
    byPath.set(pathKey, names);
  }
  return names;
}

function namesUnder(tree: ResolveTree | null, path: readonly string[]): Set<string> {
  let level: ResolveTree[] = tree ? [tree] : [];
  for (const step of path) level = children(level).filter((t) => t.name === step);
  return new Set(children(level).map((t) => t.name));
}

function children(trees: ResolveTree[]): ResolveTree[] {
  return trees.flatMap((t) => Object.values(t.fieldsByTypeName).flatMap((byAlias) => Object.values(byAlias)));
}

/** The Paper properties the selection at `path` needs. */
export function selectedPaperProps(info: GraphQLResolveInfo, path?: readonly string[]): PaperProjection {
  return paperProjection(selectedFieldNames(info, path));
}

/** The Summary properties the selection at `path` needs. */
export function selectedSummaryProps(info: GraphQLResolveInfo, path?: readonly string[]): SummaryProjection {
  return summaryProjection(selectedFieldNames(info, path));
}
