import { formatDate, formatPence, formatPenceShort } from "@fundline/domain";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export type CumulativePoint = { day: string; cumulativePence: number };

/**
 * Spend to date rising over time against the committed total, with the forecast outturn drawn
 * on from the last point to the last end date. Presentational: `label` must say where the table
 * with the same figures is. The forecast is dashed and named, so colour is not the only cue.
 */
export function CumulativeChart({
  label,
  points,
  committedPence,
  forecast,
}: {
  label: string;
  points: CumulativePoint[];
  committedPence: number;
  forecast: { day: string; outturnPence: number } | null;
}) {
  const last = points.at(-1);
  const time = (day: string) => Date.parse(`${day}T00:00:00Z`);
  const data = [
    ...points.map((point) => ({
      at: time(point.day),
      spent: point.cumulativePence,
      forecast: forecast && point === last ? point.cumulativePence : undefined,
    })),
    ...(forecast && last ? [{ at: time(forecast.day), spent: undefined, forecast: forecast.outturnPence }] : []),
  ];
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(at: number) => formatDate(new Date(at).toISOString()).replace(/^\d+ /, "")}
          />
          <YAxis tickFormatter={(pence: number) => formatPenceShort(pence)} width={70} domain={[0, "auto"]} />
          <Tooltip
            labelFormatter={(at) => formatDate(new Date(Number(at)).toISOString())}
            formatter={(pence) => formatPence(Number(pence))}
          />
          <Legend />
          <ReferenceLine
            y={committedPence}
            stroke="var(--colour-committed)"
            strokeDasharray="8 4"
            ifOverflow="extendDomain"
            label={{ value: `Committed ${formatPenceShort(committedPence)}`, position: "insideTopLeft" }}
          />
          <Line
            dataKey="spent"
            name="Spent to date"
            stroke="var(--colour-spent)"
            strokeWidth={2}
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          {forecast && (
            <Line
              dataKey="forecast"
              name="Forecast outturn"
              stroke="var(--colour-text)"
              strokeDasharray="4 4"
              strokeWidth={2}
              dot={{ r: 4 }}
              isAnimationActive={false}
              connectNulls
            />
          )}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
