import { formatPence, formatPenceShort } from "@fundline/domain";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ProfiledSpentBar = { financialYear: string; profiledPence: number; spentPence: number };

/** Profiled against spent per financial year. Presentational: the table below carries the same figures. */
export function ProfiledSpentChart({ years }: { years: ProfiledSpentBar[] }) {
  return (
    <figure
      className="chart"
      aria-label="Bar chart: funding profiled against spend in each financial year. The same figures are in the table below."
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={years} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="financialYear" />
          <YAxis tickFormatter={(pence: number) => formatPenceShort(pence)} width={70} />
          <Tooltip formatter={(pence) => formatPence(Number(pence))} />
          <Legend />
          <Bar dataKey="profiledPence" name="Profiled" fill="var(--colour-committed)" isAnimationActive={false} />
          <Bar dataKey="spentPence" name="Spent" fill="var(--colour-spent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
