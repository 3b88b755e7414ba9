import type { ReactNode } from "react";

/**
 * Holds a table that may be wider than the screen: it scrolls sideways inside this region, not
 * the whole page (WCAG 1.4.10), and the region can be reached and scrolled by keyboard.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
