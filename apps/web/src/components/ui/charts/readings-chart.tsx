import { formatDate } from "@fundline/domain";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Measurements over time against a baseline and a target (a benefit's readings). Presentational:
 * `label` must say where the table with the same figures is. Values are plotted as numbers;
 * tables show them exactly as recorded.
 */
export function ReadingsChart({
  label,
  readings,
  baseline,
  target,
  unit,
}: {
  label: string;
  readings: { readOn: string; value: number }[];
  baseline: number | null;
  target: number | null;
  unit: string;
}) {
  const points = readings.map((reading) => ({ day: Date.parse(`${reading.readOn}T00:00:00Z`), value: reading.value }));
  return (
    <figure className="chart chart-small" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            tickFormatter={(day: number) => formatDate(new Date(day).toISOString())}
          />
          <YAxis width={56} domain={["auto", "auto"]} />
          <Tooltip
            labelFormatter={(day) => formatDate(new Date(Number(day)).toISOString())}
            formatter={(value) => [`${value} ${unit}`, "Reading"]}
          />
          {baseline !== null && (
            <ReferenceLine
              y={baseline}
              stroke="var(--colour-muted)"
              strokeDasharray="6 3"
              label={{ value: "Baseline", position: "insideTopLeft" }}
            />
          )}
          {target !== null && (
            <ReferenceLine
              y={target}
              stroke="var(--colour-committed)"
              strokeDasharray="2 2"
              label={{ value: "Target", position: "insideTopLeft" }}
            />
          )}
          <Line
            dataKey="value"
            name="Reading"
            stroke="var(--colour-spent)"
            strokeWidth={2}
            dot={{ r: 4 }}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
