// What a read of summaries returns: the record type, its property list, the Cypher that projects it and the mapper
// back; typed by projection as papers are (src/papers/paper.record.ts, src/neo4j/projection.ts).
import { projectionValues, Projected, rowFromValues, Selected } from "../neo4j/projection";
import { personFromValues, PersonRecord, personValues } from "../people/person.record";

/** A summary with every stored property, its paper's id and its writer. */
export interface SummaryRecord {
  id: string;
  body: string;
  /** The base count of votes cast elsewhere (ShortScience) plus the sum of the VOTED values here. */
  votes: number;
  createdAt: string;
  /** Identity keys (src/auth/viewer.ts identityKey) and times of the API writes; null for seeded or imported ones. */
  createdBy: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
  paperId: string;
  /** The Person who WROTE it: an author, or a signed-in person's own node (docs/identity.md, "In the graph"). */
  author: PersonRecord | null;
}

/** The stored properties of a Summary node, in the order reads return them. */
export const SUMMARY_PROPERTIES = ["id", "body", "votes", "createdAt", "createdBy", "updatedBy", "updatedAt"] as const;
export type SummaryProperty = (typeof SUMMARY_PROPERTIES)[number];
/** Which properties a read returns (see PaperProjection); the paper's id and the author always come along. */
export type SummaryProjection = readonly SummaryProperty[];

type Always = "id" | "paperId" | "author";
/** A summary read with `Props`: exactly those fields for a tuple known in code, a SelectedSummary otherwise. */
export type SummaryRecordOf<Props extends SummaryProjection> = Projected<SummaryRecord, Always, Props>;
/** A summary read with the properties a GraphQL selection asked for. */
export type SelectedSummary = Selected<SummaryRecord, Always>;

/** The projection that answers a selection of Summary fields: bodyHtml is made from the body. */
export function summaryProjection(selected: ReadonlySet<string>): SummaryProjection {
  return SUMMARY_PROPERTIES.filter((p) => p === "id" || selected.has(p) || (p === "body" && selected.has("bodyHtml")));
}

/**
 * A summary's properties `props`, then its paper's id and its writer (as personValues), as one list. `writer` is the
 * (possibly null) Person variable.
 */
export const summaryValues = (s: string, paperId: string, writer: string, props: SummaryProjection) =>
  projectionValues(s, props, paperId, personValues(writer));

/** A summary read as `summaryValues` under `props`; a summary never voted on has 0 votes. */
export function summaryFromValues<Props extends SummaryProjection>(values: unknown, props: Props): SummaryRecordOf<Props> {
  return rowFromValues([...props, "paperId", "author"], values, (name, value) =>
    name === "votes" ? (value ?? 0) : name === "author" ? personFromValues(value) : value,
  );
}
