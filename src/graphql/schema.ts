// Builds the executable schema from the type-graphql resolvers, with argument validation switched on.
import { GraphQLSchema, lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { PaperResolver, SeeAlsoResolver } from "../papers/paper.resolver";
import { SummaryResolver } from "../summaries/summary.resolver";
import { PersonResolver } from "../people/person.resolver";
import { GRAPH_RESOLVERS } from "../graph/graph.resolver";
import { PaperMutationResolver } from "../papers/paper-mutation.resolver";
import { SummaryMutationResolver } from "../summaries/summary-mutation.resolver";
import { SearchResolver } from "../search/search.resolver";
import { ImportResolver } from "../imports/import.resolver";
import { validateArgs } from "./validation";
import { authChecker } from "./auth-checker";
import { ViewerResolver } from "../people/viewer.resolver";
import { SummarySubscriptionResolver } from "../summaries/summary-subscription.resolver";
import { createSummaryEvents } from "../summaries/summary-events";

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [PaperResolver, SeeAlsoResolver, SummaryResolver, PersonResolver, PaperMutationResolver, SummaryMutationResolver, SummarySubscriptionResolver, SearchResolver, ImportResolver, ViewerResolver, ...GRAPH_RESOLVERS],
    // type-graphql asks for a pubSub once there are subscriptions; ours listen to the bus the context carries
    // (summary-subscription.resolver.ts), so this one is never published to.
    pubSub: createSummaryEvents(),
    // Bounds live on the args classes as class-validator decorators, checked once per field node (validation.ts).
    validateFn: validateArgs,
    // Who may call what: @Authorized("role") on each mutation, checked here before its arguments (auth-checker.ts).
    authChecker,
  });
}

/** The SDL committed as schema/schema.graphql, sorted so that diffs show real changes only. */
export async function printAppSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildAppSchema())) + "\n";
}
