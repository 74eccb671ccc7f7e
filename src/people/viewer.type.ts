// GraphQL type for the caller as the server sees them.
import { Field, ObjectType } from "type-graphql";
import { ROLES, Role } from "../auth/viewer";

@ObjectType("Viewer", { description: "Who the server thinks is asking: from the request's Authorization header." })
export class ViewerInfo {
  @Field(() => String, { nullable: true, description: "The display name; null for an anonymous reader." })
  name: string | null;

  @Field(() => [String], { description: `The roles held (${ROLES.join(", ")}, with what they imply); empty for an anonymous reader.` })
  roles: Role[];

  @Field({ description: "True when the sign-in provider vouches that this person is the author of that name." })
  author: boolean;

  @Field({ description: "False for an anonymous reader." })
  signedIn: boolean;
}
