// The support figures of a period, as funders get them: counts and amounts only (supportFigures).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SupportMenu } from "~/components/support-ui";
import type { AccessPolicy } from "~/modules/access/policy";
import { todayIn } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { formatEuros } from "~/modules/support/rules";
import { PeriodSchema } from "~/modules/support/schemas";
import { requireSupportWorker } from "~/modules/support/access.server";
import { supportFigures } from "~/modules/support/figures.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["support", "households:destinations"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireSupportWorker(request, params, context);
  const url = new URL(request.url);
  const today = todayIn(ctx.group.timeZone);
  // Bad or missing dates: the year so far.
  const parsed = PeriodSchema.safeParse({ from: url.searchParams.get("from") ?? "", to: url.searchParams.get("to") ?? "" });
  const period = parsed.success ? parsed.data : { from: `${today.slice(0, 4)}-01-01`, to: today };
  return {
    title: getT(resolveLang(request, ctx.user.locale))("support:figures.title"),
    groupId: ctx.groupId,
    lead: ctx.supportLead,
    period,
    figures: supportFigures({ scope: ctx, ...period }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

function Table({ id, caption, rows, valueLabel }: { id: string; caption: string; rows: [string, string][]; valueLabel: string }) {
  const { t } = useTranslation("support");
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{caption}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("figures.what")}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <td>{label}</td>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function Figures() {
  const { t, i18n } = useTranslation("support");
  const { groupId, lead, period, figures: f } = useLoaderData<typeof loader>();
  const euros = (c: number) => formatEuros(c, i18n.language);
  const counts = <K extends string>(record: Record<K, number>, label: (k: K) => string): [string, string][] =>
    (Object.entries(record) as [K, number][]).map(([k, n]) => [label(k), String(n)]);
  return (
    <>
      <h1>{t("figures.title")}</h1>
      <SupportMenu groupId={groupId} lead={lead} />
      <p className="muted">{t("figures.intro")}</p>
      <Form method="get" className="stack card" aria-labelledby="period">
        <h2 id="period" style={{ margin: 0 }}>
          {t("figures.period")}
        </h2>
        {(["from", "to"] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={k}>{t(`figures.${k}`)}</label>
            {/* min-width 0: a date input is wider than a phone at 200 % text otherwise. */}
            <input id={k} name={k} type="date" defaultValue={period[k]} style={{ minWidth: 0, width: "100%", boxSizing: "border-box" }} />
          </div>
        ))}
        <div className="actions">
          <button type="submit">{t("figures.apply")}</button>
        </div>
      </Form>

      {/* Label above value: the two stay readable side by side neither at 360 px nor at 200 % text. */}
      <dl className="card">
        {(
          [
            [t("figures.households_followed"), String(f.householdsFollowed)],
            [t("figures.persons_followed"), String(f.personsFollowed)],
            [t("figures.interviews"), String(f.interviews)],
            [
              t("figures.median_days"),
              f.medianSupportDays === null
                ? t("figures.none")
                : t("figures.median_value", { value: new Intl.NumberFormat(i18n.language === "en" ? "en-GB" : "fr-FR").format(f.medianSupportDays) }),
            ],
            [t("figures.aid_total"), euros(f.aidCents)],
          ] as const
        ).map(([label, value]) => (
          <div key={label} style={{ marginBottom: "0.6rem" }}>
            <dt className="muted">{label}</dt>
            <dd style={{ margin: 0, fontWeight: 700, fontSize: "1.2rem" }}>{value}</dd>
          </div>
        ))}
      </dl>

      <Table id="by-kind" caption={t("figures.actions_by_kind")} valueLabel={t("figures.count")} rows={counts(f.actionsByKind, (k) => t(`kinds.${k}`))} />
      <Table id="by-topic" caption={t("figures.actions_by_topic")} valueLabel={t("figures.count")} rows={counts(f.actionsByTopic, (k) => t(`topics.${k}`))} />
      <Table
        id="aid-by-source"
        caption={t("figures.aid_by_source")}
        valueLabel={t("figures.amount")}
        rows={(Object.entries(f.aidBySource) as [string, number][]).map(([k, c]) => [t(`sources.${k}`), euros(c)])}
      />
      <Table id="rights" caption={t("figures.rights_opened")} valueLabel={t("figures.count")} rows={counts(f.rightsOpened, (k) => t(`rights.${k}`))} />
      <Table
        id="ref-field"
        caption={t("figures.referrals_by_field")}
        valueLabel={t("figures.count")}
        rows={counts(f.referralsByField, (k) => t(`partner_fields.${k}`))}
      />
      <Table
        id="ref-outcome"
        caption={t("figures.referrals_by_outcome")}
        valueLabel={t("figures.count")}
        rows={counts(f.referralsByOutcome, (k) => (k === "sent" || k === "taken_up" || k === "closed" ? t(`statuses.${k}`) : t(`referral_outcomes.${k}`)))}
      />
      <Table
        id="exits"
        caption={t("figures.exits_by_destination")}
        valueLabel={t("figures.count")}
        rows={counts(f.exitsByDestination, (k) => t(`households:destinations.${k}`))}
      />
      <Table id="housed-6" caption={t("figures.still_housed_6")} valueLabel={t("figures.count")} rows={counts(f.stillHoused6, (k) => t(`housed.${k}`))} />
      <Table id="housed-12" caption={t("figures.still_housed_12")} valueLabel={t("figures.count")} rows={counts(f.stillHoused12, (k) => t(`housed.${k}`))} />
    </>
  );
}
