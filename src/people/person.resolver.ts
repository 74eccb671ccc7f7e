// Resolvers for people: lookup by name, the papers a person authored and the summaries they wrote.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../graphql/context";
import { ListArgs } from "../graphql/page.args";
import { selectedPaperProps, selectedSummaryProps } from "../graphql/selection";
import { Paper } from "../papers/paper.type";
import { Summary } from "../summaries/summary.type";
import { expectSummaryAfter } from "../summaries/summary-list-after";
import { PersonRecord, writerKey } from "./person.record";
import { PersonArgs } from "./person.args";
import { Person } from "./person.type";

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "A person by exact name; null when unknown." })
  person(@Args() { name }: PersonArgs, @Ctx() { loaders }: Context) {
    return loaders.personByName.load(name);
  }

  @FieldResolver(() => [Paper], { description: "Papers this person authored, in id order; `after` takes a paper id." })
  papers(@Root() person: PersonRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    // A signed-in person's own node is nobody's author; its display name may be an author's, whose papers are not its.
    if (!person.byName) return [];
    return loaders.papersByAuthorName.load(person.name, { props: selectedPaperProps(info), page: args.toPage() });
  }

  @FieldResolver(() => [Summary], { description: "Summaries this person wrote, newest first; `after` takes a summary id." })
  async summaries(@Root() person: PersonRecord, @Args() args: ListArgs, @Ctx() { loaders }: Context, @Info() info: GraphQLResolveInfo) {
    // An author by name, a signed-in writer's own node (no name) by its identity (docs/identity.md).
    const writer = writerKey(person);
    const page = args.toPage();
    const items = await loaders.summariesByWriterKey.load(writer, { props: selectedSummaryProps(info), page });
    await expectSummaryAfter(loaders, items, page.after, (s) => s.author !== null && writerKey(s.author) === writer, "a summary this person wrote");
    return items;
  }

  @FieldResolver(() => Int, { description: "How many summaries this person wrote." })
  summaryCount(@Root() person: PersonRecord, @Ctx() { loaders }: Context) {
    return loaders.summaryCountByWriterKey.load(writerKey(person));
  }
}
