// Resolvers for people: lookup by name and the papers a person authored.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../graphql/context";
import { ListArgs } from "../graphql/page.args";
import { selectedPaperProps } from "../graphql/selection";
import { Paper } from "../papers/paper.type";
import type { PersonRecord } from "./person.record";
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
}
