import { redirect, redirectDocument, type ActionFunctionArgs } from "@remix-run/node";
import type { AccessPolicy } from "~/modules/access/policy";
import { LANG_COOKIE, isLang } from "~/modules/i18n/config";
import { safeRedirect } from "~/modules/core/safe-redirect";

export const access: AccessPolicy = "public";

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lang = form.get("lang");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLang(lang)) return redirect(to);
  // A full page load: the browser holds only the current language's texts.
  return redirectDocument(to, {
    headers: { "Set-Cookie": `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax` },
  });
}
