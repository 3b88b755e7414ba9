import type { ReactNode } from "react";
import { Link } from "react-router";

/** A titled part of a page, reachable from its contents list by id, with an optional action. */
export function Section({
  id,
  title,
  action,
  children,
}: {
  id: string;
  title: string;
  action?: { to: string; label: string } | null;
  children: ReactNode;
}) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="page-section">
      <div className="section-heading">
        <h2 id={`${id}-title`}>{title}</h2>
        {action && (
          <Link to={action.to} className="button-link secondary no-print">
            {action.label}
          </Link>
        )}
      </div>
      {children}
    </section>
  );
}
