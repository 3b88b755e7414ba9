import { formatDate, formatDateTime, formatPence } from "@fundline/domain";
import { useEffect, useRef } from "react";
import { get } from "react-hook-form";
import { TableRegion } from "../ui/table-region.tsx";
import { Unreadable } from "./field-words.ts";

/**
 * Someone else saved this record while it was being edited (the API answered 409 with the record
 * as it is now). Shows what they changed beside what this person typed, and lets them apply
 * their edit to the fresh record or start again from it. Nothing typed is lost either way.
 */
export function ConflictNotice({
  what,
  current,
  edited,
  labels,
  onApplyMine,
  onTakeTheirs,
}: {
  what: string;
  current: Record<string, unknown>;
  edited: Record<string, unknown>;
  labels: Map<string, string>;
  onApplyMine: () => void;
  onTakeTheirs: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // Fields inside lists (`profile.0.amountPence`) are read by their path.
  const rows = [...labels.entries()].filter(
    ([name]) => shown(get(current, name), name) !== shown(get(edited, name), name),
  );
  return (
    <section className="conflict-notice" aria-labelledby="conflict-title">
      <h2 id="conflict-title" tabIndex={-1} ref={heading}>
        Someone else changed this {what} while you were editing it
      </h2>
      <p>
        Your changes are not saved yet.
        {typeof current.updatedAt === "string" && ` Their change was saved at ${formatDateTime(current.updatedAt)}.`}{" "}
        Here is the {what} as it is now, beside what you typed.
      </p>
      {rows.length > 0 && (
        <TableRegion label="Their version and yours">
          <table>
            <caption>Where their version and yours differ</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Saved now</th>
                <th scope="col">You typed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map(([name, label]) => (
                <tr key={name}>
                  <th scope="row">{label}</th>
                  <td>{shown(get(current, name), name)}</td>
                  <td>{shown(get(edited, name), name)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <div className="button-group">
        <button type="button" onClick={onApplyMine}>
          Apply my changes to their version
        </button>
        <button type="button" className="secondary" onClick={onTakeTheirs}>
          Discard mine and show theirs
        </button>
      </div>
    </section>
  );
}

function shown(value: unknown, name: string): string {
  if (value === null || value === undefined || value === "") return "none";
  if (value instanceof Unreadable) return "not readable";
  // Money is held in pence (`amountPence`): shown as the pounds people typed.
  if (name.endsWith("Pence") && typeof value === "number" && Number.isSafeInteger(value)) return formatPence(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return String(value);
}
