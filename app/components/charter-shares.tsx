// The shares of adults and households who signed the version in force (facilitators' view).
import { useTranslation } from "react-i18next";
import { percent } from "~/modules/charter/rules";

export function CharterShares({ figures }: { figures: { adults: number; adultsSigned: number; households: number; householdsSigned: number } }) {
  const { t } = useTranslation("charter");
  const line = (label: string, part: number, whole: number) => (
    <div>
      <dt className="muted small">{label}</dt>
      <dd style={{ margin: "0 0 0.5rem" }}>
        <strong>{t("figures.share", { part, whole, percent: percent(part, whole) ?? 0 })}</strong>
      </dd>
    </div>
  );
  return (
    <dl style={{ margin: "0.5rem 0" }}>
      {line(t("figures.adults"), figures.adultsSigned, figures.adults)}
      {line(t("figures.households"), figures.householdsSigned, figures.households)}
    </dl>
  );
}
