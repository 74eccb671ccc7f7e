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

  @Field(() => Int, { description: "Votes cast elsewhere before (ShortScience's count, for seeded summaries) plus the sum of the votes here." })
  votes: number;

  @Field(() => GraphQLDateTime)
  createdAt: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: "When its text was last edited; null when never." })
  updatedAt: string | null;
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
