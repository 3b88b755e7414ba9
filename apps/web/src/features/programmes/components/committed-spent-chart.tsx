import { formatPence, formatPenceShort } from "@fundline/domain";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type CommittedSpentBar = { name: string; committedPence: number; spentPence: number };

/** Committed against spent per programme. Presentational: the table beside it carries the same figures. */
export function CommittedSpentChart({ bars }: { bars: CommittedSpentBar[] }) {
  return (
    <figure
      className="chart"
      aria-label="Bar chart: committed against spent for each programme. The same figures are in the table below."
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={bars} margin={{ top: 8, right: 16, bottom: 8, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tickFormatter={shortName} interval={0} />
          <YAxis tickFormatter={(pence: number) => formatPenceShort(pence)} width={70} />
          <Tooltip formatter={(pence) => formatPence(Number(pence))} />
          <Legend />
          <Bar dataKey="committedPence" name="Committed" fill="var(--colour-committed)" isAnimationActive={false} />
          <Bar dataKey="spentPence" name="Spent" fill="var(--colour-spent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

function shortName(name: string): string {
  return name.length > 18 ? `${name.slice(0, 17)}…` : name;
}
