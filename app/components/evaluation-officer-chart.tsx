// A time-series line chart with its data table beside it for screen readers. The server draws it as plain SVG
// (fixed viewBox, scales to the width; hidden values "< 5", "—" are gaps): recharts 3 renders nothing on the
// server (its chart parts register in a store from effects, so renderToString gives an empty wrapper —
// recharts issues #5997 and #6139), and these pages must show their charts without JavaScript. Once the page
// runs in the browser, recharts (loaded on demand) takes over the same figure for tooltips.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatPeriod } from "~/modules/core/dates";
import { indicatorDef } from "~/modules/evaluation/indicators";
import { shownNumber, type Shown } from "~/modules/evaluation/privacy";
import { formatIndicator, ShownValue } from "./evaluation-officer-value";

export type ChartSeries = { label: string; values: Shown[] };

const W = 640;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };
const COLOURS = ["#1f5f4a", "#b5542b", "#2f5fa8", "#8a5a00", "#6b3fa0", "#3d7d7d"];
const DASHES = ["", "6 4", "2 3", "10 3 2 3", "1 4", "12 6"];

/** A "nice" upper bound and step for a y axis starting at 0. */
function niceScale(max: number, ticks = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: step * Math.ceil(max / step), step };
}

export function LineChartFigure({
  id,
  title,
  indicator,
  periods,
  series,
}: {
  id: string;
  title: string;
  indicator: string;
  periods: string[];
  series: ChartSeries[];
}) {
  const { t, i18n } = useTranslation("evaluation");
  const unit = indicatorDef(indicator)?.unit ?? "count";
  const numbers = series.flatMap((s) => s.values.flatMap((v) => (shownNumber(v) === null ? [] : [shownNumber(v)!])));
  const { top, step } = niceScale(Math.max(0, ...numbers));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (periods.length <= 1 ? plotW / 2 : (i * plotW) / (periods.length - 1));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const every = Math.max(1, Math.ceil(periods.length / 8));
  const captionId = `${id}-caption`;
  const [enhanced, setEnhanced] = useState<{ RechartsLines: typeof import("./evaluation-officer-recharts").RechartsLines } | null>(null);
  useEffect(() => {
    let live = true;
    void import("./evaluation-officer-recharts").then((m) => live && setEnhanced({ RechartsLines: m.RechartsLines }));
    return () => {
      live = false;
    };
  }, []);
  return (
    <figure className="chart-pair" aria-labelledby={captionId}>
      <div className="chart" data-chart={enhanced ? "recharts" : "svg"}>
        {enhanced ? (
          <enhanced.RechartsLines
            label={t("officer.chart.alt", { title })}
            periods={periods.map((p) => formatPeriod(p, i18n.language, "short"))}
            series={series.map((s) => ({ label: s.label, values: s.values.map((v) => shownNumber(v)) }))}
            colours={COLOURS}
            dashes={DASHES}
            format={(n) => formatIndicator(unit, n, i18n.language)}
            height={H}
          />
        ) : (
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title`} preserveAspectRatio="xMidYMid meet">
            <title id={`${id}-title`}>{t("officer.chart.alt", { title })}</title>
            {ticks.map((v) => (
              <g key={v}>
                <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#d9ded9" />
                <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" fontSize="11" fill="#4a554f">
                  {formatIndicator(unit, v, i18n.language)}
                </text>
              </g>
            ))}
            {periods.map((p, i) =>
              i % every === 0 || i === periods.length - 1 ? (
                <text key={p} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize="11" fill="#4a554f">
                  {formatPeriod(p, i18n.language, "short")}
                </text>
              ) : null,
            )}
            {series.map((s, si) => {
              // Consecutive shown values make a segment; a hidden value breaks the line.
              const segments: string[] = [];
              let current: string[] = [];
              s.values.forEach((v, i) => {
                if (shownNumber(v) !== null) current.push(`${x(i).toFixed(1)},${y(shownNumber(v)!).toFixed(1)}`);
                else if (current.length) {
                  segments.push(current.join(" "));
                  current = [];
                }
              });
              if (current.length) segments.push(current.join(" "));
              const colour = COLOURS[si % COLOURS.length];
              return (
                <g key={s.label}>
                  {segments.map((pts) => (
                    <polyline key={pts} points={pts} fill="none" stroke={colour} strokeWidth="2.5" strokeDasharray={DASHES[si % DASHES.length] || undefined} />
                  ))}
                  {s.values.map((v, i) => (shownNumber(v) !== null ? <circle key={i} cx={x(i)} cy={y(shownNumber(v)!)} r="3.5" fill={colour} /> : null))}
                </g>
              );
            })}
          </svg>
        )}
        {series.length > 1 ? (
          <ul className="row small" style={{ listStyle: "none", padding: 0, margin: "0.5rem 0 0" }} aria-hidden="true">
            {series.map((s, si) => (
              <li key={s.label}>
                <svg width="28" height="10" viewBox="0 0 28 10">
                  <line
                    x1="0"
                    x2="28"
                    y1="5"
                    y2="5"
                    stroke={COLOURS[si % COLOURS.length]}
                    strokeWidth="2.5"
                    strokeDasharray={DASHES[si % DASHES.length] || undefined}
                  />
                </svg>{" "}
                {s.label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table>
          <caption id={captionId}>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("officer.period")}</th>
              {series.map((s) => (
                <th key={s.label} scope="col" className="num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((p, i) => (
              <tr key={p}>
                <th scope="row">{formatPeriod(p, i18n.language)}</th>
                {series.map((s) => (
                  <td key={s.label} className="num">
                    <ShownValue indicator={indicator} shown={s.values[i]} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
