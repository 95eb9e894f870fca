// One exchange between two households: its post, who gives and who receives, its state; the buttons the
// viewer's side may use now (agree on a date, confirm the hours received, cancel, report a disagreement,
// thank; a facilitator settles a disagreement). One form per button, told apart by `intent`; errors come
// back translated next to the field, with what was typed kept.
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDay, todayIn } from "~/modules/core/dates";
import type { FormReply, Translate } from "~/modules/core/form-reply";
import { formInfo, replyFormInvalid, replyFormProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { actOnExchange, getExchange } from "~/modules/exchange/exchanges.server";
import { describeProblem, formatMinutes, type ExchangeAction } from "~/modules/exchange/rules";
import { ExchangeActionSchema } from "~/modules/exchange/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["exchange"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const e = getExchange({ ctx, exchangeId: params.exchangeId ?? "" });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("exchange:title"),
    groupId: ctx.groupId,
    today: todayIn(ctx.group.timeZone),
    exchange: {
      id: e.id,
      postId: e.postId,
      postTitle: e.postTitle,
      category: e.category,
      status: e.status,
      giverName: e.giverName,
      receiverName: e.receiverName,
      side: e.side,
      agreedDate: e.agreedDate,
      minutes: e.minutes,
      message: e.message,
      thanks: e.thanks,
      disputeReason: e.disputeReason,
      actions: e.actions,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const exchangeId = params.exchangeId ?? "";
  getExchange({ ctx, exchangeId }); // 404 for another group, 403 for a member who is not a party
  const formData = await request.formData();
  const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
  const info = formInfo(formData);
  const submission = parseWithZod(formData, { schema: ExchangeActionSchema });
  if (submission.status !== "success") return replyFormInvalid(info, t, submission.reply().error);
  const result = actOnExchange({ ctx, exchangeId, input: submission.value });
  if (!result.ok) return replyFormProblems(info, result.problems, (p) => describeProblem(t, p));
  return redirectWithToast(`/g/${ctx.groupId}/exchange/${exchangeId}`, "exchange_updated");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

function Field({
  form,
  name,
  label,
  hint,
  type = "text",
  multiline = false,
  defaultValue = "",
  actionData,
}: {
  form: string;
  name: string;
  label: string;
  hint?: string;
  type?: string;
  multiline?: boolean;
  defaultValue?: string;
  actionData?: FormReply;
}) {
  const id = `${form}-${name}`;
  const mine = actionData?.intent === form;
  const errors = mine ? (actionData?.fieldErrors[name] ?? []) : [];
  const value = mine ? (actionData?.fields[name] ?? defaultValue) : defaultValue;
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? (
        <textarea id={id} name={name} defaultValue={value} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy} />
      ) : (
        <input id={id} name={name} type={type} defaultValue={value} aria-invalid={errors.length ? true : undefined} aria-describedby={describedBy} />
      )}
      {errors.length ? (
        <ul id={`${id}-error`} className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export default function ExchangePage() {
  const { t, i18n } = useTranslation("exchange");
  const { groupId, exchange: e, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as FormReply | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const has = (a: ExchangeAction) => e.actions.includes(a);
  const formErrors = (intent: string) =>
    actionData?.intent === intent && actionData.formErrors.length ? (
      <div className="form-errors" role="alert">
        {actionData.formErrors.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
    ) : null;
  const base = `/g/${groupId}/exchange`;
  return (
    <>
      <p>
        <Link to={base}>{t("title")}</Link>
      </p>
      <h1>{e.postTitle}</h1>
      <p>
        <span className="tag">{t(`statuses.${e.status}`)}</span> {t(`categories.${e.category}`)}
        {e.side ? ` · ${t(`sides.${e.side}`)}` : ""}
      </p>
      <dl>
        <dt>{t("roles.giver")}</dt>
        <dd>{e.giverName}</dd>
        <dt>{t("roles.receiver")}</dt>
        <dd>{e.receiverName}</dd>
        {e.agreedDate ? (
          <>
            <dt>{t("fields.agreed_date")}</dt>
            <dd>{formatDay(e.agreedDate, i18n.language)}</dd>
          </>
        ) : null}
        {e.minutes ? (
          <>
            <dt>{t("fields.hours")}</dt>
            <dd>{formatMinutes(e.minutes)}</dd>
          </>
        ) : null}
      </dl>
      {e.message ? <p style={{ whiteSpace: "pre-line" }}>{e.message}</p> : null}
      {e.disputeReason ? <p className="muted">{e.disputeReason}</p> : null}
      {e.thanks ? (
        <blockquote>
          <p style={{ whiteSpace: "pre-line" }}>{e.thanks}</p>
        </blockquote>
      ) : null}
      <p>
        <Link to={`${base}/posts/${e.postId}`}>{t("actions.see_post")}</Link>
      </p>

      {has("agree") ? (
        <Form method="post" className="stack">
          {formErrors("agree")}
          <input type="hidden" name="intent" value="agree" />
          <Field form="agree" name="agreedDate" type="date" label={t("fields.agreed_date")} defaultValue={e.agreedDate ?? today} actionData={actionData} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("actions.agree")}
            </button>
          </div>
        </Form>
      ) : null}

      {has("confirm") ? (
        <Form method="post" className="stack">
          {formErrors("confirm")}
          <input type="hidden" name="intent" value="confirm" />
          <Field form="confirm" name="hours" label={t("fields.hours")} hint={t("fields.hours_hint")} actionData={actionData} />
          <Field form="confirm" name="thanks" label={t("fields.thanks")} multiline actionData={actionData} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("actions.confirm")}
            </button>
          </div>
        </Form>
      ) : null}

      {has("settle_done") ? (
        <Form method="post" className="stack">
          {formErrors("settle_done")}
          <input type="hidden" name="intent" value="settle_done" />
          <Field form="settle_done" name="hours" label={t("fields.hours")} hint={t("fields.hours_hint")} actionData={actionData} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("actions.settle_done")}
            </button>
          </div>
        </Form>
      ) : null}

      {has("thank") && !e.thanks ? (
        <Form method="post" className="stack">
          {formErrors("thank")}
          <input type="hidden" name="intent" value="thank" />
          <Field form="thank" name="thanks" label={t("fields.thanks")} multiline actionData={actionData} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t("actions.thank")}
            </button>
          </div>
        </Form>
      ) : null}

      {has("dispute") ? (
        <Form method="post" className="stack">
          {formErrors("dispute")}
          <input type="hidden" name="intent" value="dispute" />
          <Field form="dispute" name="reason" label={t("fields.reason")} multiline actionData={actionData} />
          <div className="actions">
            <button type="submit" className="secondary" disabled={busy}>
              {t("actions.dispute")}
            </button>
          </div>
        </Form>
      ) : null}

      {has("cancel") || has("settle_cancel") ? (
        <Form method="post" className="actions">
          {formErrors("cancel")}
          {formErrors("settle_cancel")}
          <button type="submit" name="intent" value={has("cancel") ? "cancel" : "settle_cancel"} className="secondary" disabled={busy}>
            {t("actions.cancel")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
