// GraphQL types of full-text search: a hit names the field that matched and its relevance score.
import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { ConnectionType } from "../graphql/connection";
import { Paper } from "../papers/paper.type";
import { Summary } from "../summaries/summary.type";

export enum SearchFieldEnum {
  TITLE = "TITLE",
  ABSTRACT = "ABSTRACT",
  SUMMARY = "SUMMARY",
}

registerEnumType(SearchFieldEnum, { name: "SearchField", description: "Where the words matched." });

@ObjectType({ description: "One matching field: a paper's title or abstract, or the body of one of its summaries." })
export class SearchHit {
  @Field(() => Float, { description: "Lucene relevance; higher is better. Comparable within one query." })
  score: number;

  @Field(() => SearchFieldEnum)
  field: SearchFieldEnum;

  @Field(() => Paper, { description: "The paper matched, or the paper of the summary matched." })
  paper: Paper;

  @Field(() => Summary, { nullable: true, description: "The summary matched, for a SUMMARY hit." })
  summary: Summary | null;
}

@ObjectType()
export class SearchHitConnection extends ConnectionType(SearchHit) {}
