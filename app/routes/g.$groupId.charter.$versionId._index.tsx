// One version of the charter: its state and dates, its articles with residents' comments, the comment form
// while it is proposed, and the facilitators' buttons (propose, withdraw to draft, adopt with a date,
// delete a draft). One form per button, told apart by `intent`; refused forms come back with their errors.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CharterArticles } from "~/components/charter-articles";
import { IntentErrors, IntentField } from "~/components/charter-forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { actOnVersion, getVersion } from "~/modules/charter/versions.server";
import type { CommentView } from "~/modules/charter/comments.server";
import { describeProblem } from "~/modules/charter/rules";
import { VersionActionSchema } from "~/modules/charter/schemas";
import { formatDate, formatDateTime } from "~/modules/core/dates";
import type { FormReply } from "~/modules/core/form-reply";
import { formInfo, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { ConfirmDetails } from "~/components/confirm-details";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["charter", "exchange:errors"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const v = getVersion({ ctx, versionId: params.versionId ?? "" });
  const t = getT(resolveLang(request, ctx.user.locale));
  return {
    title: t("charter:version_title", { number: v.version.number, title: v.version.title }),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    ...v,
    articles: v.articles.map(({ body: _body, ...a }) => a),
  };
}

const TOASTS = {
  propose: "charter_proposed",
  withdraw: "charter_withdrawn",
  delete: "charter_deleted",
  adopt: "charter_adopted",
  comment: "charter_commented",
} as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const versionId = params.versionId ?? "";
  getVersion({ ctx, versionId }); // 404 for another group, 403 for a resident on a draft
  const formData = await request.formData();
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: VersionActionSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const result = actOnVersion({ ctx, versionId, input: submission.value });
  if (!result.ok) return replyFormProblems(info, result.problems, (p) => describeProblem(t, p));
  const base = `/g/${ctx.groupId}/charter`;
  if (submission.value.intent === "delete") return redirectWithToast(base, TOASTS.delete);
  const response = redirectWithToast(`${base}/${versionId}`, TOASTS[submission.value.intent]);
  // A new comment: back to where it shows (its article, or the comments on the whole).
  if (submission.value.intent === "comment") {
    const anchor = submission.value.articleKey ? `article-${submission.value.articleKey}` : "comments";
    response.headers.set("Location", `${response.headers.get("Location")}#${anchor}`);
  }
  return response;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

function Comments({ list, timeZone }: { list: CommentView[]; timeZone: string }) {
  const { t, i18n } = useTranslation("charter");
  if (!list.length) return null;
  return (
    <ul className="list" aria-label={t("comments.list_label", { count: list.length })}>
      {list.map((c) => (
        <li key={c.id}>
          <p style={{ whiteSpace: "pre-line", margin: 0 }}>{c.body}</p>
          <p className="muted small" style={{ margin: 0 }}>
            {c.authorName ?? t("comments.someone")}
            {c.notedByName ? ` (${t("comments.noted_by", { name: c.notedByName })})` : ""} · {formatDateTime(c.createdAt, i18n.language, timeZone)}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function VersionPage() {
  const { t, i18n } = useTranslation("charter");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const busy = useNavigation().state === "submitting";
  const v = d.version;
  const base = `/g/${d.groupId}/charter`;
  const date = (x: string) => formatDate(x, i18n.language, d.timeZone);
  const has = (a: string) => (d.actions as string[]).includes(a);
  const byArticle = (key: string | null) => d.comments.filter((c) => c.articleKey === key);
  const closed = v.status === "adopted" || v.status === "superseded";
  return (
    <>
      <p>
        <Link to={base}>{t("title")}</Link>
      </p>
      <h1>{t("version_title", { number: v.number, title: v.title })}</h1>
      <p>
        <span className="tag">{t(`statuses.${v.status}`)}</span>{" "}
        {v.adoptedOn ? (v.adoptedDecisionId ? t("adopted_at_meeting", { date: date(v.adoptedOn) }) : t("adopted_on", { date: date(v.adoptedOn) })) : null}
        {v.supersededOn ? ` · ${t("superseded_on", { date: date(v.supersededOn) })}` : null}
      </p>
      {d.inForceId && d.inForceId !== v.id ? (
        <p>
          <Link to={`${base}/compare?from=${d.inForceId}&to=${v.id}`}>{t("compare_with_in_force")}</Link>
        </p>
      ) : null}
      {v.status === "proposed" ? <p className="card">{t("proposed_explainer")}</p> : null}

      {has("edit") || has("propose") || has("delete") || has("adopt") || has("withdraw") ? (
        <section className="card" aria-labelledby="manage">
          <h2 id="manage">{t("facilitation.title")}</h2>
          {has("edit") ? (
            <p>
              <Link className="button" to={`${base}/${v.id}/edit`}>
                {t("actions.edit")}
              </Link>
            </p>
          ) : null}
          {has("propose") ? (
            <Form method="post" className="stack">
              <IntentErrors form="propose" reply={reply} />
              <p className="hint">{t("actions.propose_hint")}</p>
              <input type="hidden" name="intent" value="propose" />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  {t("actions.propose")}
                </button>
              </div>
            </Form>
          ) : null}
          {has("adopt") ? (
            <Form method="post" className="stack">
              <IntentErrors form="adopt" reply={reply} />
              <input type="hidden" name="intent" value="adopt" />
              <IntentField
                form="adopt"
                name="adoptedOn"
                type="date"
                label={t("fields.adopted_on")}
                hint={t("fields.adopted_on_hint")}
                defaultValue={d.today}
                reply={reply}
              />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  {t("actions.adopt")}
                </button>
              </div>
            </Form>
          ) : null}
          {has("withdraw") ? (
            <Form method="post" className="actions">
              <IntentErrors form="withdraw" reply={reply} />
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="secondary" disabled={busy}>
                {t("actions.withdraw")}
              </button>
            </Form>
          ) : null}
          {has("delete") ? (
            <ConfirmDetails summary={t("actions.delete")} question={t("actions.delete_question")}>
              <Form method="post" className="actions">
                <IntentErrors form="delete" reply={reply} />
                <input type="hidden" name="intent" value="delete" />
                <button type="submit" className="danger" disabled={busy}>
                  {t("actions.delete_confirm")}
                </button>
              </Form>
            </ConfirmDetails>
          ) : null}
        </section>
      ) : null}

      <CharterArticles
        articles={d.articles}
        after={(a) => {
          const list = byArticle(a.key);
          return list.length ? (
            <div className="card" style={{ marginTop: "0.5rem" }}>
              <h3 className="small">{t("comments.on_article", { count: list.length })}</h3>
              <Comments list={list} timeZone={d.timeZone} />
            </div>
          ) : null;
        }}
      />

      <section id="comments" aria-labelledby="comments-title">
        <h2 id="comments-title">{t("comments.title")}</h2>
        {byArticle(null).length ? <Comments list={byArticle(null)} timeZone={d.timeZone} /> : <p className="muted">{t("comments.none_overall")}</p>}
        {has("comment") ? (
          <Form method="post" className="stack" preventScrollReset>
            <IntentErrors form="comment" reply={reply} />
            <input type="hidden" name="intent" value="comment" />
            <IntentField
              form="comment"
              name="articleKey"
              label={t("fields.about")}
              options={[
                { value: "", label: t("fields.about_whole") },
                ...d.articles.map((a) => ({ value: a.key, label: t("article_heading", { number: a.number, title: a.title }) })),
              ]}
              reply={reply}
            />
            {d.speakers.length ? (
              <IntentField
                form="comment"
                name="personId"
                label={t("fields.said_by")}
                hint={t("fields.said_by_hint")}
                options={[{ value: "", label: t("fields.said_by_me") }, ...d.speakers.map((p) => ({ value: p.id, label: `${p.name} (${p.householdName})` }))]}
                reply={reply}
              />
            ) : null}
            <IntentField form="comment" name="body" label={t("fields.comment")} hint={t("fields.comment_hint")} multiline reply={reply} />
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t("actions.comment")}
              </button>
            </div>
          </Form>
        ) : closed ? (
          <p className="muted">{t("comments.closed")}</p>
        ) : null}
      </section>
    </>
  );
}
