// GraphQL type for summaries.
import { Field, ID, Int, ObjectType } from "type-graphql";
import { GraphQLDateTime } from "graphql-scalars";
import { ConnectionType } from "../graphql/connection";
import { Paper } from "../papers/paper.type";

@ObjectType({ description: "A human-written summary of a paper, in markdown (LaTeX between $...$ left as written)." })
export class Summary {
  @Field(() => ID)
  id: string;

  @Field({ description: "The markdown as stored." })
  body: string;

  @Field(() => Int)
  votes: number;

  @Field(() => GraphQLDateTime)
  createdAt: string;
}

@ObjectType({ description: "A summary that deleteSummary removed, and the paper it summarized, as it is now." })
export class DeletedSummary {
  @Field(() => ID)
  id: string;

  @Field(() => Paper)
  paper: Paper;
}

@ObjectType()
export class SummaryConnection extends ConnectionType(Summary) {}
