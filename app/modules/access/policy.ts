// Every route module exports `access`, one of these. A test enumerates the routes and fails on a route
// without one; the cross-group browser test requests every "member" route as a member of another group.
export type AccessPolicy =
  | "public" // anyone, logged in or not
  | "authenticated" // any logged-in person
  | "member" // a member of the group in the URL (404 for anyone else)
  | "operator" // an instance administrator
  | "officer"; // a programme officer of the funder of the programme in the URL (404 for anyone else)

export const ACCESS_POLICIES: readonly AccessPolicy[] = ["public", "authenticated", "member", "operator", "officer"];
