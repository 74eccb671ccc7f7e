// Resolvers for summaries: lookup by id, and the author, paper and mentions of each.
import { Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../graphql/context";
import { ListArgs } from "../graphql/page.args";
import { Paper } from "../papers/paper.type";
import { Person } from "../people/person.type";
import type { SummaryRecord } from "./summary.repository";
import { SummaryArgs } from "./summary.args";
import { Summary } from "./summary.type";
import { renderSummaryHtml } from "./summary-html";

@Resolver(() => Summary)
export class SummaryResolver {
  @Query(() => Summary, { nullable: true, description: "A summary by id; null when unknown." })
  summary(@Args() { id }: SummaryArgs, @Ctx() { loaders }: Context) {
    return loaders.summaryById.load(id);
  }

  @FieldResolver(() => String, { description: "The markdown as sanitised HTML; $...$ LaTeX is left for the client to typeset." })
  bodyHtml(@Root() summary: SummaryRecord): string {
    return renderSummaryHtml(summary.body);
  }

  @FieldResolver(() => Person, { nullable: true, description: "Who wrote it; null when the source names nobody." })
  author(@Root() summary: SummaryRecord) {
    // The name comes with the summary itself, so the author costs no further round-trip.
    return summary.authorName === null ? null : { name: summary.authorName };
  }

  @FieldResolver(() => Paper, { description: "The paper this summary summarizes." })
  async paper(@Root() summary: SummaryRecord, @Ctx() { loaders }: Context) {
    return loaders.paperById.load(summary.paperId);
  }

  @FieldResolver(() => [Paper], { description: "Papers the summary links to, in id order; `after` takes a paper id." })
  mentions(@Root() summary: SummaryRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context) {
    return loaders.mentionsBySummaryId(args.toPage()).load(summary.id);
  }
}
