// One offer or request: "I can help" on a request, "I'm interested" on an offer (with an optional word)
// opens an exchange between the two households; its household (or a facilitator) pauses, closes or
// reactivates it.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextAreaField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { getPost, updatePostStatus } from "~/modules/exchange/posts.server";
import { openExchange } from "~/modules/exchange/exchanges.server";
import { describeProblem } from "~/modules/exchange/rules";
import { OpenExchangeSchema, PostStatusSchema } from "~/modules/exchange/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["exchange"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const { post, canAnswer, canManage, myOpenExchangeId } = getPost({ ctx, postId: params.postId ?? "" });
  return {
    title: post.title,
    groupId: ctx.groupId,
    post: {
      id: post.id,
      kind: post.kind,
      title: post.title,
      category: post.category,
      description: post.description,
      availability: post.availability,
      status: post.status,
      householdName: post.householdName,
      personFirstName: post.personFirstName,
    },
    canAnswer,
    canManage,
    myOpenExchangeId,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const postId = params.postId ?? "";
  getPost({ ctx, postId }); // another group's post: 404 before anything is read
  const formData = await request.formData();
  if (formData.get("intent") === "status") {
    const submission = parseWithZod(formData, { schema: PostStatusSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    updatePostStatus({ ctx, postId, input: submission.value });
    return redirectWithToast(`/g/${ctx.groupId}/exchange/posts/${postId}`, "exchange_post_updated");
  }
  const submission = parseWithZod(formData, { schema: OpenExchangeSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = openExchange({ ctx, postId, input: submission.value });
  if (!result.ok) {
    const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
    // The form has no field a problem could be about: all show above it.
    return data(
      replyWithProblems(submission, result.problems, (p) => describeProblem(t, p), { fields: [] }),
      { status: 400 },
    );
  }
  return redirectWithToast(`/g/${ctx.groupId}/exchange/${result.id}`, "exchange_opened");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function PostPage() {
  const { t } = useTranslation("exchange");
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "open-exchange",
    lastResult,
    constraint: getZodConstraint(OpenExchangeSchema),
    defaultValue: { message: "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OpenExchangeSchema }),
  });
  const base = `/g/${d.groupId}/exchange`;
  const p = d.post;
  return (
    <>
      <p>
        <Link to={base}>{t("title")}</Link>
      </p>
      <h1>{p.title}</h1>
      <p>
        <span className="tag">{t(`kinds.${p.kind}`)}</span> {t(`categories.${p.category}`)}
        {p.status !== "active" ? <span className="tag badge-warn"> {t(`post_statuses.${p.status}`)}</span> : null}
      </p>
      <p className="small">{p.personFirstName ? t("posted_by", { name: p.personFirstName, household: p.householdName }) : p.householdName}</p>
      {p.description ? <p style={{ whiteSpace: "pre-line" }}>{p.description}</p> : null}
      {p.availability ? (
        <p>
          <strong>{t("fields.availability")}</strong> : {p.availability}
        </p>
      ) : null}

      {d.myOpenExchangeId ? (
        <p>
          <Link className="button secondary" to={`${base}/${d.myOpenExchangeId}`}>
            {t("actions.see_exchange")}
          </Link>
        </p>
      ) : null}

      {d.canAnswer ? (
        <Form method="post" className="stack" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextAreaField field={fields.message} label={t("fields.message")} />
          <div className="actions">
            <button type="submit" name="intent" value="open" disabled={navigation.state === "submitting"}>
              {p.kind === "request" ? t("actions.can_help") : t("actions.interested")}
            </button>
          </div>
        </Form>
      ) : (
        <FormErrors id={form.errorId} errors={form.errors} />
      )}

      {d.canManage ? (
        <Form method="post" className="actions">
          <input type="hidden" name="intent" value="status" />
          {p.status === "active" ? (
            <>
              <button type="submit" name="status" value="paused" className="secondary">
                {t("actions.pause")}
              </button>
              <button type="submit" name="status" value="closed" className="secondary">
                {t("actions.close")}
              </button>
            </>
          ) : (
            <button type="submit" name="status" value="active" className="secondary">
              {t("actions.reopen")}
            </button>
          )}
        </Form>
      ) : null}
    </>
  );
}
