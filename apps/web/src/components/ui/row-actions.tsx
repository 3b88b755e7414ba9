import { Link } from "react-router";

/**
 * A table row's links to the forms that change it ("Correct", "Retire"), each read out with the
 * row it belongs to ("Retire the payment to Acme, 15 Jun 2021"), since a screen reader user hears
 * many "Retire" links on one page.
 */
export function RowActions({
  links,
  about,
  ownedBy,
}: {
  links: readonly (readonly [to: string, label: string])[];
  about: string;
  /** The council whose record this is, when it is not the reader's: it is that council's to change. */
  ownedBy?: string | null;
}) {
  if (ownedBy) return <span className="hint">{ownedBy}'s to change</span>;
  return (
    <>
      {links.map(([to, label]) => (
        <span key={to}>
          <Link to={to}>
            {label}
            <span className="visually-hidden"> {about}</span>
          </Link>{" "}
        </span>
      ))}
    </>
  );
}
