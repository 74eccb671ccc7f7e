// Which fields a resolver's caller selected below it: what lets a read fetch only the properties the answer needs.
import { ASTNode, BREAK, FieldNode, GraphQLObjectType, GraphQLResolveInfo, visit } from "graphql";
import { parseResolveInfo, ResolveTree } from "graphql-parse-resolve-info";
import { MAX_PAGE_SIZE } from "./page.args";
import { PaperProjection, paperProjection } from "../papers/paper.record";
import { SummaryProjection, summaryProjection } from "../summaries/summary.record";

interface Parsed {
  tree: ResolveTree | null;
  /** The field names under `tree` by path ("edges.node"); shared by whoever asks again, so never modified. */
  names: Map<string, ReadonlySet<string>>;
  /** The arguments of the field at a path (selectedFieldArgs), kept as the names are. */
  args: Map<string, ReadonlyArray<Readonly<Record<string, unknown>>>>;
}

// What is under a field parses to the same tree whenever it is the same syntax under the same parent type and
// depends on no variable. Apollo keeps one parsed document per query text, so a field's node is the same object in
// every request of that text: a selection set without variables (none in the arguments or @skip/@include of anything
// under the field, fragments included) is parsed once per process, keyed by the field's node and its parent type.
// The field's own arguments may use variables (a paper's $id): only the root's `args` in such a tree are stale, and
// nothing here reads them (selectedFieldArgs parses afresh for the root).
// Whatever this file hands out from a tree (name sets, arguments) is shared by later requests, so it is read-only.
// A document transform that copies a document with graphql's visit would share its unchanged nodes with the
// original, fragments included: a node then runs with two documents' fragments, and this key no longer holds.
// Per field node: its parsed selection by parent type, or false when something under the node uses a variable.
const acrossRequests = new WeakMap<FieldNode, Map<GraphQLObjectType, Parsed> | false>();
// Any other selection: graphql-js hands every item of a list the same fieldNodes array (collectSubfields is memoised
// per execution), so the fifty parents of one nesting level parse their common selection once per request.
const perExecution = new WeakMap<readonly FieldNode[], Parsed>();

function parsedOf(info: GraphQLResolveInfo): Parsed {
  const nodes = info.fieldNodes;
  if (nodes.length === 1) {
    const node = nodes[0];
    let byParent = acrossRequests.get(node);
    if (byParent === undefined) {
      byParent = node.selectionSet !== undefined && hasVariable(node.selectionSet, info.fragments, new Set()) ? false : new Map();
      acrossRequests.set(node, byParent);
    }
    if (byParent) {
      let parsed = byParent.get(info.parentType);
      if (!parsed) byParent.set(info.parentType, (parsed = parseSelection(info)));
      return parsed;
    }
  }
  let parsed = perExecution.get(nodes);
  if (!parsed) perExecution.set(nodes, (parsed = parseSelection(info)));
  return parsed;
}

function parseSelection(info: GraphQLResolveInfo): Parsed {
  return { tree: (parseResolveInfo(info) as ResolveTree | null) ?? null, names: new Map(), args: new Map() };
}

/** Whether a variable appears anywhere in `node`, following fragment spreads into their definitions. */
function hasVariable(node: ASTNode, fragments: GraphQLResolveInfo["fragments"], seen: Set<string>): boolean {
  let found = false;
  visit(node, {
    Variable() {
      found = true;
      return BREAK;
    },
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name) || !fragments[name]) return undefined;
      seen.add(name);
      if (!hasVariable(fragments[name], fragments, seen)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * The names of the fields selected under this field, following `path` (field names, e.g. ["edges", "node"]) down
 * through connections; fragments, aliases and @skip/@include are resolved by graphql-parse-resolve-info.
 */
export function selectedFieldNames(info: GraphQLResolveInfo, path: readonly string[] = []): ReadonlySet<string> {
  const parsed = parsedOf(info);
  const pathKey = path.join(".");
  let names = parsed.names.get(pathKey);
  if (!names) parsed.names.set(pathKey, (names = namesUnder(parsed.tree, path)));
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
export function selectedFieldArgs(info: GraphQLResolveInfo, path: readonly string[]): ReadonlyArray<Readonly<Record<string, unknown>>> {
  if (path.length === 0) return level(parseSelection(info).tree, path).map((t) => t.args);
  // Below the root, the arguments are those of the parsed tree, which is this request's or holds no variable: kept
  // with it, a first page asked by a search or a list (selectedFirstPages) walks the tree once per query text.
  const parsed = parsedOf(info);
  const pathKey = path.join(".");
  let args = parsed.args.get(pathKey);
  if (!args) parsed.args.set(pathKey, (args = level(parsed.tree, path).map((t) => t.args)));
  return args;
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
