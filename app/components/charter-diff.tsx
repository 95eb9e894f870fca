// Words added and removed between two versions of an article: <ins> underlined, <del> struck through, each
// with a screen-reader word ("ajouté" / "supprimé"), so the difference never rests on colour alone.
import { useTranslation } from "react-i18next";
import type { DiffPart } from "~/modules/charter/rules";

const INS = { textDecoration: "underline", textDecorationThickness: "2px", background: "#d8f3dc", color: "#0b3d1e" } as const;
const DEL = { textDecoration: "line-through", textDecorationThickness: "2px", background: "#fde2e1", color: "#6b0f0a" } as const;

export function DiffText({ parts }: { parts: DiffPart[] }) {
  const { t } = useTranslation("charter");
  return (
    <>
      {parts.map((p, i) =>
        p.kind === "added" ? (
          <ins key={i} style={INS}>
            <span className="visually-hidden">[{t("compare.sr_added")}] </span>
            {p.value}
            <span className="visually-hidden"> [/{t("compare.sr_added")}]</span>
          </ins>
        ) : p.kind === "removed" ? (
          <del key={i} style={DEL}>
            <span className="visually-hidden">[{t("compare.sr_removed")}] </span>
            {p.value}
            <span className="visually-hidden"> [/{t("compare.sr_removed")}]</span>
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </>
  );
}

export function DiffLegend() {
  const { t } = useTranslation("charter");
  return (
    <p className="small">
      {t("compare.legend")} <ins style={INS}>{t("compare.legend_added")}</ins> · <del style={DEL}>{t("compare.legend_removed")}</del>
    </p>
  );
}
