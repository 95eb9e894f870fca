// Home: the open survey a member has not answered yet, and for facilitators the way to the evaluation.
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/modules/core/dates";

export function EvaluationHomeSection({
  survey,
  canReport,
  groupId,
  timeZone,
}: {
  survey: { id: string; title: string; closesOn: string } | null;
  canReport: boolean;
  groupId: string;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation("evaluation");
  return (
    <>
      {survey ? (
        <section className="card" aria-labelledby="home-survey">
          <h2 id="home-survey">{t("survey.home_title")}</h2>
          <p>{t("survey.home_text", { title: survey.title, date: formatDate(survey.closesOn, i18n.language, timeZone) })}</p>
          <Link className="button" to={`/g/${groupId}/survey`}>
            {t("survey.home_button")}
          </Link>
        </section>
      ) : null}
      {canReport ? (
        <section className="card" aria-labelledby="home-evaluation">
          <h2 id="home-evaluation">{t("group.home_title")}</h2>
          <p>{t("group.home_text")}</p>
          <Link to={`/g/${groupId}/evaluation`}>{t("group.home_link")}</Link>
        </section>
      ) : null}
    </>
  );
}
