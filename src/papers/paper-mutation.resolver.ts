// Mutations on papers and the edges between them. Each is one write transaction in the repository; a rejected
// mutation (bad field, missing endpoint) changes nothing and names every bad field in a BAD_USER_INPUT error.
// Every one is a curator's (docs/identity.md#permissions). The request's loaders are emptied by the write itself (src/graphql/context.ts), so what follows reads it.
import { Arg, Args, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { Role, Writer, writerOf } from "../auth/viewer";
import type { Context } from "../graphql/context";
import { invalidInput } from "../graphql/errors";
import type { PaperRecord, SelectedPaper } from "./paper.record";
import type { EdgeWrite } from "./paper-write.repository";
import { EdgeArgs, PaperInput, SeeAlsoArgs } from "./paper.input";
import { EdgeChange, Paper } from "./paper.type";

interface EdgeChangeValue {
  from: SelectedPaper;
  to: SelectedPaper;
  changed: boolean;
}

@Resolver()
export class PaperMutationResolver {
  @Authorized<Role>("curator")
  @Mutation(() => Paper, { description: "Creates the paper or updates it (a stub stops being one); returns it as stored." })
  upsertPaper(@Arg("input", () => PaperInput) input: PaperInput, @Ctx() ctx: Context): Promise<PaperRecord> {
    return ctx.repositories.paperWrites.upsertPaper(input, by(ctx));
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Adds `from` CITES `to`; adding it again changes nothing." })
  addCitation(@Args() { from, to }: EdgeArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, from, to, ctx.repositories.paperWrites.addEdge("CITES", from, to, by(ctx)));
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Removes `from` CITES `to`; changed is false when there was none." })
  removeCitation(@Args() { from, to }: EdgeArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, from, to, ctx.repositories.paperWrites.removeEdge("CITES", from, to));
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Adds a curator's 'see also' link (or updates its note); one edge per pair." })
  addSeeAlso(@Args() { from, to, note }: SeeAlsoArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, from, to, ctx.repositories.paperWrites.addEdge("SEE_ALSO", from, to, by(ctx), note ?? null));
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Removes the 'see also' link from `from` to `to`, whoever made it." })
  removeSeeAlso(@Args() { from, to }: EdgeArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, from, to, ctx.repositories.paperWrites.removeEdge("SEE_ALSO", from, to));
  }
}

/** Who is recorded as making a change; @Authorized has made sure there is a person. */
function by({ viewer }: Context): Writer {
  if (viewer.kind !== "person") throw new Error("a paper mutation ran without an identity; is its @Authorized missing?");
  return writerOf(viewer);
}

async function edgeChange({ loaders }: Context, from: string, to: string, write: Promise<EdgeWrite>): Promise<EdgeChangeValue> {
  const result = await write;
  if (result.missing.length > 0) {
    throw invalidInput(result.missing.map((end) => `${end} must name an existing paper: no paper has id "${end === "from" ? from : to}"`));
  }
  const [a, b] = await Promise.all([loaders.paperById.load(from), loaders.paperById.load(to)]);
  return { from: a as SelectedPaper, to: b as SelectedPaper, changed: "changed" in result && result.changed };
}
