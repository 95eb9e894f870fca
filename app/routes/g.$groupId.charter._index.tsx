// « Charte des habitants »: the version in force and its articles, the viewer's signature (or the button to
// sign it), the version being prepared, the history of versions and the comparison; for facilitators, the
// shares of adults and households who signed and the way to start a new version.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CharterArticles } from "~/components/charter-articles";
import { IntentErrors } from "~/components/charter-forms";
import { CharterShares } from "~/components/charter-shares";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { createDraft } from "~/modules/charter/drafts.server";
import { getCharterPage } from "~/modules/charter/versions.server";
import { signCharter } from "~/modules/charter/signatures.server";
import { describeProblem, type Problem } from "~/modules/charter/rules";
import { formatDate } from "~/modules/core/dates";
import type { FormReply } from "~/modules/core/form-reply";
import { formInfo, replyFormErrors, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["charter", "exchange:errors"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const page = getCharterPage({ ctx });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("charter:title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    ...page,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  requirePermission(ctx, "charter:read");
  const formData = await request.formData();
  const info = formInfo(formData);
  const { intent } = info;
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  const describe = (p: Problem) => describeProblem(t, p);
  if (intent === "sign") {
    const result = signCharter({ ctx });
    if (!result.ok) return replyFormProblems(info, result.problems, describe);
    return redirectWithToast(`/g/${ctx.groupId}/charter`, "charter_signed");
  }
  if (intent === "new_draft") {
    const result = createDraft({ ctx });
    if (!result.ok) return replyFormProblems(info, result.problems, describe);
    return redirectWithToast(`/g/${ctx.groupId}/charter/${result.id}/edit`, "charter_draft_created");
  }
  return replyFormErrors(info, { fieldErrors: {}, formErrors: [t("errors.invalid")] });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function CharterPage() {
  const { t, i18n } = useTranslation("charter");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const busy = useNavigation().state === "submitting";
  const base = `/g/${d.groupId}/charter`;
  const date = (v: string) => formatDate(v, i18n.language, d.timeZone);
  const v = d.inForce;
  return (
    <>
      <h1>{t("title")}</h1>
      {v ? (
        <>
          <p>
            <strong>{t("version_title", { number: v.number, title: v.title })}</strong>
            <br />
            {v.adoptedOn ? (v.adoptedDecisionId ? t("adopted_at_meeting", { date: date(v.adoptedOn) }) : t("adopted_on", { date: date(v.adoptedOn) })) : null}
          </p>
          {d.sign.signature ? (
            <p className="card" role="status">
              {t(d.sign.signature.method === "paper" ? "signed_on_paper" : "signed_on", { date: date(d.sign.signature.signedOn) })}
            </p>
          ) : d.sign.canSign ? (
            <p className="card">
              {t("please_sign")} <a href="#sign">{t("go_to_sign")}</a>
            </p>
          ) : null}
        </>
      ) : (
        <p className="card">{t("none_in_force")}</p>
      )}

      {d.inProgress && d.inProgress.status === "proposed" ? (
        <p className="card">
          {t("proposed_notice", { number: d.inProgress.number })} <Link to={`${base}/${d.inProgress.id}`}>{t("give_opinion")}</Link>
        </p>
      ) : null}

      {v ? <CharterArticles articles={v.articles} /> : null}

      {v && d.sign.canSign ? (
        <section className="card" id="sign" aria-labelledby="sign-title">
          <h2 id="sign-title">{t("sign.title")}</h2>
          <p>{t("sign.text", { number: v.number })}</p>
          <Form method="post" className="actions">
            <IntentErrors form="sign" reply={reply} />
            <input type="hidden" name="intent" value="sign" />
            <button type="submit" disabled={busy}>
              {t("sign.button")}
            </button>
          </Form>
        </section>
      ) : null}

      {d.canManage || d.canSeeSignatures ? (
        <section className="card" aria-labelledby="facilitation">
          <h2 id="facilitation">{t("facilitation.title")}</h2>
          {d.figures && v ? <CharterShares figures={d.figures} /> : null}
          <div className="actions">
            {d.canSeeSignatures && v ? (
              <Link className="button secondary" to={`${base}/signatures`}>
                {t("facilitation.signatures")}
              </Link>
            ) : null}
            {d.canManage && d.inProgress ? (
              <Link className="button" to={`${base}/${d.inProgress.id}${d.inProgress.status === "draft" ? "/edit" : ""}`}>
                {t(d.inProgress.status === "draft" ? "facilitation.continue_draft" : "facilitation.see_proposed", { number: d.inProgress.number })}
              </Link>
            ) : null}
          </div>
          {d.canManage && !d.inProgress ? (
            <Form method="post" className="stack">
              <IntentErrors form="new_draft" reply={reply} />
              <p className="hint">{t(v ? "facilitation.new_draft_hint" : "facilitation.first_draft_hint")}</p>
              <input type="hidden" name="intent" value="new_draft" />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  {t("facilitation.new_draft")}
                </button>
              </div>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="history">
        <h2 id="history">{t("history.title")}</h2>
        {d.versions.length ? (
          <ul className="list">
            {d.versions.map((x) => (
              <li key={x.id}>
                <Link to={`${base}/${x.id}`}>{t("version_title", { number: x.number, title: x.title })}</Link>{" "}
                <span className="tag">{t(`statuses.${x.status}`)}</span>
                {x.adoptedOn ? (
                  <span className="muted small">
                    {" "}
                    {x.supersededOn
                      ? t("history.in_force_between", { from: date(x.adoptedOn), to: date(x.supersededOn) })
                      : t("adopted_on", { date: date(x.adoptedOn) })}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("history.none")}</p>
        )}
        {d.versions.length > 1 ? (
          <p>
            <Link to={`${base}/compare`}>{t("history.compare")}</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
