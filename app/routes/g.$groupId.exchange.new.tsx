// Post an offer or a request, on behalf of one's household. Care offers are checked by the module
// (adult giver, approved carer when the group restricts care) and come back as a message on the category.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EXCHANGE_CATEGORIES, EXCHANGE_POST_KINDS } from "~db/schema/enums";
import { FormErrors, SelectField, TextAreaField, TextField, useAppForm } from "~/components/forms";
import { requireMember, requirePermission } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { createPost } from "~/modules/exchange/posts.server";
import { describeProblem } from "~/modules/exchange/rules";
import { PostSchema } from "~/modules/exchange/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["exchange"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  requirePermission(ctx, "exchange:use");
  const url = new URL(request.url);
  const kind = url.searchParams.get("kind") === "request" ? "request" : "offer";
  return { title: getT(resolveLang(request, ctx.user.locale))("exchange:new_post"), groupId: ctx.groupId, kind };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const submission = parseWithZod(await request.formData(), { schema: PostSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = createPost({ ctx, input: submission.value });
  if (!result.ok) {
    const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
    return data(
      replyWithProblems(submission, result.problems, (p) => describeProblem(t, p)),
      { status: 400 },
    );
  }
  return redirectWithToast(`/g/${ctx.groupId}/exchange/posts/${result.id}`, "exchange_post_created");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function NewPost() {
  const { t } = useTranslation("exchange");
  const { groupId, kind } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useAppForm({
    id: "new-exchange-post",
    lastResult,
    constraint: getZodConstraint(PostSchema),
    defaultValue: { kind, title: "", category: "", description: "", availability: "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PostSchema }),
  });
  const back = `/g/${groupId}/exchange`;
  return (
    <>
      <p>
        <Link to={back}>{t("title")}</Link>
      </p>
      <h1>{t("new_post")}</h1>
      <Form method="post" className="stack" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField field={fields.kind} label={t("fields.kind")} options={EXCHANGE_POST_KINDS.map((k) => ({ value: k, label: t(`kind_hints.${k}`) }))} />
        <TextField field={fields.title} label={t("fields.title")} hint={t("fields.title_hint")} />
        <SelectField
          field={fields.category}
          label={t("fields.category")}
          placeholder="—"
          options={EXCHANGE_CATEGORIES.map((c) => ({ value: c, label: t(`categories.${c}`) }))}
        />
        <TextAreaField field={fields.description} label={t("fields.description")} />
        <TextField field={fields.availability} label={t("fields.availability")} hint={t("fields.availability_hint")} />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("actions.publish")}
          </button>
          <Link className="button secondary" to={back}>
            {t("common:actions.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
