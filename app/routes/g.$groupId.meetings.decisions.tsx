// The decisions register: every decision of the group's meetings, latest first, searchable by words
// (accents and case ignored) and filtered by result and how it was taken — a GET form, so it works
// without JavaScript and the URL can be shared. Residents see decisions whose minutes are published.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { formatDate } from "~/modules/core/dates";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";
import { listDecisions } from "~/modules/meetings/decisions.server";
import { DECISION_METHODS, DECISION_RESULTS } from "~/modules/meetings/rules";
import { DecisionFilterSchema } from "~/modules/meetings/schemas";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["meetings"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const url = new URL(request.url);
  const filter = DecisionFilterSchema.parse({
    q: url.searchParams.get("q") ?? undefined,
    result: url.searchParams.get("result") || undefined,
    method: url.searchParams.get("method") || undefined,
  });
  return {
    title: getT(resolveLang(request, ctx.user.locale))("meetings:register.title"),
    groupId: ctx.groupId,
    timeZone: ctx.group.timeZone,
    filter,
    decisions: listDecisions({ ctx, filter }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function DecisionsRegister() {
  const { t, i18n } = useTranslation("meetings");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/meetings`;
  return (
    <>
      <p>
        <Link to={base}>{t("back_to_list")}</Link>
      </p>
      <h1>{t("register.title")}</h1>
      <p className="muted">{t("register.intro")}</p>
      <Form method="get" className="stack card" role="search" aria-label={t("register.search_label")}>
        <div className="field">
          <label htmlFor="register-q">{t("register.q")}</label>
          <input id="register-q" name="q" type="search" defaultValue={d.filter.q ?? ""} />
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor="register-result">{t("decision.result")}</label>
            <select id="register-result" name="result" defaultValue={d.filter.result ?? ""}>
              <option value="">{t("register.any")}</option>
              {DECISION_RESULTS.map((r) => (
                <option key={r} value={r}>
                  {t(`results.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="register-method">{t("decision.method")}</label>
            <select id="register-method" name="method" defaultValue={d.filter.method ?? ""}>
              <option value="">{t("register.any")}</option>
              {DECISION_METHODS.map((m) => (
                <option key={m} value={m}>
                  {t(`methods.${m}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="actions">
          <button type="submit">{t("register.search")}</button>
        </div>
      </Form>
      <h2>{t("register.results", { count: d.decisions.length })}</h2>
      {d.decisions.length ? (
        <ul className="list register-list">
          {d.decisions.map((dec) => (
            <li key={dec.id}>
              <p>
                <strong>{dec.text}</strong>
              </p>
              <p className="small">
                <span className="tag">{t(`results.${dec.result}`)}</span> {t(`methods.${dec.method}`)}
                {dec.method === "majority"
                  ? ` (${t("decision.votes_text", { for: dec.votesFor ?? 0, against: dec.votesAgainst ?? 0, abstain: dec.votesAbstain ?? 0 })})`
                  : ""}
              </p>
              <p className="small">
                <Link to={`${base}/${dec.meetingId}`}>
                  {dec.meetingTitle} — {formatDate(dec.decidedOn, i18n.language, d.timeZone)}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("register.none")}</p>
      )}
    </>
  );
}
