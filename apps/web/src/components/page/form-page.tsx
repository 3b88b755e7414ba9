import type { ReactNode } from "react";
import { Link } from "react-router";
import { PageHeading } from "./page-heading.tsx";

/** A page with one form on it (GOV.UK's question page): a way back, what it is about, the form. */
export function FormPage({
  back,
  caption,
  title,
  lead,
  children,
}: {
  back: { to: string; label: string };
  caption: string;
  title: string;
  lead?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="form-page">
      <Link to={back.to} className="back-link">
        {back.label}
      </Link>
      <p className="caption">{caption}</p>
      <PageHeading>{title}</PageHeading>
      {lead}
      {children}
    </div>
  );
}
