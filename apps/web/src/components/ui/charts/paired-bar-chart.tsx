import { formatPence, formatPenceShort } from "@fundline/domain";
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** More bars than this are not legible: the chart shows the largest, the table every row. */
const MOST_GROUPS = 12;
/** Names longer than this turn the chart on its side, so they can be read whole. */
const SHORT_NAME = 14;

/**
 * Two amounts in pence side by side for each category (committed and spent per programme,
 * profiled and spent per year). Presentational: `label` must say where the table with the
 * same figures is. The second series is hatched as well as coloured, so colour is not the only
 * cue; long names (programmes) lie along the side, unshortened up to 40 characters.
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
  const id = useId().replaceAll(":", "");
  const shown =
    rows.length > MOST_GROUPS
      ? [...rows].sort((a, b) => Number(b[bars[0].pence]) - Number(a[bars[0].pence])).slice(0, MOST_GROUPS)
      : rows;
  const sideways = shown.some((row) => String(row[category]).length > SHORT_NAME);
  const name = (row: Row) => String(row[category]);
  const money = (pence: number) => formatPenceShort(pence);
  return (
    <figure
      className={sideways ? "chart chart-sideways" : "chart"}
      aria-label={rows.length > shown.length ? `${label} The chart shows the ${shown.length} largest.` : label}
      style={sideways ? { height: `${Math.max(14, shown.length * 3.2 + 5)}rem` } : undefined}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={shown}
          layout={sideways ? "vertical" : "horizontal"}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        >
          <defs>
            <pattern
              id={`${id}-hatch`}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" fill={bars[1].colour} />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#fff" strokeWidth="2" />
            </pattern>
          </defs>
          <CartesianGrid strokeDasharray="3 3" vertical={sideways} horizontal={!sideways} />
          {sideways ? (
            <>
              <XAxis type="number" tickFormatter={money} />
              <YAxis type="category" dataKey={name} width={nameWidth()} interval={0} tickFormatter={longName} />
            </>
          ) : (
            <>
              {/* Every label where they fit; on a phone every second or third, never overlapping (the
                  table below names each). */}
              <XAxis dataKey={name} interval="equidistantPreserveStart" />
              <YAxis tickFormatter={money} width={70} />
            </>
          )}
          <Tooltip formatter={(pence) => formatPence(Number(pence))} />
          <Legend />
          {bars.map((bar, index) => (
            <Bar
              key={bar.pence}
              dataKey={(row: Row) => Number(row[bar.pence])}
              name={bar.name}
              fill={index === 1 ? `url(#${id}-hatch)` : bar.colour}
              stroke={bar.colour}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

type PairedBar<Row> = { pence: keyof Row & string; name: string; colour: string };

/** Room for names beside the bars: less on a phone, where the bars need the width. */
function nameWidth(): number {
  return window.matchMedia("(max-width: 40rem)").matches ? 120 : 220;
}

/** Whole up to 40 characters; the table below has every name in full. */
function longName(name: string): string {
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}
