import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { listMyGroups, listMyProgrammes, requireUser } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";

export const access: AccessPolicy = "authenticated";

// Where a person lands: their first group's Home; a programme officer without a group, their programmes;
// an operator without a group, the administration.
export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  const groups = listMyGroups(user.id);
  if (groups.length > 0) throw redirect(`/g/${groups[0].id}`);
  if (listMyProgrammes(user.id).length > 0) throw redirect("/p");
  if (user.isOperator) throw redirect("/admin");
  throw redirect("/account");
}
