// The draft editor (facilitators): the version's title, each article's title and Markdown text with a
// preview, moving an article up or down, removing one, adding one. Plain forms, one per article: works
// without JavaScript. A version that is no longer a draft is shown, not edited.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { IntentErrors, IntentField } from "~/components/charter-forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { editDraft, getDraft } from "~/modules/charter/drafts.server";
import { describeProblem } from "~/modules/charter/rules";
import { EditActionSchema } from "~/modules/charter/schemas";
import type { FormReply } from "~/modules/core/form-reply";
import { formInfo, replyFormInvalid, replyFormProblems, type Translate } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["charter", "exchange:errors"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const draft = getDraft({ ctx, versionId: params.versionId ?? "" });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("charter:edit.title", { number: draft.version.number }),
    groupId: ctx.groupId,
    ...draft,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const versionId = params.versionId ?? "";
  getDraft({ ctx, versionId }); // 404 for another group, 403 without charter:manage
  const formData = await request.formData();
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: EditActionSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const result = editDraft({ ctx, versionId, input: submission.value });
  if (!result.ok) return replyFormProblems(info, result.problems, (p) => describeProblem(t, p));
  // Without JavaScript the page reloads: bring the person back to the article they worked on.
  const response = redirectWithToast(`/g/${ctx.groupId}/charter/${versionId}/edit`, "charter_saved");
  if (result.articleId) response.headers.set("Location", `${response.headers.get("Location")}#edit-${result.articleId}`);
  return response;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function EditDraft() {
  const { t } = useTranslation("charter");
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as FormReply | undefined;
  const busy = useNavigation().state === "submitting";
  const v = d.version;
  const versionUrl = `/g/${d.groupId}/charter/${v.id}`;
  const moveErrors = reply && ["up", "down", "remove"].includes(reply.intent) && reply.formErrors.length ? reply.formErrors : [];
  return (
    <>
      <p>
        <Link to={versionUrl}>{t("version_title", { number: v.number, title: v.title })}</Link>
      </p>
      <h1>{t("edit.title", { number: v.number })}</h1>
      {!d.editable ? (
        <p className="card">{t("edit.not_draft", { status: t(`statuses.${v.status}`) })}</p>
      ) : (
        <>
          <p className="hint">{t("edit.intro")}</p>
          {moveErrors.length ? (
            <div className="form-errors" role="alert">
              {moveErrors.map((m) => (
                <p key={m}>{m}</p>
              ))}
            </div>
          ) : null}
          <Form method="post" className="stack card" preventScrollReset>
            <IntentErrors form="title" reply={reply} />
            <input type="hidden" name="intent" value="title" />
            <IntentField form="title" name="title" label={t("fields.version_title")} defaultValue={v.title} reply={reply} />
            <div className="actions">
              <button type="submit" className="secondary" disabled={busy}>
                {t("edit.save_title")}
              </button>
            </div>
          </Form>

          {d.articles.map((a, i) => (
            <section key={a.id} className="card" aria-labelledby={`edit-${a.id}`}>
              <h2 id={`edit-${a.id}`}>{t("article_heading", { number: a.number, title: a.title })}</h2>
              <Form method="post" className="stack" preventScrollReset>
                <IntentErrors form={`save:${a.id}`} reply={reply} />
                <input type="hidden" name="intent" value="save" />
                <input type="hidden" name="articleId" value={a.id} />
                <IntentField form={`save:${a.id}`} name="title" label={t("fields.article_title")} defaultValue={a.title} reply={reply} />
                <IntentField
                  form={`save:${a.id}`}
                  name="body"
                  label={t("fields.article_body")}
                  hint={t("fields.markdown_hint")}
                  multiline
                  rows={8}
                  defaultValue={a.body}
                  reply={reply}
                />
                <div className="actions">
                  <button type="submit" disabled={busy}>
                    {t("edit.save_article")}
                  </button>
                </div>
              </Form>
              <details>
                <summary>{t("edit.preview")}</summary>
                <div className="charter-text" dangerouslySetInnerHTML={{ __html: a.html }} />
              </details>
              <Form method="post" className="actions" preventScrollReset>
                <input type="hidden" name="articleId" value={a.id} />
                {i > 0 ? (
                  <button type="submit" name="intent" value="up" className="secondary" disabled={busy} aria-label={t("edit.up_label", { title: a.title })}>
                    {t("edit.up")}
                  </button>
                ) : null}
                {i < d.articles.length - 1 ? (
                  <button type="submit" name="intent" value="down" className="secondary" disabled={busy} aria-label={t("edit.down_label", { title: a.title })}>
                    {t("edit.down")}
                  </button>
                ) : null}
                <button
                  type="submit"
                  name="intent"
                  value="remove"
                  className="secondary"
                  disabled={busy}
                  aria-label={t("edit.remove_label", { title: a.title })}
                >
                  {t("edit.remove")}
                </button>
              </Form>
            </section>
          ))}

          <section className="card" aria-labelledby="add-article">
            <h2 id="add-article">{t("edit.add_title")}</h2>
            <Form method="post" className="stack" preventScrollReset>
              <IntentErrors form="add" reply={reply} />
              <input type="hidden" name="intent" value="add" />
              <IntentField form="add" name="title" label={t("fields.article_title")} reply={reply} />
              <IntentField form="add" name="body" label={t("fields.article_body")} hint={t("fields.markdown_hint")} multiline rows={6} reply={reply} />
              <div className="actions">
                <button type="submit" disabled={busy}>
                  {t("edit.add")}
                </button>
              </div>
            </Form>
          </section>
        </>
      )}
      <p>
        <Link className="button secondary" to={versionUrl}>
          {t("edit.done")}
        </Link>
      </p>
    </>
  );
}
