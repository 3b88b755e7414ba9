import { type ComponentProps, lazy, Suspense } from "react";
import type { CumulativeChart as DrawnCumulativeChart } from "./charts/cumulative-chart.tsx";
import type { PairedBarChart as DrawnPairedBarChart } from "./charts/paired-bar-chart.tsx";
import type { ReadingsChart as DrawnReadingsChart } from "./charts/readings-chart.tsx";

// Recharts is most of the app's JavaScript (about 100 KB gzipped): it loads after the page it
// sits on, which shows its figures in a table meanwhile, so no page waits for its charts.
const PairedBarChartDrawing = lazy(async () => ({
  default: (await import("./charts/paired-bar-chart.tsx")).PairedBarChart,
}));
const CumulativeChartDrawing = lazy(async () => ({
  default: (await import("./charts/cumulative-chart.tsx")).CumulativeChart,
}));
const ReadingsChartDrawing = lazy(async () => ({
  default: (await import("./charts/readings-chart.tsx")).ReadingsChart,
}));

/** The chart's space, held while it loads, so nothing below it jumps. */
function ChartSpace({ label, small }: { label: string; small?: boolean }) {
  return <figure className={small ? "chart chart-small" : "chart"} aria-label={label} aria-busy="true" />;
}

export function PairedBarChart<Row extends Record<string, unknown>>(
  props: ComponentProps<typeof DrawnPairedBarChart<Row>>,
) {
  return (
    <Suspense fallback={<ChartSpace label={props.label} />}>
      <PairedBarChartDrawing {...(props as unknown as ComponentProps<typeof PairedBarChartDrawing>)} />
    </Suspense>
  );
}

export function ReadingsChart(props: ComponentProps<typeof DrawnReadingsChart>) {
  return (
    <Suspense fallback={<ChartSpace label={props.label} small />}>
      <ReadingsChartDrawing {...props} />
    </Suspense>
  );
}

export function CumulativeChart(props: ComponentProps<typeof DrawnCumulativeChart>) {
  return (
    <Suspense fallback={<ChartSpace label={props.label} />}>
      <CumulativeChartDrawing {...props} />
    </Suspense>
  );
}
