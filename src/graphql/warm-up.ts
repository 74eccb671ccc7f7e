// Before the server listens, each query of its operation manifest (the trusted documents, or the repository's own
// clients' when none are set) runs once, so its first visitors do not pay what a fresh process and a fresh Neo4j pay
// for a document's first run: Neo4j planning each statement text and the JITs' first passes (measured:
// docs/operations.md#warm-up). Only queries run; a document that fails, even one that does not parse, is logged and
// counted, never fatal.
import {
  GraphQLInputType,
  GraphQLSchema,
  OperationDefinitionNode,
  getNullableType,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
  getOperationAST,
  typeFromAST,
} from "graphql";
import type { Logger } from "../logger";

/** Runs one operation: its result. */
export type RunOperation = (query: string, variables: Record<string, unknown>) => Promise<{ data?: unknown; errors?: readonly unknown[] }>;

export interface WarmUpRunners {
  /** A document as a client's request runs (Apollo's pipeline and plugins, the trusted-documents check included). */
  document: RunOperation;
  /** The sample lookup, which is in no manifest: straight to the schema's resolvers. */
  sample: RunOperation;
}

export interface WarmUpResult {
  ran: number;
  /** Of those run, the ones answered with an error, or that did not parse. */
  failed: number;
  /** Left out: not a query, or a required variable of a type no sample value fits. */
  skipped: number;
  /** Not started: the budget was spent. */
  unstarted: number;
  ms: number;
}

/** The paper whose page visitors open first (the newest summary's), else the first paper by id. */
export const WARM_UP_SAMPLE = `query WarmUpSample {
  summaries(first: 1) { edges { node { paper { id title } } } }
  papers(first: 1) { edges { node { id title } } }
}`;

/** Documents run at a time (one, two and three measured: docs/operations.md#warm-up). */
const AT_ONCE = 2;

export interface Sample {
  id: string;
  word: string;
}

/**
 * Runs `documents`' queries, two at a time, with variables filled from one paper; none starts once `budgetMs` is
 * spent (one already running has its request's time budget, REQUEST_TIMEOUT_MS).
 */
export async function warmUp(run: WarmUpRunners, schema: GraphQLSchema, documents: readonly string[], budgetMs: number, logger: Logger): Promise<WarmUpResult> {
  const started = Date.now();
  const result: WarmUpResult = { ran: 0, failed: 0, skipped: 0, unstarted: 0, ms: 0 };
  const sample = await samplePaper(run.sample);
  const queue = [...documents];
  const failed = (operation: string | undefined, errors: readonly unknown[]) => {
    result.failed += 1;
    logger.warn({ operation, errors }, "warm-up: a document failed");
  };
  const worker = async () => {
    for (let query = queue.shift(); query !== undefined; query = queue.shift()) {
      if (Date.now() - started >= budgetMs) {
        result.unstarted += 1;
        continue;
      }
      let operation;
      try {
        operation = getOperationAST(parse(query));
      } catch (err) {
        result.ran += 1;
        failed(undefined, [err]);
        continue;
      }
      const variables = variablesFor(schema, operation, sample);
      if (!variables) {
        result.skipped += 1;
        continue;
      }
      result.ran += 1;
      const { errors } = await run.document(query, variables).catch((err: unknown) => ({ errors: [err] }));
      if (errors?.length) failed(operation?.name?.value, errors);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  result.ms = Date.now() - started;
  return result;
}

async function samplePaper(run: RunOperation): Promise<Sample> {
  type Paper = { id: string; title: string };
  type Data = { summaries?: { edges: Array<{ node: { paper: Paper } }> }; papers?: { edges: Array<{ node: Paper }> } };
  const data = (await run(WARM_UP_SAMPLE, {}).catch(() => ({ data: undefined }))).data as Data | undefined;
  const paper = data?.summaries?.edges[0]?.node.paper ?? data?.papers?.edges[0]?.node;
  // An empty database still plans its statements: an id that names no paper runs the lookups, if not what follows.
  if (!paper) return { id: "warm-up", word: "graph" };
  const word = paper.title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length >= 4) ?? "graph";
  return { id: paper.id, word };
}

/** The required variables of a query, each from the sample; undefined when the operation is not a query or one does not fit. */
export function variablesFor(schema: GraphQLSchema, operation: OperationDefinitionNode | null | undefined, sample: Sample): Record<string, unknown> | undefined {
  if (operation?.operation !== "query") return undefined;
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) return undefined;
    if (!isNonNullType(type) || definition.defaultValue) continue;
    const value = valueOf(type, sample);
    if (value === undefined) return undefined;
    variables[definition.variable.name.value] = value;
  }
  return variables;
}

function valueOf(type: GraphQLInputType, sample: Sample): unknown {
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const item = getNullableType(inner.ofType);
    // A list of an enum (edge kinds, fields): all of them, the widest statement.
    if (isEnumType(item)) return item.getValues().map((v) => v.name);
    const value = valueOf(inner.ofType, sample);
    return value === undefined ? undefined : [value];
  }
  if (isEnumType(inner)) return inner.getValues()[0]?.name;
  if (!isScalarType(inner)) return undefined;
  switch (inner.name) {
    case "ID":
      return sample.id;
    case "String":
      return sample.word;
    case "Int":
    case "Float":
      // The smallest a count, page size or depth may be.
      return 1;
    case "Boolean":
      return false;
    default:
      return undefined;
  }
}
