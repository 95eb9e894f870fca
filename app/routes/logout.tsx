import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { blankSessionCookie, invalidateAllSessions, invalidateSession } from "~/modules/auth/session.server";

export const access: AccessPolicy = "public";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = getAuth(request, context);
  // A broken or empty body still logs out: leaving the session alive would be the surprise.
  const form = await request.formData().catch(() => new FormData());
  if (auth) {
    if (form.get("everywhere") === "1") invalidateAllSessions(auth.user.id);
    else invalidateSession(auth.sessionId);
  }
  return redirect("/login", { headers: { "Set-Cookie": blankSessionCookie() } });
}
