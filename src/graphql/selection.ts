// Which fields a resolver's caller selected below it: what lets a read fetch only the properties the answer needs.
import type { FieldNode, GraphQLResolveInfo } from "graphql";
import { parseResolveInfo, ResolveTree } from "graphql-parse-resolve-info";
import { MAX_PAGE_SIZE } from "./page.args";
import { PaperProjection, paperProjection } from "../papers/paper.record";
import { SummaryProjection, summaryProjection } from "../summaries/summary.record";

// graphql-js hands every item of a list the same fieldNodes array (collectSubfields is memoised per execution), so
// the fifty parents of one nesting level parse their common selection once. Per execution also means per variables,
// which @skip/@include depend on.
const cache = new WeakMap<readonly FieldNode[], Map<string, ReadonlySet<string>>>();
const trees = new WeakMap<readonly FieldNode[], ResolveTree | null>();

function treeOf(info: GraphQLResolveInfo): ResolveTree | null {
  let tree = trees.get(info.fieldNodes);
  if (tree === undefined) {
    tree = (parseResolveInfo(info) as ResolveTree | null) ?? null;
    trees.set(info.fieldNodes, tree);
  }
  return tree;
}

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
    names = namesUnder(treeOf(info), path);
    byPath.set(pathKey, names);
  }
  return names;
}

function namesUnder(tree: ResolveTree | null, path: readonly string[]): Set<string> {
  return new Set(children(level(tree, path)).map((t) => t.name));
}

function level(tree: ResolveTree | null, path: readonly string[]): ResolveTree[] {
  let trees: ResolveTree[] = tree ? [tree] : [];
  for (const step of path) trees = children(trees).filter((t) => t.name === step);
  return trees;
}

/**
 * The arguments of each selection of the field at `path` (one per alias, so one unless the client aliased it),
 * variables and defaults applied, not yet validated: what a read that answers a nested field ahead of time needs.
 */
export function selectedFieldArgs(info: GraphQLResolveInfo, path: readonly string[]): Array<Record<string, unknown>> {
  return level(treeOf(info), path).map((t) => t.args);
}

/**
 * The size of the first page of the list field at `path` when a read can answer it ahead of its resolver: the field
 * selected once (not aliased twice), for its first page (no `after`), with a size in bounds (one out of bounds is
 * left to the field's own validation, which refuses it). undefined otherwise.
 */
export function selectedFirstPage(info: GraphQLResolveInfo, path: readonly string[]): number | undefined {
  const asked = selectedFieldArgs(info, path);
  if (asked.length !== 1) return undefined;
  const { first, after } = asked[0];
  if (after != null || typeof first !== "number" || !Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) return undefined;
  return first;
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
