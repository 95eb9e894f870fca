// Open action items: mine (a person marks their own done, with the date), and for facilitators every
// open action item of the group. Home's "done" buttons post here too (and come back to Home).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ActionLine } from "~/components/meetings-home";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formInfo, replyFormDone, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { safeRedirect } from "~/modules/core/safe-redirect";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { listActions, markActionDone } from "~/modules/meetings/actions.server";
import { describeProblem } from "~/modules/meetings/rules";
import { DoneSchema } from "~/modules/meetings/schemas";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["meetings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("meetings:actions_page.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    ...listActions({ ctx }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  requirePermission(ctx, "meeting:read");
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  const formData = await request.formData();
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: DoneSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const r = markActionDone({ ctx, input: submission.value });
  if (!r.ok) return replyFormProblems(info, r.problems, (p) => describeProblem(t, p), new Set(["doneOn"]));
  const back = safeRedirect(info.fields.back, `/g/${ctx.groupId}/meetings/actions`);
  return replyFormDone(info, back.startsWith(`/g/${ctx.groupId}`) ? back : `/g/${ctx.groupId}/meetings/actions`, "meetings.action_done");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function ActionsPage() {
  const { t } = useTranslation("meetings");
  const d = useLoaderData<typeof loader>();
  const others = (d.all ?? []).filter((a) => !a.mine);
  return (
    <>
      <p>
        <Link to={`/g/${d.groupId}/meetings`}>{t("back_to_list")}</Link>
      </p>
      <h1>{t("actions_page.title")}</h1>
      <section aria-labelledby="my-actions">
        <h2 id="my-actions">{t("actions_page.mine")}</h2>
        {d.mine.length ? (
          <ul className="list">
            {d.mine.map((a) => (
              <ActionLine key={a.id} a={a} today={d.today} timeZone={d.timeZone} groupId={d.groupId} />
            ))}
          </ul>
        ) : (
          <p className="muted">{t("actions_page.none_mine")}</p>
        )}
      </section>
      {d.all ? (
        <section aria-labelledby="all-actions">
          <h2 id="all-actions">{t("actions_page.all")}</h2>
          {others.length ? (
            <ul className="list">
              {others.map((a) => (
                <ActionLine key={a.id} a={a} today={d.today} timeZone={d.timeZone} groupId={d.groupId} />
              ))}
            </ul>
          ) : (
            <p className="muted">{t("actions_page.none")}</p>
          )}
        </section>
      ) : null}
    </>
  );
}
