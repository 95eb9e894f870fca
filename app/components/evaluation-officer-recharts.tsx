// The interactive version of a programme chart, drawn by recharts once the page runs in the browser (hover
// tooltips). Loaded on demand by evaluation-officer-chart.tsx, so pages without charts never download recharts;
// without JavaScript the server-drawn SVG stays. Same data, same colours, same gaps for hidden values.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type RechartsProps = {
  label: string;
  periods: string[];
  series: { label: string; values: (number | null)[] }[];
  colours: string[];
  dashes: string[];
  format: (n: number) => string;
  height: number;
};

export function RechartsLines({ label, periods, series, colours, dashes, format, height }: RechartsProps) {
  const data = periods.map((p, i) => Object.fromEntries([["period", p], ...series.map((s, si) => [`s${si}`, s.values[i]])]));
  return (
    <div role="img" aria-label={label} className="recharts-box" style={{ width: "100%", height }}>
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={data} margin={{ top: 16, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke="#d9ded9" vertical={false} />
          <XAxis dataKey="period" tick={{ fontSize: 11, fill: "#4a554f" }} />
          <YAxis tickFormatter={format} tick={{ fontSize: 11, fill: "#4a554f" }} width={56} />
          <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v ?? "—"))} />
          {series.map((s, si) => (
            <Line
              key={s.label}
              name={s.label}
              dataKey={`s${si}`}
              stroke={colours[si % colours.length]}
              strokeWidth={2.5}
              strokeDasharray={dashes[si % dashes.length] || undefined}
              dot={{ r: 3.5, fill: colours[si % colours.length] }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
