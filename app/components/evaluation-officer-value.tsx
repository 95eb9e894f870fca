// How a protected figure reads: the number in the page's language and unit, or "< 5", "×", "—" with a title
// that says why. Cells of person counts carry data-person-count so a test can check none shows 1–4.
import { useTranslation } from "react-i18next";
import { indicatorDef } from "~/modules/evaluation/indicators";
import { shownText, type Shown } from "~/modules/evaluation/privacy";
import { numberFormat } from "~/modules/core/numbers";

export type Trend = "up" | "down" | "same" | null;

export function formatIndicator(unit: string, n: number, lang: string): string {
  const nf = (o: Intl.NumberFormatOptions) => numberFormat(lang, o).format(n);
  switch (unit) {
    case "percent":
      return nf({ style: "percent", maximumFractionDigits: 0 });
    case "euros":
      return nf({ style: "currency", currency: "EUR", maximumFractionDigits: 0 });
    case "hours":
    case "score":
      return nf({ maximumFractionDigits: 1 });
    default:
      return nf({ maximumFractionDigits: 1 });
  }
}

function shownString(key: string, shown: Shown, lang: string, range?: (from: string, to: string) => string): string {
  const unit = indicatorDef(key)?.unit ?? "count";
  return shownText(shown, (n) => formatIndicator(unit, n, lang), range);
}

export function ShownValue({ indicator, shown }: { indicator: string; shown: Shown }) {
  const { t, i18n } = useTranslation("evaluation");
  const text = shownString(indicator, shown, i18n.language, (from, to) => t("officer.shown.range", { from, to }));
  const why = shown.kind === "value" ? undefined : t(`officer.shown.${shown.kind}`);
  const person = indicatorDef(indicator)?.personCount ? { "data-person-count": "" } : {};
  return (
    <span title={why} {...person}>
      {text}
      {why ? <span className="visually-hidden"> ({why})</span> : null}
    </span>
  );
}

export function TrendMark({ trend }: { trend: Trend }) {
  const { t } = useTranslation("evaluation");
  if (!trend) return null;
  const mark = trend === "up" ? "↗" : trend === "down" ? "↘" : "→";
  return (
    <span className="trend" title={t(`officer.trend.${trend}`)}>
      <span aria-hidden="true">{mark}</span>
      <span className="visually-hidden">{t(`officer.trend.${trend}`)}</span>
    </span>
  );
}

/** The legend of the marks, once per page that shows figures. */
export function PrivacyNote() {
  const { t } = useTranslation("evaluation");
  return <p className="note">{t("officer.privacy_note")}</p>;
}
