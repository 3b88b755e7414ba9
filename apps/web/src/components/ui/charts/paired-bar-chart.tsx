import { formatPence, formatPenceShort } from "@fundline/domain";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Two amounts in pence side by side for each category (committed and spent per programme,
 * profiled and spent per year). Presentational: `label` must say where the table with the
 * same figures is.
 */
export function PairedBarChart<Row extends Record<string, unknown>>({
  label,
  rows,
  category,
  bars,
}: {
  label: string;
  rows: Row[];
  category: keyof Row & string;
  bars: [PairedBar<Row>, PairedBar<Row>];
}) {
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey={(row: Row) => String(row[category])} tickFormatter={shortName} interval={0} />
          <YAxis tickFormatter={(pence: number) => formatPenceShort(pence)} width={70} />
          <Tooltip formatter={(pence) => formatPence(Number(pence))} />
          <Legend />
          {bars.map((bar) => (
            <Bar
              key={bar.pence}
              dataKey={(row: Row) => Number(row[bar.pence])}
              name={bar.name}
              fill={bar.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

type PairedBar<Row> = { pence: keyof Row & string; name: string; colour: string };

function shortName(name: string): string {
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
}
