// The group's funding: the programme grants (set by the programme) and the co-funders the group records per
// year with planned and spent amounts. They give the cost per household and the co-funding mix.
import { getFormProps } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FUNDER_KINDS } from "~db/schema/enums";
import { EvaluationNav } from "~/components/evaluation-ui";
import { FormErrors, SelectField, TextField, useAppForm } from "~/components/forms";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { todayIn } from "~/modules/core/dates";
import type { Translate } from "~/modules/core/form-reply";
import { replyWithProblems } from "~/modules/core/form-reply.server";
import { redirectWithToast } from "~/modules/core/http.server";
import { deleteFunding, describeFundingProblem, listFunding, listGrants, saveFunding } from "~/modules/evaluation/funding.server";
import { FundingDeleteSchema, FundingSchema } from "~/modules/evaluation/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { ConfirmDetails } from "~/components/confirm-details";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("evaluation:funding.title"),
    groupId: ctx.groupId,
    year: Number(todayIn(ctx.group.timeZone).slice(0, 4)),
    funding: listFunding({ ctx }),
    grants: listGrants({ ctx }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const parsed = FundingDeleteSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    deleteFunding({ ctx, id: parsed.data.id });
    return redirectWithToast(`/g/${ctx.groupId}/evaluation/funding`, "evaluation_funding_deleted");
  }
  const submission = parseWithZod(formData, { schema: FundingSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const r = saveFunding({ ctx, input: submission.value });
  if (!r.ok) {
    const t = getT(resolveLang(request, ctx.user.locale)) as unknown as Translate;
    return data(
      replyWithProblems(submission, r.problems, (p) => describeFundingProblem(t, p)),
      { status: 409 },
    );
  }
  return redirectWithToast(`/g/${ctx.groupId}/evaluation/funding`, "evaluation_funding_saved");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Funding() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const euros = (cents: number) =>
    new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : i18n.language, { style: "currency", currency: "EUR" }).format(cents / 100);
  const [form, fields] = useAppForm({
    id: "funding",
    lastResult,
    constraint: getZodConstraint(FundingSchema),
    defaultValue: { intent: "save", year: String(d.year), kind: "", funderName: "", planned: "", spent: "0" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FundingSchema }),
  });
  const years = [...new Set(d.funding.map((f) => f.year))];
  return (
    <>
      <h1>{t("funding.title")}</h1>
      <EvaluationNav groupId={d.groupId} canManage />
      <p className="muted">{t("funding.intro")}</p>

      <section aria-labelledby="grants">
        <h2 id="grants">{t("funding.grants")}</h2>
        {d.grants.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("funding.year")}</th>
                  <th scope="col">{t("funding.programme")}</th>
                  <th scope="col">{t("funding.amount")}</th>
                </tr>
              </thead>
              <tbody>
                {d.grants.map((g) => (
                  <tr key={`${g.programmeName}-${g.year}`}>
                    <td>{g.year}</td>
                    <th scope="row">{g.programmeName}</th>
                    <td className="num">{euros(g.amountCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("funding.no_grants")}</p>
        )}
      </section>

      <section aria-labelledby="cofunders">
        <h2 id="cofunders">{t("funding.cofunders")}</h2>
        {years.length ? (
          years.map((year) => {
            const rows = d.funding.filter((f) => f.year === year);
            return (
              <section key={year} aria-labelledby={`year-${year}`}>
                <h3 id={`year-${year}`}>{year}</h3>
                <ul className="list">
                  {rows.map((f) => (
                    <li key={f.id}>
                      <strong>{f.funderName}</strong> <span className="tag">{t(`funding.kinds.${f.kind}`)}</span>
                      <p className="small" style={{ margin: "0.25rem 0" }}>
                        {t("funding.amounts", { planned: euros(f.plannedCents), spent: euros(f.spentCents) })}
                      </p>
                      <ConfirmDetails summary={t("funding.delete_label", { name: f.funderName, year: f.year })} question={t("funding.delete_question")}>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="id" value={f.id} />
                          <button type="submit" className="danger">
                            {t("funding.delete_confirm", { name: f.funderName, year: f.year })}
                          </button>
                        </Form>
                      </ConfirmDetails>
                    </li>
                  ))}
                </ul>
                <p>
                  <strong>{t("funding.total", { year })}</strong> —{" "}
                  {t("funding.amounts", {
                    planned: euros(rows.reduce((s, f) => s + f.plannedCents, 0)),
                    spent: euros(rows.reduce((s, f) => s + f.spentCents, 0)),
                  })}
                </p>
              </section>
            );
          })
        ) : (
          <p>{t("funding.none")}</p>
        )}
      </section>

      <section aria-labelledby="add-funder" className="card">
        <h2 id="add-funder">{t("funding.add")}</h2>
        <Form method="post" className="stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="save" />
          <FormErrors id={form.errorId} errors={form.errors} />
          <TextField field={fields.year as never} type="number" label={t("funding.year")} inputMode="numeric" />
          <SelectField
            field={fields.kind}
            label={t("funding.kind")}
            placeholder="—"
            options={FUNDER_KINDS.map((k) => ({ value: k, label: t(`funding.kinds.${k}`) }))}
          />
          <TextField field={fields.funderName} label={t("funding.funderName")} />
          <TextField field={fields.planned} label={t("funding.planned")} inputMode="decimal" />
          <TextField field={fields.spent} label={t("funding.spent")} inputMode="decimal" />
          <div className="actions">
            <button type="submit" disabled={navigation.state === "submitting"}>
              {t("funding.save")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
