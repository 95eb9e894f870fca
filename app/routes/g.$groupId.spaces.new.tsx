// A new space (common room, guest room, equipment, outdoor space), for facilitators. The form is the edit
// page's.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { createSpace } from "~/modules/bookings/spaces.server";
import { SpaceSchema } from "~/modules/bookings/schemas";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { SpaceForm, spaceDefaults } from "./g.$groupId.spaces.$spaceId.edit";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["bookings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  requirePermission(ctx, "space:manage");
  return { title: getT(resolveLang(request, ctx.user.locale))("bookings:manage.new_title"), groupId: ctx.groupId };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const submission = parseWithZod(await request.formData(), { schema: SpaceSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const space = createSpace({ ctx, input: submission.value });
  return redirectWithToast(`/g/${ctx.groupId}/spaces/${space.id}`, "space_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewSpace() {
  const { t, i18n } = useTranslation("bookings");
  const { groupId } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const back = `/g/${groupId}/bookings`;
  return (
    <>
      <p>
        <Link to={back}>{t("booking.back")}</Link>
      </p>
      <h1>{t("manage.new_title")}</h1>
      <p className="muted">{t("manage.new_intro")}</p>
      <SpaceForm id="new-space" defaultValue={spaceDefaults(null, i18n.language)} lastResult={lastResult} submitLabel={t("manage.create")} cancelTo={back} />
    </>
  );
}
