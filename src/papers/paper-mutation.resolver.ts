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
import { resolvePaperIds } from "./resolve-paper-ids";

interface Ends {
  from: string;
  to: string;
}

interface EdgeChangeValue {
  from: SelectedPaper;
  to: SelectedPaper;
  changed: boolean;
}

@Resolver()
export class PaperMutationResolver {
  @Authorized<Role>("curator")
  @Mutation(() => Paper, { description: "Creates the paper or updates it (a stub stops being one); returns it as stored." })
  async upsertPaper(@Arg("input", () => PaperInput) input: PaperInput, @Ctx() ctx: Context): Promise<PaperRecord> {
    const written = await ctx.repositories.paperWrites.upsertPaper(input, by(ctx));
    if ("doiConflict" in written) {
      const { named, stored } = written.doiConflict;
      throw invalidInput([
        `input.id ${input.id} names the paper holding DOI ${named}, but that paper holds DOI ${stored}, which a write leaving doi out does not replace: give doi "${named}" to replace it`,
      ]);
    }
    if ("taken" in written) {
      const { field, by: holder } = written.taken;
      throw invalidInput([`input.${field} is already the ${field === "doi" ? "DOI" : "arXiv id"} of paper ${holder}: one paper per identifier (update that paper instead)`]);
    }
    return written.paper;
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Adds `from` CITES `to`; adding it again changes nothing." })
  addCitation(@Args() { from, to }: EdgeArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, { from, to }, (ends) => ctx.repositories.paperWrites.addEdge("CITES", ends.from, ends.to, by(ctx)));
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Removes `from` CITES `to`; changed is false when there was none." })
  removeCitation(@Args() { from, to }: EdgeArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, { from, to }, (ends) => ctx.repositories.paperWrites.removeEdge("CITES", ends.from, ends.to));
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Adds a curator's 'see also' link (or updates its note); one edge per pair." })
  addSeeAlso(@Args() { from, to, note }: SeeAlsoArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, { from, to }, (ends) => ctx.repositories.paperWrites.addEdge("SEE_ALSO", ends.from, ends.to, by(ctx), note ?? null));
  }

  @Authorized<Role>("curator")
  @Mutation(() => EdgeChange, { description: "Removes the 'see also' link from `from` to `to`, whoever made it." })
  removeSeeAlso(@Args() { from, to }: EdgeArgs, @Ctx() ctx: Context): Promise<EdgeChangeValue> {
    return edgeChange(ctx, { from, to }, (ends) => ctx.repositories.paperWrites.removeEdge("SEE_ALSO", ends.from, ends.to));
  }
}

/** Who is recorded as making a change; @Authorized has made sure there is a person. */
function by({ viewer }: Context): Writer {
  if (viewer.kind !== "person") throw new Error("a paper mutation ran without an identity; is its @Authorized missing?");
  return writerOf(viewer);
}

/**
 * Resolves both ends (any id form) to Paper.id, then writes; an end no paper has changes nothing. An end no lookup
 * finds is written under the name as given, which is a paper's id when that paper's id is one lookups read as
 * another identifier (stored before upsertPaper refused such ids); the answer reads the papers the write found.
 */
async function edgeChange(
  { loaders }: Context,
  names: Ends,
  write: (ends: Ends) => Promise<EdgeWrite>,
): Promise<EdgeChangeValue> {
  const [from, to] = await resolvePaperIds(loaders, [names.from, names.to]);
  const ends = { from: from ?? names.from, to: to ?? names.to };
  if (ends.from === ends.to) throw invalidInput([`to must not be the same paper as from (both are "${ends.from}"): no self-citations or self-links`]);
  // An unknown end is reported by the write, which checks again under its locks (a concurrent delete).
  const result = await write(ends);
  if (result.missing.length > 0) {
    throw invalidInput(result.missing.map((end) => `${end} must name an existing paper: no paper has id, arXiv id or DOI "${names[end]}"`));
  }
  const [a, b] = await Promise.all([loaders.paperById.load(ends.from), loaders.paperById.load(ends.to)]);
  return { from: a as SelectedPaper, to: b as SelectedPaper, changed: "changed" in result && result.changed };
}
