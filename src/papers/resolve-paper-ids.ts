// Every argument that names a paper goes through here: whatever id form the client holds (a paper id, an arXiv id,
// a DOI; src/papers/paper-ids.ts) becomes Paper.id, batched through the request's paperByKey loader, so all the
// names of one nesting level cost one MATCH_PAPERS_BY_IDENTIFIERS statement.
import { badUserInput } from "../graphql/errors";
import type { Loaders } from "../loaders/create-loaders";
import { normalizePaperKey } from "./paper-ids";

const ID_ONLY = ["id"] as const;

/** The Paper.id each name stands for, in order; null for a name no paper has. */
export async function resolvePaperIds(loaders: Loaders, names: readonly string[]): Promise<Array<string | null>> {
  const papers = await Promise.all(names.map((n) => loaders.paperByKey.load(normalizePaperKey(n), { props: ID_ONLY })));
  return papers.map((p) => p?.paper.id ?? null);
}

/** Like resolvePaperIds, but a name no paper has is a BAD_USER_INPUT error naming `argument` and up to 5 of them. */
export async function requirePaperIds(loaders: Loaders, names: readonly string[], argument: string): Promise<string[]> {
  const ids = await resolvePaperIds(loaders, names);
  const unknown = names.filter((_, i) => ids[i] === null);
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((n) => `"${n.slice(0, 100)}"`).join(", ");
    const more = unknown.length > 5 ? ` (and ${unknown.length - 5} more)` : "";
    throw badUserInput(`${argument}: no paper has the id, arXiv id or DOI ${shown}${more}.`);
  }
  return ids as string[];
}
