// Compare two versions of the charter, article by article: added, removed, changed and unchanged articles,
// words added and removed marked (<ins>/<del>, not by colour alone). Two selects in a GET form: works
// without JavaScript and the URL can be shared.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DiffLegend, DiffText } from "~/components/charter-diff";
import { requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { compareVersions, listVersions } from "~/modules/charter/versions.server";
import { CompareQuerySchema } from "~/modules/charter/schemas";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["charter"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  const versions = listVersions({ ctx }); // 403 without charter:read
  const url = new URL(request.url);
  const query = CompareQuerySchema.parse({ from: url.searchParams.get("from") || undefined, to: url.searchParams.get("to") || undefined });
  const known = (id: string | undefined) => versions.find((v) => v.id === id);
  // By default: the version in force (or the newest) against the one before it.
  const inForce = versions.find((v) => v.status === "adopted") ?? versions[0];
  const to = known(query.to) ?? inForce;
  const from = known(query.from) ?? versions.find((v) => to && v.number < to.number) ?? to;
  const result = from && to && from.id !== to.id ? compareVersions({ ctx, fromId: from.id, toId: to.id }) : null;
  return {
    title: getT(resolveLang(request, ctx.user.locale))("charter:compare.title"),
    groupId: ctx.groupId,
    versions: versions.map((v) => ({ id: v.id, number: v.number, title: v.title, status: v.status })),
    fromId: from?.id ?? "",
    toId: to?.id ?? "",
    result,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Compare() {
  const { t } = useTranslation("charter");
  const d = useLoaderData<typeof loader>();
  const base = `/g/${d.groupId}/charter`;
  const options = d.versions.map((v) => (
    <option key={v.id} value={v.id}>
      {t("version_option", { number: v.number, status: t(`statuses.${v.status}`) })}
    </option>
  ));
  return (
    <>
      <p>
        <Link to={base}>{t("title")}</Link>
      </p>
      <h1>{t("compare.title")}</h1>
      {d.versions.length < 2 ? (
        <p className="card">{t("compare.not_enough")}</p>
      ) : (
        <Form method="get" className="stack card">
          <div className="field">
            <label htmlFor="compare-from">{t("compare.from")}</label>
            <select id="compare-from" name="from" defaultValue={d.fromId} key={`from-${d.fromId}`}>
              {options}
            </select>
          </div>
          <div className="field">
            <label htmlFor="compare-to">{t("compare.to")}</label>
            <select id="compare-to" name="to" defaultValue={d.toId} key={`to-${d.toId}`}>
              {options}
            </select>
          </div>
          <div className="actions">
            <button type="submit">{t("compare.submit")}</button>
          </div>
        </Form>
      )}

      {d.versions.length >= 2 && !d.result ? <p className="muted">{t("compare.same")}</p> : null}

      {d.result ? (
        <section aria-labelledby="compare-result">
          <h2 id="compare-result">{t("compare.result_title", { from: d.result.from.number, to: d.result.to.number })}</h2>
          <p>{t("compare.summary", d.result.counts)}</p>
          <DiffLegend />
          {d.result.articles.map((a) => (
            <article key={a.key} className="card" aria-labelledby={`diff-${a.key}`}>
              <h3 id={`diff-${a.key}`}>
                <span className="tag">{t(`compare.changes.${a.change}`)}</span>{" "}
                {a.change === "changed" ? <DiffText parts={a.title} /> : a.title.map((p) => p.value).join("")}
              </h3>
              {a.change === "unchanged" ? (
                <details>
                  <summary>{t("compare.show_text")}</summary>
                  <p style={{ whiteSpace: "pre-wrap" }}>{a.body.map((p) => p.value).join("")}</p>
                </details>
              ) : (
                <p style={{ whiteSpace: "pre-wrap" }}>
                  <DiffText parts={a.body} />
                </p>
              )}
            </article>
          ))}
        </section>
      ) : null}
    </>
  );
}
