// The glossary of indicators, for every member: what each figure counts, where it comes from, its version
// (and what changed, when a definition changed). Residents see what is said about their group.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { EvaluationNav } from "~/components/evaluation-ui";
import { can, requireMember } from "~/modules/access/access.server";
import type { AccessPolicy } from "~/modules/access/policy";
import { INDICATORS, INDICATOR_CATEGORIES } from "~/modules/evaluation/indicators";
import { getT, resolveLang } from "~/modules/i18n/i18n.server";

export const access: AccessPolicy = "member";
export const handle = { i18n: ["evaluation"] };

export function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = requireMember(request, params, context);
  return {
    title: getT(resolveLang(request, ctx.user.locale))("evaluation:group.glossary.title"),
    groupId: ctx.groupId,
    canManage: can(ctx, "report:write"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} — Maisonnée` : "Maisonnée" }];

export default function Glossary() {
  const { t, i18n } = useTranslation("evaluation");
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("group.glossary.title")}</h1>
      <EvaluationNav groupId={d.groupId} canManage={d.canManage} />
      <p className="muted">{t("group.glossary.intro")}</p>
      {INDICATOR_CATEGORIES.map((cat) => (
        <section key={cat} aria-labelledby={`g-${cat}`}>
          <h2 id={`g-${cat}`}>{t(`group.categories.${cat}`)}</h2>
          <dl>
            {INDICATORS.filter((i) => i.category === cat).map((i) => (
              <div key={i.key} id={i.key} className="card">
                <dt>
                  <strong>{t(`glossary.${i.key}.name`)}</strong> <span className="small muted">({t("group.glossary.version", { version: i.version })})</span>
                </dt>
                <dd style={{ margin: "0.25rem 0 0" }}>
                  <p style={{ margin: 0 }}>{t(`glossary.${i.key}.definition`)}</p>
                  <p className="small muted" style={{ margin: "0.25rem 0 0" }}>
                    {t("group.glossary.source", { source: t(`glossary.${i.key}.source`) })}
                  </p>
                  {i18n.exists(`evaluation:glossary.${i.key}.changes`) ? (
                    <p className="small" style={{ margin: "0.25rem 0 0" }}>
                      {t("group.glossary.changes")} — {t(`glossary.${i.key}.changes`)}
                    </p>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}
