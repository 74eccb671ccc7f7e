// GraphQL types for papers: Paper, SeeAlso, PaperConnection.
import { Field, ID, Int, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ConnectionType } from "../graphql/connection";
import type { ExternalIdRecord, PaperRecord } from "./paper.record";
import type { IdentifierKind } from "./paper-identity";

@ObjectType({ description: "A research paper. Ids follow ShortScience's bibtexKey form, e.g. journals/corr/1512.03385." })
export class Paper implements Omit<PaperRecord, "createdBy" | "updatedBy"> {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  abstract: string | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => String, { nullable: true })
  venue: string | null;

  @Field(() => String, { nullable: true })
  url: string | null;

  @Field(() => String, { nullable: true, description: "arXiv identifier without version, e.g. 1512.03385." })
  arxivId: string | null;

  @Field(() => String, { nullable: true })
  doi: string | null;

  @Field({ description: "True for a paper known only because something links to it; fill it in with upsertPaper." })
  stub: boolean;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When upsertPaper (or a summary's link, for a stub) created it; null for seeded or imported papers." })
  createdAt: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When upsertPaper last changed it; null when never." })
  updatedAt: string | null;
}

@ObjectType({ description: "An identifier a paper is known by besides its id; paper(id:) finds the paper by each." })
export class ExternalId implements ExternalIdRecord {
  @Field(() => String, { description: "arxiv, doi, dblp, openalex, s2 (Semantic Scholar paperId), corpusId, pubmed, pmcid, mag or acl." })
  kind: IdentifierKind;

  @Field({ description: "As stored: a DOI lower-case, an arXiv id without version, an OpenAlex id as W123." })
  value: string;
}

@ObjectType({ description: "A human-curated 'see also' link from one paper to another." })
export class SeeAlso {
  @Field(() => Paper)
  paper: Paper;

  @Field(() => String, { nullable: true, description: "The link text or a curator's note." })
  note: string | null;

  @Field(() => String, { nullable: true, description: "Id of the summary the link was taken from, if any." })
  source: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When it was made through the API; null for seeded or imported links." })
  createdAt: string | null;
}

@ObjectType()
export class PaperConnection extends ConnectionType(Paper) {}

@ObjectType({ description: "The result of adding or removing an edge: both endpoints, as they are now." })
export class EdgeChange {
  @Field(() => Paper)
  from: Paper;

  @Field(() => Paper)
  to: Paper;

  @Field({ description: "False when the edge was already there (add) or already gone (remove)." })
  changed: boolean;
}
