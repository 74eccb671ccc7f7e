// GraphQL type for people: authors of papers and writers of summaries.
import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "A person, identified by name as written in the source data." })
export class Person {
  @Field()
  name: string;
}
