// What a read of papers returns: the record type, its property list, the Cypher that projects it and the mapper
// back. The type of a record follows the properties it was read with (src/neo4j/projection.ts): a Paper field
// resolver receives a SelectedPaper, whose id is certain and whose other fields the compiler makes it check.
import type { Database } from "../neo4j/database";
import { Group, Page, readGroups } from "../neo4j/page";
import { projectionValues, Projected, rowFromValues, Selected } from "../neo4j/projection";
import type { IdentifierKind } from "./paper-identity";

/** A paper with every stored property, as a read with PAPER_PROPERTIES returns it. */
export interface PaperRecord {
  id: string;
  title: string;
  abstract: string | null;
  year: number | null;
  venue: string | null;
  url: string | null;
  arxivId: string | null;
  doi: string | null;
  stub: boolean;
  /** Provenance of API writes (identity keys, src/auth/viewer.ts): null for seeded or imported papers. */
  createdBy: string | null;
  createdAt: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** The stored properties of a Paper node, in the order reads return them. */
export const PAPER_PROPERTIES = ["id", "title", "abstract", "year", "venue", "url", "arxivId", "doi", "stub", "createdBy", "createdAt", "updatedBy", "updatedAt"] as const;
export type PaperProperty = (typeof PAPER_PROPERTIES)[number];

/** Which properties a read returns: a subsequence of PAPER_PROPERTIES that starts with id. */
export type PaperProjection = readonly PaperProperty[];

/** A paper read with `Props`: exactly those fields for a tuple known in code, a SelectedPaper otherwise. */
export type PaperRecordOf<Props extends PaperProjection> = Projected<PaperRecord, "id", Props>;

/** A paper read with the properties a GraphQL selection asked for: the id, and the others only if selected. */
export type SelectedPaper = Selected<PaperRecord, "id">;

/** The projection that answers a selection of Paper fields: the stored ones among them, and always the id. */
export function paperProjection(selected: ReadonlySet<string>): PaperProjection {
  return PAPER_PROPERTIES.filter((p) => p === "id" || selected.has(p));
}

/** A paper's properties `props` in Cypher, as a list (statements using it are made perProjection). */
export const paperValues = (variable: string, props: PaperProjection) => projectionValues(variable, props);

/** A paper read as `paperValues` under `props`. An absent property reads null, and an absent stub false. */
export function paperFromValues<Props extends PaperProjection>(values: unknown, props: Props): PaperRecordOf<Props> {
  return rowFromValues(props, values, (name, value) => (name === "stub" ? value === true : value));
}

/** A grouped list query whose items are `paperValues` (see readGroups), read under `props`. */
export function readPaperGroups(
  db: Database,
  statement: (props: PaperProjection) => string,
  keys: readonly string[],
  page: Page,
  props: PaperProjection,
): Promise<Group<SelectedPaper>[]> {
  return readGroups(db, statement(props), keys, page, (values) => paperFromValues(values, props));
}

/** One of a paper's identifiers (paper-identity.ts). */
export interface ExternalIdRecord {
  kind: IdentifierKind;
  value: string;
}

/** A curated or summary-made SEE_ALSO link, with the paper it leads to. */
export interface SeeAlsoLinkRecord {
  paper: SelectedPaper;
  note: string | null;
  source: string | null;
  /** The identity key of whoever made it through the API (a curator, or a summary's writer), and when. */
  createdBy: string | null;
  createdAt: string | null;
}

export interface PaperStatsRecord {
  citationCount: number;
  referenceCount: number;
  seeAlsoCount: number;
  summaryCount: number;
}
