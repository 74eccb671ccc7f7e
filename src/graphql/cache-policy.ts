// How long the answer to an operation may be cached, from the cache hints of what it selects: worked out once per
// parsed document, never per field at run time.
import {
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  getOperationAST,
  GraphQLCompositeType,
  GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  SelectionSetNode,
  typeFromAST,
} from "graphql";

export interface CacheHint {
  /** Seconds an answer that reads this may be reused; 0: never. */
  maxAge?: number;
  /** PRIVATE: the answer depends on who asks, so no shared cache may keep it (and this server keeps none). */
  scope?: "PRIVATE";
}

/**
 * The cache hints, Apollo's `@cacheControl` semantics written as one map. A field's hint is its own entry, else its
 * type's; a root field with neither is never cached, a nested field with neither inherits its parent's. The numbers
 * and the staleness they allow: docs/frontends.md#caching.
 */
export const CACHE_HINTS: Readonly<Record<string, CacheHint>> = {
  // Papers and the citation graph change when someone curates them: a few minutes.
  "Query.paper": { maxAge: 300 },
  "Query.papers": { maxAge: 300 },
  "Query.person": { maxAge: 300 },
  "Query.citationPath": { maxAge: 300 },
  "Query.derivativeWorks": { maxAge: 300 },
  "Query.priorWorks": { maxAge: 300 },
  "Query.neighbourhood": { maxAge: 300 },
  "Query.topCited": { maxAge: 300 },
  "Query.search": { maxAge: 60 },
  // Feeds and summaries change as people write: briefly; votes change fastest.
  "Query.summaries": { maxAge: 30 },
  "Query.summary": { maxAge: 30 },
  Summary: { maxAge: 30 },
  "Summary.votes": { maxAge: 10 },
  // Whatever names the asker is theirs alone.
  "Query.viewer": { maxAge: 0, scope: "PRIVATE" },
  "Summary.viewerVote": { maxAge: 0, scope: "PRIVATE" },
};

export interface OperationCachePolicy {
  /** Seconds; 0 = not cacheable. */
  maxAge: number;
  scope: "PUBLIC" | "PRIVATE";
}

const NOT_CACHEABLE: OperationCachePolicy = { maxAge: 0, scope: "PUBLIC" };

/** The policy of one operation of `document`: the shortest maxAge of anything it selects, PRIVATE if anything is. */
export function computeCachePolicy(schema: GraphQLSchema, document: DocumentNode, operationName: string | null, hints = CACHE_HINTS): OperationCachePolicy {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation !== "query") return NOT_CACHEABLE;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === "FragmentDefinition") fragments.set(definition.name.value, definition);
  let maxAge = Infinity;
  let scope: OperationCachePolicy["scope"] = "PUBLIC";
  const apply = (hint: CacheHint | undefined): boolean => {
    if (!hint) return false;
    if (hint.maxAge !== undefined) maxAge = Math.min(maxAge, hint.maxAge);
    if (hint.scope === "PRIVATE") scope = "PRIVATE";
    return true;
  };
  // An abstract type's hint is the strictest of its possible types'.
  const typeHint = (type: GraphQLCompositeType): boolean => {
    if (apply(hints[type.name])) return true;
    if (!isAbstractType(type)) return false;
    let any = false;
    for (const possible of schema.getPossibleTypes(type)) any = apply(hints[possible.name]) || any;
    return any;
  };
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, root: boolean, seen: Set<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === "Field") {
        const name = selection.name.value;
        if (name.startsWith("__")) {
          if (root && name !== "__typename") maxAge = 0;
          continue;
        }
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!field) continue;
        const type = getNamedType(field.type);
        const hinted = apply(hints[`${parent.name}.${name}`]) || (isCompositeType(type) && typeHint(type));
        if (root && !hinted) maxAge = 0;
        if (selection.selectionSet && isCompositeType(type)) walk(selection.selectionSet, type, false, seen);
      } else if (selection.kind === "InlineFragment") {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        if (type && isCompositeType(type)) walk(selection.selectionSet, type, root, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const type = typeFromAST(schema, fragment.typeCondition);
        if (type && isCompositeType(type)) walk(fragment.selectionSet, type, root, new Set(seen).add(fragment.name.value));
      }
    }
  };
  const queryType = schema.getQueryType();
  if (!queryType) return NOT_CACHEABLE;
  walk(operation.selectionSet, queryType, true, new Set());
  if (maxAge === Infinity) maxAge = 0;
  return { maxAge, scope };
}

/**
 * computeCachePolicy memoised by the parsed document: Apollo keeps one DocumentNode per query text in its document
 * store, so a repeated query costs a map lookup, and an entry goes when Apollo drops the document.
 */
export function cachePolicies(schema: GraphQLSchema): (document: DocumentNode, operationName: string | null) => OperationCachePolicy {
  const byDocument = new WeakMap<DocumentNode, Map<string | null, OperationCachePolicy>>();
  return (document, operationName) => {
    let byOperation = byDocument.get(document);
    if (!byOperation) byDocument.set(document, (byOperation = new Map()));
    let policy = byOperation.get(operationName);
    if (!policy) byOperation.set(operationName, (policy = computeCachePolicy(schema, document, operationName)));
    return policy;
  };
}
