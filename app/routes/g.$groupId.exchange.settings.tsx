// The skill exchange's settings (facilitators, exchange:settle): the group's lowest balance allowed (in
// hours; below it a household is flagged, never blocked) and whether care categories are restricted to
// approved persons; the approved persons (add, remove); the disagreements waiting for a facilitator, each
// linking to its exchange page, where it is settled. Three kinds of forms, told apart by `intent`.
import { getFormProps, getInputProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors, TextField, useAppForm } from "~/components/forms";
import { requireMember, type MemberContext } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { todayIn } from "~/modules/core/dates";
import { redirectWithToast } from "~/modules/core/http.server";
import { approveCarer, getSettings, listApprovedCarers, removeCarer, updateSettings } from "~/modules/exchange/settings.server";
import { listDisputes } from "~/modules/exchange/exchanges.server";
import { ADULT_AGE, ageIn } from "~/modules/exchange/rules";
import { ExchangeSettingsSchema } from "~/modules/exchange/schemas";
import { getHousehold, listDirectory } from "~/modules/households/households.server";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["exchange"] };

/** The group's adults (birth year given, 18 or more this year) who are not approved yet. */
function adultCandidates(ctx: MemberContext, approved: Set<string>) {
  const year = Number(todayIn(ctx.group.timeZone).slice(0, 4));
  return listDirectory({ ctx }).flatMap((h) =>
    getHousehold({ ctx, householdId: h.id })
      .members.filter((p) => !approved.has(p.id) && (ageIn(p.birthYear, year) ?? 0) >= ADULT_AGE)
      .map((p) => ({ id: p.id, label: `${[p.firstName, p.lastName].filter(Boolean).join(" ")} (${h.name})` })),
  );
}

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const disputes = listDisputes({ ctx }); // 403 without exchange:settle
  const t = getT(resolveLang(request, ctx.user.locale));
  const carers = listApprovedCarers({ ctx });
  return {
    title: t("exchange:settings.title"),
    groupId: ctx.groupId,
    settings: getSettings({ ctx }),
    carers,
    candidates: adultCandidates(ctx, new Set(carers.map((c) => c.personId))),
    disputes: disputes.map((e) => ({
      id: e.id,
      postTitle: e.postTitle,
      giverName: e.giverName,
      receiverName: e.receiverName,
      disputeReason: e.disputeReason,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const url = `/g/${ctx.groupId}/exchange/settings`;
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "settings");
  if (intent === "approve" || intent === "remove") {
    const personId = String(formData.get("personId") ?? "");
    if (!personId) return data({ result: undefined, carerErrors: ["errors.required"] }, { status: 400 });
    // Both answer 404 for a person of another group.
    if (intent === "approve") approveCarer({ ctx, personId });
    else removeCarer({ ctx, personId });
    return redirectWithToast(url, intent === "approve" ? "exchange_carer_approved" : "exchange_carer_removed");
  }
  const submission = parseWithZod(formData, { schema: ExchangeSettingsSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), carerErrors: [] as string[] }, { status: 400 });
  updateSettings({ ctx, input: submission.value });
  return redirectWithToast(url, "exchange_settings_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function ExchangeSettings() {
  const { t } = useTranslation("exchange");
  const { groupId, settings, carers, candidates, disputes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const base = `/g/${groupId}/exchange`;
  const [form, fields] = useAppForm({
    id: "exchange-settings",
    lastResult: actionData?.result,
    constraint: getZodConstraint(ExchangeSettingsSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    defaultValue: { minBalanceHours: String(Math.trunc(settings.minBalanceMinutes / 60)), careRestricted: settings.careRestricted ? "on" : "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExchangeSettingsSchema }),
  });
  const careProps = getInputProps(fields.careRestricted, { type: "checkbox", ariaDescribedBy: `${fields.careRestricted.id}-hint` });
  const carerErrors = actionData?.carerErrors ?? [];
  return (
    <>
      <p>
        <Link to={base}>{t("title")}</Link> · <Link to={`${base}/balances`}>{t("balances.title")}</Link>
      </p>
      <h1>{t("settings.title")}</h1>
      <p className="muted">{t("settings.intro")}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="settings" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.minBalanceHours} label={t("settings.min_balance")} hint={t("settings.min_balance_hint")} type="number" inputMode="numeric" />
        <div className="field">
          <p id={`${fields.careRestricted.id}-hint`} className="hint">
            {t("settings.care_restricted_hint")}
          </p>
          <label htmlFor={fields.careRestricted.id}>
            <input {...careProps} key={careProps.key} /> {t("settings.care_restricted")}
          </label>
          <ErrorList id={fields.careRestricted.errorId} errors={fields.careRestricted.errors} />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t("settings.submit")}
          </button>
        </div>
      </Form>

      <section aria-labelledby="carers">
        <h2 id="carers">{t("settings.carers_title")}</h2>
        {carers.length ? (
          <ul className="list">
            {carers.map((c) => (
              <li key={c.personId}>
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="personId" value={c.personId} />
                  <span>
                    {c.firstName} · {c.householdName}
                  </span>
                  <button type="submit" className="secondary" disabled={busy}>
                    {t("settings.remove")}
                    <span className="visually-hidden"> — {c.firstName}</span>
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("settings.no_carers")}</p>
        )}
        {candidates.length ? (
          <Form method="post" className="stack card" aria-labelledby="add-carer">
            <h3 id="add-carer">{t("settings.add_carer")}</h3>
            <input type="hidden" name="intent" value="approve" />
            <div className="field">
              <label htmlFor="carer-person">{t("settings.person")}</label>
              <select
                id="carer-person"
                name="personId"
                required
                defaultValue=""
                aria-invalid={carerErrors.length ? true : undefined}
                aria-describedby={carerErrors.length ? "carer-person-error" : undefined}
              >
                <option value="">{t("settings.choose_person")}</option>
                {candidates.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
              <ErrorList id="carer-person-error" errors={carerErrors} />
            </div>
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t("settings.approve")}
              </button>
            </div>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="disputes">
        <h2 id="disputes">{t("settings.disputes_title")}</h2>
        {disputes.length ? (
          <>
            <p className="muted">{t("settings.disputes_intro")}</p>
            <ul className="list">
              {disputes.map((e) => (
                <li key={e.id}>
                  <Link to={`${base}/${e.id}`}>{e.postTitle}</Link>
                  <p className="small" style={{ margin: "0.25rem 0 0" }}>
                    {t("settings.between", { giver: e.giverName, receiver: e.receiverName })}
                    {e.disputeReason ? ` · ${e.disputeReason}` : ""}
                  </p>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="muted">{t("settings.no_disputes")}</p>
        )}
      </section>
    </>
  );
}
