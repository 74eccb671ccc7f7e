// `viewer`: who the server thinks the caller is, so a client can show "signed in as" and what the roles allow.
import { Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../graphql/context";
import { ViewerInfo } from "./viewer.type";

@Resolver()
export class ViewerResolver {
  @Query(() => ViewerInfo, { description: "The caller: never null; an anonymous reader has no name and no roles." })
  viewer(@Ctx() { viewer }: Context): ViewerInfo {
    if (viewer.kind === "anonymous") return { name: null, roles: [], author: false, signedIn: false };
    return { name: viewer.name, roles: viewer.roles, author: viewer.author, signedIn: true };
  }
}
